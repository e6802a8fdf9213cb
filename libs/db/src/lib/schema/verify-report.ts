import type { HypertableInfo, TimescaleInfo } from '../timescale/timescale-info';
import type { MigrationState } from './migration-status';

/** What `migrator:verify` found: `ok` only when `problems` is empty. */
export interface VerifyReport {
  readonly ok: boolean;
  /** one line per check that passed, for the operator */
  readonly findings: readonly string[];
  /** one line per failed check, each saying what to do */
  readonly problems: readonly string[];
}

/** Judges the inspected state of a database against what the migrations promise. Pure. */
export function verifySchema(input: {
  timescale: TimescaleInfo;
  hypertables: readonly HypertableInfo[];
  expectedHypertables: readonly HypertableInfo[];
  migrations: readonly MigrationState[];
  /** how the hourly rollup exists here, null before its migration */
  rollup?: 'continuous aggregate' | 'table' | null;
}): VerifyReport {
  const findings: string[] = [];
  const problems: string[] = [];
  const { timescale } = input;

  if (timescale.installedVersion) {
    findings.push(
      `timescaledb ${timescale.installedVersion} installed, license ${timescale.license ?? 'unknown'} ` +
        `(${timescale.license === 'timescale' ? 'community edition: compression, continuous aggregates and policies available' : 'OSS edition: hypertables only'})`,
    );
    if (timescale.availableVersion && timescale.availableVersion !== timescale.installedVersion) {
      findings.push(
        `timescaledb ${timescale.availableVersion} is available: run ALTER EXTENSION timescaledb UPDATE as the first command of a fresh session`,
      );
    }
  } else {
    problems.push('extension timescaledb is not installed in this database: run `npx nx run migrator:serve`');
  }

  for (const expected of input.expectedHypertables) {
    const actual = input.hypertables.find((h) => h.table === expected.table);
    if (!actual) {
      problems.push(`${expected.table} is not a hypertable: run \`npx nx run migrator:serve\``);
    } else if (actual.timeColumn !== expected.timeColumn || !sameInterval(actual.chunkInterval, expected.chunkInterval)) {
      problems.push(
        `${expected.table} is partitioned on ${actual.timeColumn} every ${actual.chunkInterval}, ` +
          `expected ${expected.timeColumn} every ${expected.chunkInterval}`,
      );
    } else {
      findings.push(`hypertable ${actual.table} on ${actual.timeColumn}, chunk interval ${actual.chunkInterval}`);
    }
  }

  if (input.rollup === 'continuous aggregate') {
    findings.push('hourly rollup subreddit_activity_hourly: continuous aggregate, refreshed by its policy');
  } else if (input.rollup === 'table') {
    findings.push('hourly rollup subreddit_activity_hourly: table refreshed by `migrator maintain` (no continuous aggregates on OSS)');
  }

  const byState = (state: MigrationState['state']) => input.migrations.filter((m) => m.state === state).map((m) => m.name);
  const applied = byState('applied');
  const pending = byState('pending');
  const changed = byState('changed');
  const unknown = byState('unknown');
  findings.push(`${applied.length} migration(s) applied, checksums intact`);
  if (pending.length > 0) problems.push(`${pending.length} pending migration(s): ${pending.join(', ')}; run \`npx nx run migrator:serve\``);
  if (changed.length > 0) {
    problems.push(
      `applied migration(s) changed since they ran: ${changed.join(', ')}; restore their original SQL and add a new migration instead`,
    );
  }
  if (unknown.length > 0) {
    problems.push(`applied migration(s) unknown to this build: ${unknown.join(', ')}; deploy the build that has them`);
  }
  return { ok: problems.length === 0, findings, problems };
}

/** PostgreSQL prints `1 day`, TimescaleDB's older catalog `24:00:00`; both mean one day. */
function sameInterval(actual: string, expected: string): boolean {
  const normalise = (value: string) => value.trim().replace(/^24:00:00$/, '1 day').replace(/^1 days$/, '1 day');
  return normalise(actual) === normalise(expected);
}
