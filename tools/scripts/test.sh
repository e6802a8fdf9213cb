#!/usr/bin/env bash
# The test command of the README (`npm test`) and of CI (.ci/run): installs what the tests need,
# finds or provisions a real TimescaleDB, runs lint, typecheck, unit and integration tests of every
# project, and ends with one line `N passed, N failed` summed over all projects.
#
# Database, in this order: TEST_DATABASE_URL (an admin URL; tests create and drop their own
# databases); a Docker engine (testcontainers starts timescale/timescaledb); otherwise a local
# TimescaleDB built and started by tools/local-timescaledb (needs root or sudo the first time).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-}"

say() { echo "[test] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# 1. npm packages, when missing or older than the lock file
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
fi

# 2. docker-compose validates docker-compose.yml offline (tools/workspace-checks)
if ! command -v docker-compose >/dev/null; then
  say "installing docker-compose (Debian package) to validate docker-compose.yml"
  as_root apt-get update -qq >/dev/null 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
    || say "could not install docker-compose: the compose check will fail and say how to install it"
fi

# 2b. promtool validates the Prometheus config and the scraper's /metrics exposition (Debian's prometheus)
if ! command -v promtool >/dev/null; then
  say "installing promtool (Debian package prometheus) to validate the monitoring config"
  as_root apt-get update -qq >/dev/null 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 \
    || say "could not install prometheus: the promtool checks will fail and say how to install it"
fi

# 2b'. zstd decodes the Reddit archive dumps (apps/reddit-archive; its tests make .zst fixtures with --long=31)
if ! command -v zstd >/dev/null; then
  say "installing zstd (Debian package) for the archive importer's tests"
  as_root apt-get update -qq >/dev/null 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zstd >/dev/null 2>&1 \
    || say "could not install zstd: the archive importer's tests will fail and say how to install it"
fi

# 2c. PgBouncer for the pooling tests, installed once here rather than by parallel test workers
bash tools/local-pgbouncer/pgbouncer.sh install >/dev/null 2>&1 || say "could not install pgbouncer: the pooling tests will fail and say how to install it"

# 3. a database, started once here so that parallel test projects do not race to provision it
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -z "${DOCKER_HOST:-}" ] && [ ! -S /var/run/docker.sock ]; then
  if ! url="$(bash tools/local-timescaledb/timescaledb.sh start)"; then
    echo "[test] no database: set TEST_DATABASE_URL, start a Docker engine, or run tools/local-timescaledb/timescaledb.sh start as root" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  export TEST_DATABASE_URL="$url"
fi

# 4. every check of every project. The pooling tests start this checkout's PgBouncer when it is not
# running; stop it again afterwards, or it would hold its port against another checkout's tests.
if bash tools/local-pgbouncer/pgbouncer.sh status >/dev/null 2>&1; then pgbouncer_was_running=1; else pgbouncer_was_running=0; fi
stop_own_pgbouncer() { if [ "$pgbouncer_was_running" = 0 ]; then bash tools/local-pgbouncer/pgbouncer.sh stop >/dev/null 2>&1 || true; fi; }
trap stop_own_pgbouncer EXIT
rm -rf tmp/test-counts
mkdir -p tmp
npx nx run-many -t lint typecheck test integration --output-style=stream --parallel=2 2>&1 | tee tmp/nx-test.log
status=${PIPESTATUS[0]}
failed_tasks=$(sed -n '/Failed tasks:/,$p' tmp/nx-test.log | grep -c '^- ' || true)

node tools/scripts/sum-test-counts.js --failed-tasks "${failed_tasks:-0}"
exit "$status"
