import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EDITION_LICENSE, type TimescaleEdition } from './editions';

/** The pinned TimescaleDB image tests use when a Docker engine is reachable (same as compose). */
export const TIMESCALEDB_IMAGE = 'timescale/timescaledb:2.19.3-pg15-oss';
/** The community-edition image of the same version, for the community run of the tests. */
export const TIMESCALEDB_COMMUNITY_IMAGE = 'timescale/timescaledb:2.19.3-pg15';

/** Exit status of `timescaledb.sh start --edition community` when no full build can be had. */
const EXIT_EDITION_UNAVAILABLE = 3;

/** A TimescaleDB server for tests, and how it was obtained. */
export interface TestServer {
  /** an admin URL: tests create and drop their own databases through it */
  readonly adminUrl: string;
  readonly origin: 'TEST_DATABASE_URL' | 'TEST_COMMUNITY_DATABASE_URL' | 'testcontainers' | 'local TimescaleDB';
  readonly edition: TimescaleEdition;
  stop(): Promise<void>;
}

/**
 * Finds a real TimescaleDB (OSS edition), in this order: `TEST_DATABASE_URL`; a testcontainers
 * container when a Docker engine is reachable; the local TimescaleDB of `tools/local-timescaledb`
 * (provisioned on first use). Never skips: when none works, it throws and says what to do.
 */
export async function startTestServer(options: { workspaceRoot: string; env: NodeJS.ProcessEnv }): Promise<TestServer> {
  const given = options.env['TEST_DATABASE_URL'];
  if (given) return { adminUrl: given, origin: 'TEST_DATABASE_URL', edition: 'oss', stop: async () => undefined };
  if (dockerMayBeReachable(options.env)) {
    const container = await startContainer('oss').catch(() => null);
    if (container) return container;
  }
  return startLocalServer(options.workspaceRoot, options.env);
}

/**
 * Finds a community-edition TimescaleDB, in this order: `TEST_COMMUNITY_DATABASE_URL`; a
 * testcontainers container of {@link TIMESCALEDB_COMMUNITY_IMAGE} when a Docker engine is reachable;
 * the local community cluster of `tools/local-timescaledb` when the full build is (or can be)
 * installed. Without any of them it returns why, for the harness to say once; a server that exists
 * but fails to start throws.
 */
export async function startCommunityTestServer(options: {
  workspaceRoot: string;
  env: NodeJS.ProcessEnv;
}): Promise<TestServer | { readonly unavailable: string }> {
  const given = options.env['TEST_COMMUNITY_DATABASE_URL'];
  if (given) return { adminUrl: given, origin: 'TEST_COMMUNITY_DATABASE_URL', edition: 'community', stop: async () => undefined };
  let docker = 'no Docker engine is reachable';
  if (dockerMayBeReachable(options.env)) {
    const container = await startContainer('community').catch((error: Error) => error);
    if (!(container instanceof Error)) return container;
    docker = `the ${TIMESCALEDB_COMMUNITY_IMAGE} container did not start (${container.message})`;
  }
  const script = join(options.workspaceRoot, 'tools/local-timescaledb/timescaledb.sh');
  try {
    const { stdout } = await promisify(execFile)('bash', [script, 'start', '--edition', 'community'], { env: options.env, encoding: 'utf8' });
    return localServer(stdout, 'community');
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    const said = (failure.stderr ?? '').trim().split('\n').at(-1)?.replace(/^\[local-timescaledb\] /, '') ?? '';
    if (failure.code === EXIT_EDITION_UNAVAILABLE) {
      return { unavailable: `TEST_COMMUNITY_DATABASE_URL is not set, ${docker}, and ${said}` };
    }
    throw new Error(
      `The local community-edition TimescaleDB could not be started (${script} start --edition community): ${said || (error as Error).message}. ` +
        'Fix what it says, or set TEST_COMMUNITY_DATABASE_URL to an admin URL of a community-edition server.',
      { cause: error },
    );
  }
}

function dockerMayBeReachable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}

async function startContainer(edition: TimescaleEdition): Promise<TestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const image = edition === 'community' ? TIMESCALEDB_COMMUNITY_IMAGE : TIMESCALEDB_IMAGE;
  const container = await new GenericContainer(image)
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withCommand([
      'postgres',
      '-c', 'timescaledb.max_background_workers=0',
      '-c', `timescaledb.license=${EDITION_LICENSE[edition]}`,
      '-c', 'fsync=off',
    ])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    adminUrl: `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    origin: 'testcontainers',
    edition,
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
  return localServer(output, 'oss');
}

/** The cluster is shared with later runs: leave it running, it starts in a second next time (`npm test` stops the ones it started). */
function localServer(output: string, edition: TimescaleEdition): TestServer {
  const adminUrl = output.trim().split('\n').at(-1) ?? '';
  return { adminUrl, origin: 'local TimescaleDB', edition, stop: async () => undefined };
}
