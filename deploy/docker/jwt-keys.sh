#!/bin/sh
# Makes the RS256 key pair staff tokens are signed with, once; the services read only the public key.
set -eu
if [ ! -f /keys/public.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /keys/private.pem
  openssl pkey -in /keys/private.pem -pubout -out /keys/public.pem
  chmod 644 /keys/public.pem
fi
