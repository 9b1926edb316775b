#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the hub's tests: Debian's postgresql binaries, a temporary
# data directory, loopback only, run as the postgres user (initdb refuses root). Prints one line:
#   CONCORD_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres
# `scripts/test-postgres.sh stop DIR` stops it. Used by .ci/run and by hand.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgresql is not installed (apt-get install postgresql)" >&2; exit 1; }
if [ "${1:-start}" = stop ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$2/data" -m fast stop >/dev/null
  rm -rf "$2"
  exit 0
fi
# The first free port from 55432 (or PGPORT_FOR_TESTS) on: a port something answers on is taken.
port=${PGPORT_FOR_TESTS:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/concord-pg.XXXXXX)
chown postgres "$dir"
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
# Tests trade durability for speed; PG_DURABLE=1 (the benchmarks) keeps PostgreSQL's defaults.
fast="-c fsync=off -c synchronous_commit=off"
[ -n "${PG_DURABLE:-}" ] && fast=""
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 $fast" start >/dev/null
echo "CONCORD_TEST_POSTGRES=postgres://postgres@127.0.0.1:$port/postgres"
echo "CONCORD_TEST_POSTGRES_DIR=$dir"
