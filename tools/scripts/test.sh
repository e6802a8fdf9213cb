#!/usr/bin/env bash
# The test command of the README (`npm test`) and of CI (.ci/run): installs what the tests need,
# finds or provisions a real TimescaleDB, runs lint, typecheck, unit and integration tests of every
# project, and ends with one line `N passed, N failed` summed over all projects.
#
# Database, in this order: TEST_DATABASE_URL (an admin URL; tests create and drop their own
# databases); a Docker engine (testcontainers starts timescale/timescaledb); otherwise a local
# TimescaleDB built and started by tools/local-timescaledb (needs root or sudo the first time).
# The community edition likewise: TEST_COMMUNITY_DATABASE_URL; Docker; the local community cluster
# when the full TimescaleDB source is at hand (tools/local-timescaledb/timescaledb.sh --help). Without
# any, the OSS tests run and a notice before the last line says why the community ones did not.
#
# It leaves nothing running that it started: the PgBouncer and TimescaleDB clusters it started are
# stopped, and any other process of the run still alive afterwards fails the run (and is stopped).
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

# Every process this run starts carries this marker, so survivors can be found afterwards.
export SENTIMENT_INGEST_TEST_RUN="test-$$-$(date +%s%N)"
timescaledb() { bash tools/local-timescaledb/timescaledb.sh "$@"; }

# 3. the databases, started once here so that parallel test projects do not race to provision them
# Each started cluster as "<edition>:<port>": the port is the one its URL names, since `start` moves
# to a free port when the default one is held by another program.
started_clusters=()
port_of_url() { local rest="${1##*@}"; rest="${rest#*:}"; echo "${rest%%/*}"; }
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -z "${DOCKER_HOST:-}" ] && [ ! -S /var/run/docker.sock ]; then
  if ! timescaledb status >/dev/null 2>&1; then oss_was_running=0; else oss_was_running=1; fi
  if ! url="$(timescaledb start)"; then
    echo "[test] no database: set TEST_DATABASE_URL, start a Docker engine, or run tools/local-timescaledb/timescaledb.sh start as root" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  if [ "$oss_was_running" = 0 ]; then started_clusters+=("oss:$(port_of_url "$url")"); fi
  export TEST_DATABASE_URL="$url"
fi
community_failed=0
if [ -z "${TEST_COMMUNITY_DATABASE_URL:-}" ] && [ -z "${DOCKER_HOST:-}" ] && [ ! -S /var/run/docker.sock ]; then
  if ! timescaledb status --edition community >/dev/null 2>&1; then community_was_running=0; else community_was_running=1; fi
  community_log="$(mktemp)"
  url="$(timescaledb start --edition community 2>"$community_log")"
  community_status=$?
  if [ "$community_status" = 0 ]; then
    export TEST_COMMUNITY_DATABASE_URL="$url"
    if [ "$community_was_running" = 0 ]; then started_clusters+=("community:$(port_of_url "$url")"); fi
  elif [ "$community_status" = 3 ]; then
    # said once, before the last line; the integration projects' global setups stay quiet
    export SENTIMENT_INGEST_TEST_COMMUNITY_UNAVAILABLE="TEST_COMMUNITY_DATABASE_URL is not set, no Docker engine is reachable, and $(tail -1 "$community_log" | sed 's/^\[local-timescaledb\] //')"
  else
    cat "$community_log" >&2
    say "FAILED: the local community-edition TimescaleDB could not be started (above); its tests will not run"
    community_failed=1
  fi
  rm -f "$community_log"
fi

# 4. every check of every project. The pooling tests start this checkout's PgBouncer when it is not
# running; it is stopped again afterwards, or it would hold its port against another checkout's tests.
if bash tools/local-pgbouncer/pgbouncer.sh status >/dev/null 2>&1; then pgbouncer_was_running=1; else pgbouncer_was_running=0; fi
stop_started_services() {
  if [ "$pgbouncer_was_running" = 0 ]; then bash tools/local-pgbouncer/pgbouncer.sh stop >/dev/null 2>&1 || true; fi
  local cluster
  for cluster in "${started_clusters[@]}"; do
    LOCAL_PG_PORT="${cluster#*:}" timescaledb stop --edition "${cluster%%:*}" >/dev/null 2>&1 || true
  done
  started_clusters=()
}
trap stop_started_services EXIT
rm -rf tmp/test-counts
mkdir -p tmp
# TEST_PROJECTS (comma-separated Nx project names) limits the run to those projects, for trying this script's steps
npx nx run-many -t lint typecheck test integration ${TEST_PROJECTS:+--projects="$TEST_PROJECTS"} --output-style=stream --parallel=2 2>&1 | tee tmp/nx-test.log
status=${PIPESTATUS[0]}
failed_tasks=$(sed -n '/Failed tasks:/,$p' tmp/nx-test.log | grep -c '^- ' || true)
failed_tasks=$((${failed_tasks:-0} + community_failed))

# 5. nothing left behind: stop what this run started, then any process still carrying the marker failed to stop
stop_started_services
if ! node tools/scripts/leftover-processes.js "$SENTIMENT_INGEST_TEST_RUN" --kill; then
  failed_tasks=$((failed_tasks + 1))
  status=1
fi
if [ "$community_failed" = 1 ]; then status=1; fi

if [ -n "${SENTIMENT_INGEST_TEST_COMMUNITY_UNAVAILABLE:-}" ]; then
  rule="$(printf '=%.0s' {1..100})"
  {
    echo "$rule"
    echo "COMMUNITY EDITION NOT TESTED: the TimescaleDB community-edition integration tests did not run."
    echo "Why: $SENTIMENT_INGEST_TEST_COMMUNITY_UNAVAILABLE"
    echo "The OSS-edition tests ran. README.md, \"Testing\", says how to test both editions."
    echo "$rule"
  } >&2
fi
node tools/scripts/sum-test-counts.js --failed-tasks "$failed_tasks"
exit "$status"
