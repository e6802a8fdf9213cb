import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The pinned TimescaleDB image tests use when a Docker engine is reachable (same as compose). */
export const TIMESCALEDB_IMAGE = 'timescale/timescaledb:2.19.3-pg15-oss';

/** A TimescaleDB server for tests, and how it was obtained. */
export interface TestServer {
  /** an admin URL: tests create and drop their own databases through it */
  readonly adminUrl: string;
  readonly origin: 'TEST_DATABASE_URL' | 'testcontainers' | 'local TimescaleDB';
  stop(): Promise<void>;
}

/**
 * Finds a real TimescaleDB, in this order: `TEST_DATABASE_URL`; a testcontainers container when a
 * Docker engine is reachable; the local TimescaleDB of `tools/local-timescaledb` (provisioned on
 * first use). Never skips: when none works, it throws and says what to do.
 */
export async function startTestServer(options: { workspaceRoot: string; env: NodeJS.ProcessEnv }): Promise<TestServer> {
  const given = options.env['TEST_DATABASE_URL'];
  if (given) return { adminUrl: given, origin: 'TEST_DATABASE_URL', stop: async () => undefined };
  if (dockerMayBeReachable(options.env)) {
    const container = await startContainer().catch(() => null);
    if (container) return container;
  }
  return startLocalServer(options.workspaceRoot, options.env);
}

function dockerMayBeReachable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}

async function startContainer(): Promise<TestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(TIMESCALEDB_IMAGE)
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withCommand(['postgres', '-c', 'timescaledb.max_background_workers=0', '-c', 'fsync=off'])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    adminUrl: `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    origin: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

function startLocalServer(workspaceRoot: string, env: NodeJS.ProcessEnv): TestServer {
  const script = join(workspaceRoot, 'tools/local-timescaledb/timescaledb.sh');
  let output: string;
  try {
    output = execFileSync('bash', [script, 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    throw new Error(
      'No database for the integration tests: TEST_DATABASE_URL is not set, no Docker engine is reachable, ' +
        `and the local TimescaleDB could not be started (${script} start failed; its output is above). ` +
        'Set TEST_DATABASE_URL to an admin URL of a TimescaleDB server, or run the script as root once ' +
        'so it can install TimescaleDB.',
      { cause: error },
    );
  }
  const adminUrl = output.trim().split('\n').at(-1) ?? '';
  // The cluster is shared with later runs: leave it running, it starts in a second next time.
  return { adminUrl, origin: 'local TimescaleDB', stop: async () => undefined };
}
