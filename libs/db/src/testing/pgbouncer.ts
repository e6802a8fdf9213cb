import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_ADMIN_URL_VAR } from './test-databases';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '../../../../tools/local-pgbouncer/pgbouncer.sh');

/** Port of the tests' PgBouncer in front of the default local TimescaleDB (55432); see {@link pgBouncerPortFor}. */
export const TEST_PGBOUNCER_PORT = 56432;

/**
 * The tests' PgBouncer listens 1000 above the server it fronts, so two test servers on one machine
 * (two checkouts, two CI runs) never share a pooler that points at the other one.
 */
export function pgBouncerPortFor(serverPort: number): number {
  const port = serverPort + 1000;
  return port <= 65_535 ? port : serverPort - 1000;
}
/** Server connections PgBouncer opens per database and user: few, so tests can outnumber them. */
export const TEST_PGBOUNCER_POOL_SIZE = 3;

/** A real PgBouncer in transaction pooling mode in front of the integration-test server. */
export interface TestPgBouncer {
  readonly port: number;
  readonly poolSize: number;
  /** The same database URL (user, password, database), through PgBouncer. */
  withPgBouncer(url: string): string;
}

/**
 * Starts (or finds running) the PgBouncer of `tools/local-pgbouncer` in front of the test server,
 * installing Debian's package when missing. It keeps running after the tests, like the local
 * TimescaleDB, since test files in parallel workers share it. Never skips: throws when it cannot
 * be started.
 */
export async function startTestPgBouncer(): Promise<TestPgBouncer> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  if (!adminUrl) {
    throw new Error(
      `The integration-test harness did not run (${TEST_ADMIN_URL_VAR} is unset), so there is no server to put ` +
        'PgBouncer in front of. Run integration tests through their Nx target (npx nx run <project>:integration).',
    );
  }
  const port = pgBouncerPortFor(Number(new URL(adminUrl).port || 5432));
  const env = {
    ...process.env,
    PGBOUNCER_TARGET_URL: adminUrl,
    LOCAL_PGBOUNCER_PORT: String(port),
    LOCAL_PGBOUNCER_POOL_SIZE: String(TEST_PGBOUNCER_POOL_SIZE),
  };
  try {
    // Installing the package on first use takes a few seconds; 3 minutes covers a slow mirror.
    await run(SCRIPT, ['start'], { env, timeout: 180_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `PgBouncer could not be started (${SCRIPT} start): ${stderr || (error as Error).message}. ` +
        'Install it (apt-get install pgbouncer, as root) or run that script once as root.',
      { cause: error },
    );
  }
  return {
    port,
    poolSize: TEST_PGBOUNCER_POOL_SIZE,
    withPgBouncer: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
  };
}
