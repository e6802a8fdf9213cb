/**
 * Finds processes a test run left behind. tools/scripts/test.sh exports a marker variable
 * (SENTIMENT_INGEST_TEST_RUN=<unique id>) that every process it starts inherits, daemons included
 * (PostgreSQL, PgBouncer, fakes, zstd, node servers). After the run and its own cleanup, any process
 * still carrying the marker survived it: this prints them and exits 1, or exits 0 when none.
 *
 *   node tools/scripts/leftover-processes.js <marker value> [--kill]
 *
 * With --kill it also sends them SIGTERM (by process id), so the machine is clean for the next run.
 * Itself and its parent (test.sh) carry the marker too and are not counted.
 */
const fs = require('node:fs');
const path = require('node:path');

const MARKER_VAR = 'SENTIMENT_INGEST_TEST_RUN';

/** Processes under `procDir` whose environment holds MARKER_VAR=`marker`, except the pids in `exclude`. */
function findLeftovers({ procDir = '/proc', marker, exclude = [] }) {
  const wanted = `${MARKER_VAR}=${marker}`;
  const found = [];
  for (const entry of fs.readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (exclude.includes(pid)) continue;
    let environ;
    try {
      environ = fs.readFileSync(path.join(procDir, entry, 'environ'), 'latin1');
    } catch {
      continue; // gone meanwhile, or a kernel thread
    }
    if (!environ.split('\0').includes(wanted)) continue;
    let command = '';
    try {
      command = fs.readFileSync(path.join(procDir, entry, 'cmdline'), 'latin1').split('\0').filter(Boolean).join(' ');
    } catch {
      // gone meanwhile
    }
    found.push({ pid, command });
  }
  return found.sort((a, b) => a.pid - b.pid);
}

if (require.main === module) {
  const marker = process.argv[2];
  if (!marker || marker.startsWith('-')) {
    console.error('usage: node tools/scripts/leftover-processes.js <value of SENTIMENT_INGEST_TEST_RUN> [--kill]');
    process.exit(2);
  }
  const leftovers = findLeftovers({ marker, exclude: [process.pid, process.ppid] });
  if (leftovers.length === 0) process.exit(0);
  console.error(`[test] FAILED: ${leftovers.length} process(es) started by this test run are still running:`);
  for (const { pid, command } of leftovers) console.error(`[test]   pid ${pid}: ${command || '(no command line)'}`);
  console.error('[test] A test or script started them and did not stop them: stop them in its afterAll/teardown (test.sh stops the');
  console.error('[test] PgBouncer and TimescaleDB clusters it started itself).');
  if (process.argv.includes('--kill')) {
    for (const { pid } of leftovers) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    console.error('[test] sent them SIGTERM.');
  }
  process.exit(1);
}

module.exports = { findLeftovers, MARKER_VAR };
