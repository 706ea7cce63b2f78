#!/usr/bin/env bash
# A PostgreSQL 15 server on loopback for the LiteLLM import tests and bench (docs/organisation-data.md).
#
#   eval "$(scripts/start-test-postgres.sh)"    # prints: export TOKENCAST_TEST_POSTGRES_URL=...
#
# Installs Debian's `postgresql` with apt-get if its binaries are missing, creates a cluster of
# its own in $TOKENCAST_PG_DIR (default /tmp/tokencast-test-postgres; never the system cluster;
# a cluster found there that is not running is deleted and made again),
# starts it on 127.0.0.1:$TOKENCAST_PG_PORT (default 54329) with password (SCRAM) authentication
# so that the bad-credentials test means something, and creates the role `tokencast` (allowed to
# create databases: each test suite makes an empty database of its own and drops it). Running it
# again reuses the running server. Stop it with:  scripts/start-test-postgres.sh --stop
# Everything it says goes to stderr; stdout is the export line alone.
set -euo pipefail
PGDIR=${TOKENCAST_PG_DIR:-/tmp/tokencast-test-postgres}
PORT=${TOKENCAST_PG_PORT:-54329}
ROLE=tokencast
PASSWORD=tokencast-test   # loopback only, a throwaway cluster
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
  echo "start-test-postgres: installing postgresql with apt-get" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN=$(bindir)

# initdb and the server refuse to run as root: as root, run them as the postgres user.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

if [ "${1:-}" = "--stop" ]; then
  as_owner "$BIN/pg_ctl" -D "$PGDIR/data" -m fast stop >&2 || true
  exit 0
fi

# A server that is not running (never started, or killed with the session that started it, which
# leaves stale lock files) is replaced by a fresh cluster: every start is from empty databases.
if ! { [ -f "$PGDIR/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; }; then
  rm -rf "$PGDIR"
fi
mkdir -p "$PGDIR"
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; fi
if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
  echo "start-test-postgres: initdb $PGDIR/data" >&2
  pwfile=$(mktemp) && echo "$PASSWORD" >"$pwfile" && chmod 644 "$pwfile"
  as_owner "$BIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi
if ! as_owner "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  # fsync off: a test server whose data is thrown away; the import reads, it does not need durability.
  as_owner "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-k $PGDIR -p $PORT -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=2GB" \
    start >&2
fi
psql_admin() { as_owner "$BIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $ROLE OWNER $ROLE" >&2
fi
echo "start-test-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($PGDIR)" >&2
echo "export TOKENCAST_TEST_POSTGRES_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$ROLE"
