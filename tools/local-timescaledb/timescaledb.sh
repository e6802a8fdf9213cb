#!/usr/bin/env bash
# Provisions and runs a real PostgreSQL 15 + TimescaleDB (Apache/OSS build) without Docker.
# Recipe and reasons: docs/design-notes.md, "Local TimescaleDB without Docker".
#
#   tools/local-timescaledb/timescaledb.sh install   build + install the extension if missing (needs root)
#   tools/local-timescaledb/timescaledb.sh start     install if needed, initdb once, start the cluster
#   tools/local-timescaledb/timescaledb.sh stop      stop the cluster
#   tools/local-timescaledb/timescaledb.sh status    exit 0 when the cluster accepts connections
#   tools/local-timescaledb/timescaledb.sh url       print the admin URL of the running cluster
#
# Every command is idempotent. Settings (environment):
#   LOCAL_PG_PORT  port of the private cluster           (default 55432)
#   LOCAL_PG_DIR   where the cluster lives (git-ignored)  (default <workspace>/.local/timescaledb-<port>)
#   LOCAL_PG_USER / LOCAL_PG_PASSWORD  superuser of the cluster (default postgres / postgres)
#   LOCAL_PG_DB    a database to create if missing        (default postgres)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PORT="${LOCAL_PG_PORT:-55432}"
DIR="${LOCAL_PG_DIR:-$ROOT/.local/timescaledb-$PORT}"
DB_USER="${LOCAL_PG_USER:-postgres}"
DB_PASSWORD="${LOCAL_PG_PASSWORD:-postgres}"
DB_NAME="${LOCAL_PG_DB:-postgres}"
DATA="$DIR/data"
LOG="$DIR/postgres.log"
SOCKET_DIR="$DIR/run"
CONTROL_FILE="/usr/share/postgresql/15/extension/timescaledb.control"
TIMESCALEDB_SUITE="trixie"

SERVICE_NAME="local-timescaledb"
ROOT_HINT="install TimescaleDB for PostgreSQL 15 yourself"
# shellcheck source=../scripts/local-service-helpers.sh
. "$ROOT/tools/scripts/local-service-helpers.sh"

install_extension() {
  if [ -f "$CONTROL_FILE" ] && [ -x "$PG_BIN/pg_ctl" ]; then say "TimescaleDB already installed ($CONTROL_FILE)"; return 0; fi
  say "building TimescaleDB from Debian's $TIMESCALEDB_SUITE source package (about a minute)"
  local work apt_dir
  work="$(mktemp -d /var/tmp/timescaledb-build.XXXXXX)"
  apt_dir="$work/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
  # A private apt configuration: the system's sources stay untouched.
  echo "deb-src http://deb.debian.org/debian $TIMESCALEDB_SUITE main" >"$apt_dir/sources.list"
  local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives" -o "APT::Sandbox::User=root")
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql-15 postgresql-server-dev-15 cmake dpkg-dev gcc make libc6-dev >/dev/null
  as_root apt-get "${apt_opts[@]}" update -qq >/dev/null
  (cd "$work" && as_root apt-get "${apt_opts[@]}" source -qq --download-only timescaledb >/dev/null)
  (cd "$work" && as_root dpkg-source -x --no-check ./timescaledb_*.dsc src >/dev/null)
  (cd "$work/src" && as_root ./bootstrap -DAPACHE_ONLY=1 -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
    -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$PG_BIN/pg_config" >/dev/null)
  (cd "$work/src/build" && as_root make -j"$(nproc)" >/dev/null && as_root make install >/dev/null)
  as_root rm -rf "$work"
  [ -f "$CONTROL_FILE" ] || die "build finished but $CONTROL_FILE is missing"
  say "TimescaleDB installed"
}

is_running() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1
}

# The superuser's password reaches initdb through a file: readable by its owner only (0600) from the
# moment it exists, and removed however initdb ends (failure, Ctrl-C).
PWFILE=""
remove_pwfile() { if [ -n "$PWFILE" ]; then rm -f "$PWFILE"; PWFILE=""; fi; }

init_cluster() {
  say "initdb $DATA"
  PWFILE="$DIR/.pw"
  trap remove_pwfile EXIT
  trap 'remove_pwfile; exit 130' INT TERM
  # A file left by an older version of this script may be world-readable: start afresh, and never
  # write through a file that appears meanwhile (noclobber).
  rm -f "$PWFILE"
  (umask 077 && set -o noclobber && printf '%s\n' "$DB_PASSWORD" >"$PWFILE")
  if [ "$(id -u)" = 0 ]; then chown postgres "$PWFILE"; fi
  run_as_owner "$PG_BIN/initdb" -D "$DATA" -U "$DB_USER" --pwfile="$PWFILE" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >/dev/null
  remove_pwfile
  trap - EXIT INT TERM
  cat >>"$DATA/postgresql.conf" <<CONF
# sentiment-ingest local TimescaleDB (tools/local-timescaledb)
shared_preload_libraries = 'timescaledb'
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
timescaledb.telemetry_level = off
# Test databases are cloned from a template; background workers would hold connections to it.
timescaledb.max_background_workers = 0
CONF
}

start_cluster() {
  install_extension
  if is_running; then say "already running on port $PORT"; ensure_database; print_url; return 0; fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then init_cluster; fi
  mkdir -p "$SOCKET_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$SOCKET_DIR"; fi
  run_as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $PORT -k $SOCKET_DIR" start >/dev/null || { tail -20 "$LOG" >&2; die "could not start PostgreSQL (log: $LOG)"; }
  say "running on port $PORT (log: $LOG)"
  ensure_database
  print_url
}

stop_cluster() {
  if [ -f "$DATA/postmaster.pid" ]; then run_as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
  say "stopped"
}

ensure_database() {
  local psql=("$PG_BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres)
  if [ "$(PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
    PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c "create database \"$DB_NAME\"" && say "created database $DB_NAME"
  fi
}

# Percent-encodes one URL part byte by byte (RFC 3986 unreserved characters stay as they are), so a
# password holding @ : / # or % gives a URL that parses.
url_encode() {
  local LC_ALL=C text="$1" out="" char i
  for ((i = 0; i < ${#text}; i++)); do
    char="${text:i:1}"
    case "$char" in
      [a-zA-Z0-9.~_-]) out+="$char" ;;
      *) out+="$(printf '%%%02X' "'$char")" ;;
    esac
  done
  printf '%s' "$out"
}

print_url() { echo "postgres://$(url_encode "$DB_USER"):$(url_encode "$DB_PASSWORD")@127.0.0.1:$PORT/$(url_encode "$DB_NAME")"; }

# Sourced (by tools/workspace-checks' tests), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    install) install_extension ;;
    start) start_cluster ;;
    stop) stop_cluster ;;
    status) if is_running; then say "running on port $PORT"; else say "not running"; exit 1; fi ;;
    url) print_url ;;
    *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
fi
