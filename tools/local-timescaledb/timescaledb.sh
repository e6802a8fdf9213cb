#!/usr/bin/env bash
# Provisions and runs a real PostgreSQL 15 + TimescaleDB 2.19.3 without Docker, in either edition:
# the OSS (Apache) edition, as compose runs it, or the community edition (Timescale License).
# Recipe and reasons: docs/design-notes.md, "Local TimescaleDB without Docker".
#
#   tools/local-timescaledb/timescaledb.sh install   build + install the extension if missing (needs root)
#   tools/local-timescaledb/timescaledb.sh start     install if needed, initdb once, start the cluster
#   tools/local-timescaledb/timescaledb.sh stop      stop the cluster
#   tools/local-timescaledb/timescaledb.sh status    exit 0 when the cluster accepts connections
#   tools/local-timescaledb/timescaledb.sh url       print the admin URL of the running cluster
#   ... [--edition oss|community]                    which cluster (default oss; or LOCAL_PG_EDITION)
#
# Which build: the full upstream source (with tsl/, both editions) when its tarball is found, else
# Debian's source package (tsl/ removed: OSS only). The tarball, checked against its sha256, is
# TIMESCALEDB_SOURCE_TARBALL, else <workspace>/.local/vendor/timescaledb-2.19.3.tar.gz, else
# <workspace>/../shared/vendor/timescaledb-2.19.3.tar.gz (a TIMESCALEDB_SOURCE_TARBALL naming no file
# means none). `install` replaces an OSS-only build by the full one once the tarball is there.
# `start --edition community` needs the full build: without it, it exits 3 and says where to put it.
#
# Every command is idempotent. Settings (environment):
#   LOCAL_PG_EDITION  oss or community (same as --edition)      (default oss)
#   LOCAL_PG_PORT  port of the private cluster           (default 55432 for oss, 55442 for community;
#                  when the default is held by another program, `start` takes the next free port
#                  and its URL says which: stop it with LOCAL_PG_PORT=<that port>)
#   LOCAL_PG_DIR   where the cluster lives (git-ignored)  (default <workspace>/.local/timescaledb-<port>)
#   LOCAL_PG_USER / LOCAL_PG_PASSWORD  superuser of the cluster (default postgres / postgres)
#   LOCAL_PG_DB    a database to create if missing        (default postgres)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
COMMAND="${1:-}"
EDITION="${LOCAL_PG_EDITION:-oss}"
if [ "${2:-}" = "--edition" ]; then EDITION="${3:-}"; elif [[ "${2:-}" == --edition=* ]]; then EDITION="${2#--edition=}"; fi
case "$EDITION" in
  oss) LICENSE=apache; DEFAULT_PORT=55432 ;;
  community) LICENSE=timescale; DEFAULT_PORT=55442 ;;
  *) echo "[local-timescaledb] error: unknown edition '$EDITION': use oss or community" >&2; exit 2 ;;
esac
PORT="${LOCAL_PG_PORT:-$DEFAULT_PORT}"
DB_USER="${LOCAL_PG_USER:-postgres}"
DB_PASSWORD="${LOCAL_PG_PASSWORD:-postgres}"
DB_NAME="${LOCAL_PG_DB:-postgres}"
set_cluster_dir() {
  DIR="$1"
  DATA="$DIR/data"
  LOG="$DIR/postgres.log"
  SOCKET_DIR="$DIR/run"
}
set_cluster_dir "${LOCAL_PG_DIR:-$ROOT/.local/timescaledb-$PORT}"
CONTROL_FILE="/usr/share/postgresql/15/extension/timescaledb.control"
TIMESCALEDB_SUITE="trixie"
TIMESCALEDB_VERSION="2.19.3"
# The Timescale-licensed module a full build installs beside the Apache one; Debian's build lacks it.
TSL_MODULE="$PG_BIN/../lib/timescaledb-tsl-$TIMESCALEDB_VERSION.so"
SOURCE_TARBALL_NAME="timescaledb-$TIMESCALEDB_VERSION.tar.gz"
# The unmodified upstream tree at tag 2.19.3 (the team's vendor README gives the same sum).
SOURCE_TARBALL_SHA256="70f0807d121cd9ec3828d3e8bed7ea0cdff47f50fab090406e22f49e4ced6cef"
# One build at a time per machine: test projects and checkouts may start clusters together.
INSTALL_LOCK="/var/tmp/sentiment-ingest-timescaledb-install.lock"
# Exit status of `start --edition community` when no full build can be had (not a failure of the script).
EXIT_EDITION_UNAVAILABLE=3

