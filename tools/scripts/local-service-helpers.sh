# Shared by tools/local-timescaledb and tools/local-pgbouncer (sourced, not run). Before sourcing,
# set SERVICE_NAME (log prefix) and ROOT_HINT (what to do without root).

say() { echo "[$SERVICE_NAME] $*" >&2; }
die() { say "error: $*"; exit 1; }

# Package installs need root; use sudo when available.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "'$*' needs root (or sudo). Run this script as root once, or $ROOT_HINT."
  fi
}

# PostgreSQL and PgBouncer refuse to run as root; as root they run as the 'postgres' system user.
run_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
