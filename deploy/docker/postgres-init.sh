#!/bin/sh
# A database and a login role per service, each owning only its own database.
set -eu
for service in incident notification support compliance feedback; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE candor_${service} LOGIN PASSWORD '${CANDOR_DB_PASSWORD}';
CREATE DATABASE candor_${service} OWNER candor_${service};
SQL
done
