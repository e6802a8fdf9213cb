#!/usr/bin/env bash
# The README's "run it" command (`npm start`): sets up and runs the stack on a fresh clone.
#   - creates .env from .env.example when there is none;
#   - with a Docker engine: `docker compose up --build` (TimescaleDB, then the migrator, then the
#     scrapers: hn-scraper against the real Hacker News API, no credentials needed, and reddit-scraper,
#     a compose profile, when .env has a REDDIT_CLIENT_ID);
#   - without one: a local TimescaleDB (tools/local-timescaledb) on PG_PORT_HOST with the PG_* settings
#     of .env, then the migrator (`nx run migrator:serve`), then both scrapers through the demo
#     (`nx run demo:serve`): when REDDIT_CLIENT_ID is empty, in a database of its own (<PG_DB>_demo,
#     recreated each run: tools/scripts/demo-database.js), the Reddit scraper against the fake Reddit
#     and the Hacker News scraper against the fake Hacker News (tools/fake-hn, its own port) for
#     DEMO_SECONDS, both stopped with SIGTERM; with Reddit credentials, real Reddit and the real
#     Hacker News API until Ctrl-C. It ends with a per-subreddit table and a table of items per source
#     per hour read from the shared read model (text_items).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true

say() { echo "[start] $*" >&2; }

if [ ! -f .env ]; then
  cp .env.example .env
  say "created .env from .env.example (edit it to change ports and credentials)"
fi

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  if grep -Eq '^REDDIT_CLIENT_ID=.+' .env; then
    say "Docker engine found: docker compose --profile reddit up --build"
    exec docker compose --profile reddit up --build
  fi
  say "Docker engine found: docker compose up --build (no REDDIT_CLIENT_ID in .env: the Reddit scraper, profile reddit, stays off)"
  exec docker compose up --build
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# .env's ${VAR} references are expanded by the shell here.
set -a
# shellcheck disable=SC1091
. ./.env
set +a

say "no Docker engine: starting a local TimescaleDB on port ${PG_PORT_HOST}"
LOCAL_PG_PORT="$PG_PORT_HOST" LOCAL_PG_USER="$PG_USER" LOCAL_PG_PASSWORD="$PG_PASSWORD" LOCAL_PG_DB="$PG_DB" \
  bash tools/local-timescaledb/timescaledb.sh start >/dev/null

db="$PG_DB"
if [ -z "${REDDIT_CLIENT_ID:-}" ]; then
  # Offline: the fakes make up their items with the same ids each run, so they get a database of
  # their own, created afresh (real data in PG_DB is never touched, and no run sees the last one's).
  db="${PG_DB}_demo"
  say "no REDDIT_CLIENT_ID in .env: the offline demo writes to its own database ${db}, recreated on each run"
  DATABASE_URL="$(node tools/scripts/demo-database.js)"
  export DATABASE_URL
fi

say "applying migrations (nx run migrator:serve)"
npx nx run migrator:serve --output-style=stream
npx nx run migrator:verify --output-style=stream

# Never print a URL with its password: masking by pattern leaks passwords holding glob characters.
say "TimescaleDB ready at ${PG_HOST_LOCAL}:${PG_PORT_HOST}/${db} as ${PG_USER}; starting the Reddit and Hacker News scrapers"
npx nx run demo:serve --output-style=stream

say "query it: psql \"postgres://${PG_USER}@${PG_HOST_LOCAL}:${PG_PORT_HOST}/${db}\"   stop the database: LOCAL_PG_PORT=${PG_PORT_HOST} bash tools/local-timescaledb/timescaledb.sh stop"
