#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks of the shared store (issue 14): Debian's server in a
# temporary folder, on a free loopback port, locale C (text sorts byte by byte, as SQLite does), trust authentication
# on loopback only. The server refuses to run as root: under root it runs as the `postgres` user.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # exports ATELIER_TEST_PG_URL and ATELIER_TEST_PG_DIR
#   scripts/pg-test-cluster.sh stop "$ATELIER_TEST_PG_DIR"
#
# Installs the `postgresql` package when no server binary is found (apt, as root or through sudo).
set -euo pipefail

server_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
  done
  return 1
}

as_owner() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local bin
  if ! bin=$(server_bin); then
    local sudo=''
    ((EUID == 0)) || sudo='sudo'
    echo 'PostgreSQL server missing: installing the postgresql package' >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql >&2 || { $sudo apt-get update >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql >&2; }
    bin=$(server_bin)
  fi
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/atelier-pg-XXXXXX")
  chmod 755 "$dir"
  ((EUID == 0)) && chown postgres: "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --locale=C --encoding=UTF8 -A trust >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; return 1; }
  # fsync off: a throwaway cluster whose data may be lost on a crash, written as fast as the disk allows.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || { cat "$dir/server.log" >&2; return 1; }
  echo "export ATELIER_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export ATELIER_TEST_PG_DIR=$dir"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
}

stop() {
  local dir=${1:?usage: pg-test-cluster.sh stop DIR}
  local bin
  bin=$(server_bin)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo 'usage: pg-test-cluster.sh start | stop DIR' >&2; exit 2 ;;
esac
