#!/bin/sh
# Makes the Ed25519 key compliance-service signs its audit chain's checkpoints with, once, readable by the
# service's user only; it never goes into the database. Keep its public key (/keys/public.pem) for whoever
# verifies a checkpoint.
set -eu
if [ ! -f /keys/signing-key.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm ed25519 -out /keys/signing-key.pem
  openssl pkey -in /keys/signing-key.pem -pubout -out /keys/public.pem
  chown 185 /keys/signing-key.pem
  chmod 400 /keys/signing-key.pem
  chmod 644 /keys/public.pem
fi