SERVICE_NAME="local-timescaledb"
ROOT_HINT="install TimescaleDB for PostgreSQL 15 yourself"
# shellcheck source=../scripts/local-service-helpers.sh
. "$ROOT/tools/scripts/local-service-helpers.sh"

# Prints the path of the full source tarball, or nothing when there is none.
find_source_tarball() {
  if [ -n "${TIMESCALEDB_SOURCE_TARBALL:-}" ]; then
    # chosen explicitly: the other places are not looked at (a path to nothing means no full build)
    if [ -f "$TIMESCALEDB_SOURCE_TARBALL" ]; then echo "$TIMESCALEDB_SOURCE_TARBALL"; else say "TIMESCALEDB_SOURCE_TARBALL=$TIMESCALEDB_SOURCE_TARBALL: no such file"; fi
    return 0
  fi
  local candidate
  for candidate in "$ROOT/.local/vendor/$SOURCE_TARBALL_NAME" "$ROOT/../shared/vendor/timescaledb-$TIMESCALEDB_VERSION.tar.gz"; do
    if [ -f "$candidate" ]; then echo "$candidate"; return 0; fi
  done
}

has_full_build() { [ -f "$CONTROL_FILE" ] && [ -f "$TSL_MODULE" ]; }

install_extension() {
  if has_full_build && [ -x "$PG_BIN/pg_ctl" ]; then say "TimescaleDB already installed, full build: both editions ($TSL_MODULE)"; return 0; fi
  local tarball
  tarball="$(find_source_tarball)"
  if [ -z "$tarball" ] && [ -f "$CONTROL_FILE" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    say "TimescaleDB already installed, OSS build only ($CONTROL_FILE; no $SOURCE_TARBALL_NAME found for the full build)"
    return 0
  fi
  as_root mkdir -p "$(dirname "$INSTALL_LOCK")"
  exec 9>"$INSTALL_LOCK"
  if ! flock -n 9; then say "another process is installing TimescaleDB: waiting for it"; flock 9; fi
  # The other process may have installed meanwhile.
  if has_full_build || { [ -z "$tarball" ] && [ -f "$CONTROL_FILE" ]; }; then exec 9>&-; say "TimescaleDB installed"; return 0; fi
  install_build_tools
  if [ -n "$tarball" ]; then build_full "$tarball"; else build_debian_oss; fi
  exec 9>&-
}

install_build_tools() {
  if [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/pg_config" ] && command -v cmake >/dev/null && command -v gcc >/dev/null && command -v make >/dev/null; then return 0; fi
  say "installing PostgreSQL 15 and the build tools (Debian packages)"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql-15 postgresql-server-dev-15 cmake dpkg-dev gcc make libc6-dev >/dev/null
}

# The full build (Apache and Timescale-licensed modules): `timescaledb.license` chooses the edition
# per server. Its default is 'timescale', so every cluster of this script sets the license explicitly.
build_full() {
  local tarball="$1" work
  local sum
  sum="$(sha256sum "$tarball" | cut -d' ' -f1)"
  [ "$sum" = "$SOURCE_TARBALL_SHA256" ] ||
    die "$tarball has sha256 $sum, not $SOURCE_TARBALL_SHA256 (the unmodified upstream $TIMESCALEDB_VERSION source): replace it, or remove it to keep the OSS build"
  # An OSS cluster already running on the default port (started before this script pinned its
  # license, or by another checkout) would turn community with the new module's
  # default license: pin it to 'apache' first.
  if [ "$PORT" != 55432 ] && PORT=55432 is_running; then
    PORT=55432 LICENSE=apache ensure_license || say "could not pin the license of the cluster on port 55432 to apache"
  fi
  say "building TimescaleDB $TIMESCALEDB_VERSION, full edition, from $tarball (about a minute)"
  work="$(mktemp -d /var/tmp/timescaledb-build.XXXXXX)"
  tar -xzf "$tarball" -C "$work"
  local src="$work/timescaledb-$TIMESCALEDB_VERSION"
  [ -x "$src/bootstrap" ] || die "$tarball does not hold timescaledb-$TIMESCALEDB_VERSION/bootstrap"
  (cd "$src" && ./bootstrap -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF \
    -DPG_CONFIG="$PG_BIN/pg_config" >"$work/build.log" 2>&1) || { tail -20 "$work/build.log" >&2; die "bootstrap failed (log: $work/build.log)"; }
  (cd "$src/build" && make -j"$(nproc)" >>"$work/build.log" 2>&1 && as_root make install >>"$work/build.log" 2>&1) ||
    { tail -20 "$work/build.log" >&2; die "build failed (log: $work/build.log)"; }
  rm -rf "$work"
  has_full_build || die "build finished but $TSL_MODULE is missing"
  say "TimescaleDB installed, full build: both editions"
}

build_debian_oss() {
  say "building TimescaleDB from Debian's $TIMESCALEDB_SUITE source package, OSS only (about a minute)"
  local work apt_dir
  work="$(mktemp -d /var/tmp/timescaledb-build.XXXXXX)"
  apt_dir="$work/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
  # A private apt configuration: the system's sources stay untouched.
  echo "deb-src http://deb.debian.org/debian $TIMESCALEDB_SUITE main" >"$apt_dir/sources.list"
  local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives" -o "APT::Sandbox::User=root")
  as_root apt-get "${apt_opts[@]}" update -qq >/dev/null
  (cd "$work" && as_root apt-get "${apt_opts[@]}" source -qq --download-only timescaledb >/dev/null)
  (cd "$work" && as_root dpkg-source -x --no-check ./timescaledb_*.dsc src >/dev/null)
  (cd "$work/src" && as_root ./bootstrap -DAPACHE_ONLY=1 -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
    -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$PG_BIN/pg_config" >/dev/null)
  (cd "$work/src/build" && as_root make -j"$(nproc)" >/dev/null && as_root make install >/dev/null)
  as_root rm -rf "$work"
  [ -f "$CONTROL_FILE" ] || die "build finished but $CONTROL_FILE is missing"
  say "TimescaleDB installed, OSS build"
}

is_running() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1
}

# A server that is starting up or shutting down answers "rejecting connections" (pg_isready exit 1),
# for example another checkout's cluster being stopped: wait (up to a minute) until it either accepts
# connections or is gone, so that neither a second postmaster nor a half-stopped one is used.
wait_until_settled() {
  local tries=0 answer
  while [ "$tries" -lt 60 ]; do
    answer=0
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1 || answer=$?
    [ "$answer" = 1 ] || return 0
    tries=$((tries + 1))
    sleep 1
  done
  say "port $PORT still rejects connections after 60 s (a server starting or stopping)"
}

# Whether anything listens on 127.0.0.1:$PORT (a server pg_isready does not count as running). A
# listener whose queue is full never answers the connect: after 3 s the port counts as taken too.
port_taken() {
  local answer=0
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || answer=$?
  [ "$answer" = 0 ] || [ "$answer" = 124 ]
}

# When the port is held by something that is not a running cluster (another program, a server that
# would not settle), a cluster on the default port moves to the next free port (its own directory,
# .local/timescaledb-<port>) and says so; the URL printed carries the port. A port chosen with
# LOCAL_PG_PORT is never moved: that is an error that names the port.
choose_free_port() {
  port_taken || return 0
  [ -z "${LOCAL_PG_PORT:-}" ] || die "port $PORT (LOCAL_PG_PORT) is taken by another program that is not a PostgreSQL accepting connections: free it or choose another LOCAL_PG_PORT"
  local wanted="$PORT" candidate
  for candidate in $(seq $((PORT + 1)) $((PORT + 9))); do
    PORT="$candidate"
    if is_running; then break; fi
    if ! port_taken; then break; fi
    PORT="$wanted"
  done
  [ "$PORT" != "$wanted" ] || die "port $wanted and the nine after it are taken: set LOCAL_PG_PORT to a free port"
  say "port $wanted is taken by another program that is not a PostgreSQL accepting connections: using port $PORT"
  if [ -z "${LOCAL_PG_DIR:-}" ]; then set_cluster_dir "$ROOT/.local/timescaledb-$PORT"; fi
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
# The edition ($EDITION): see ensure_license
timescaledb.license = '$LICENSE'
CONF
}

# The edition is a server setting: TimescaleDB accepts timescaledb.license only from the configuration
# file or the server's command line (its check hook refuses ALTER DATABASE/ROLE SET and SET: "Cannot
# change a license in a running session"), so each edition gets its own cluster. The line goes into
# the cluster's postgresql.conf, so it stays with the data directory however the server is started,
# and a cluster made before this setting existed gets it too (ALTER SYSTEM cannot write it: outside a
# database with the extension the parameter is unknown). A full build defaults to 'timescale', so the
# OSS cluster must say 'apache' explicitly. A change needs a restart (each session picks the module
# when it starts), done here once.
ensure_license() {
  local psql=("$PG_BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres)
  local configured config_file data_dir
  configured="$(PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c \
    "select setting from pg_file_settings where name = 'timescaledb.license' and error is null order by seqno desc limit 1")"
  if [ "$configured" = "$LICENSE" ]; then return 0; fi
  say "setting timescaledb.license = '$LICENSE' on port $PORT (was: ${configured:-unset}) and restarting it once"
  config_file="$(PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c "show config_file")"
  data_dir="$(PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c "show data_directory")"
  printf "# The edition (tools/local-timescaledb, ensure_license)\ntimescaledb.license = '%s'\n" "$LICENSE" >>"$config_file"
  run_as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -l "$(dirname "$data_dir")/postgres.log" -m fast -w -t 60 restart >/dev/null ||
    die "could not restart the cluster on port $PORT (log: $(dirname "$data_dir")/postgres.log)"
  configured="$(PGPASSWORD="$DB_PASSWORD" "${psql[@]}" -c \
    "select setting from pg_file_settings where name = 'timescaledb.license' and error is null order by seqno desc limit 1")"
  [ "$configured" = "$LICENSE" ] || die "timescaledb.license on port $PORT is still '${configured:-unset}' (postgresql.auto.conf may override $config_file)"
}

start_cluster() {
  wait_until_settled
  if ! is_running; then choose_free_port; fi
  # pin a running cluster's edition before a build may change the modules' default license
  if is_running; then ensure_license; fi
  install_extension
  if [ "$EDITION" = community ] && ! has_full_build; then
    say "the community edition needs the full TimescaleDB build, which needs the unmodified upstream source $SOURCE_TARBALL_NAME (with tsl/): put it at $ROOT/.local/vendor/$SOURCE_TARBALL_NAME or set TIMESCALEDB_SOURCE_TARBALL (sha256 $SOURCE_TARBALL_SHA256)"
    exit "$EXIT_EDITION_UNAVAILABLE"
  fi
  if is_running; then say "already running on port $PORT ($EDITION edition)"; ensure_database; print_url; return 0; fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then init_cluster; fi
  mkdir -p "$SOCKET_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$SOCKET_DIR"; fi
  run_as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $PORT -k $SOCKET_DIR" start >/dev/null || { tail -20 "$LOG" >&2; die "could not start PostgreSQL (log: $LOG)"; }
  ensure_license
  say "running on port $PORT, $EDITION edition (log: $LOG)"
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

# The comment at the top of this file.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

# Sourced (by tools/workspace-checks' tests), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "$COMMAND" in
    install) install_extension ;;
    start) start_cluster ;;
    stop) stop_cluster ;;
    status) if is_running; then say "running on port $PORT"; else say "not running"; exit 1; fi ;;
    url) print_url ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
fi
