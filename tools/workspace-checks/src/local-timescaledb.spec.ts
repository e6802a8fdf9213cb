import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './deploy-files';

const SCRIPT = join(WORKSPACE_ROOT, 'tools/local-timescaledb/timescaledb.sh');

/**
 * Sources timescaledb.sh and runs its `init_cluster` with a stub initdb that records the mode of the
 * password file it is given, then exits with `initdbExit`. `run_as_owner` runs the stub directly:
 * the privilege drop to the postgres user is not what is tested here.
 */
function initClusterWithStub(initdbExit: number, options: { stalePasswordFile?: boolean; edition?: string } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'local-timescaledb-'));
  const bin = join(root, 'bin');
  const dir = join(root, 'cluster');
  const record = join(root, 'initdb-saw');
  mkdirSync(bin);
  mkdirSync(dir);
  if (options.stalePasswordFile) writeFileSync(join(dir, '.pw'), 'old-password\n', { mode: 0o644 });
  writeFileSync(
    join(bin, 'initdb'),
    [
      '#!/usr/bin/env bash',
      'for arg; do case "$arg" in --pwfile=*) pwfile="${arg#--pwfile=}" ;; esac; done',
      'data="$2"; mkdir -p "$data"',
      `stat -c '%a' "$pwfile" >"${record}"; cat "$pwfile" >>"${record}"`,
      `exit ${initdbExit}`,
    ].join('\n'),
  );
  chmodSync(join(bin, 'initdb'), 0o755);
  const run = spawnSync('bash', ['-c', `source "${SCRIPT}"; run_as_owner() { "$@"; }; init_cluster`], {
    env: { PATH: process.env['PATH'] ?? '', PG_BIN: bin, LOCAL_PG_DIR: dir, LOCAL_PG_PASSWORD: 's3cret', LOCAL_PG_EDITION: options.edition ?? 'oss' },
    encoding: 'utf8',
  });
  return {
    status: run.status,
    stderr: run.stderr,
    initdbSaw: existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n') : [],
    passwordFileLeft: existsSync(join(dir, '.pw')),
    configuration: existsSync(join(dir, 'data/postgresql.conf')) ? readFileSync(join(dir, 'data/postgresql.conf'), 'utf8') : '',
  };
}

describe('tools/local-timescaledb/timescaledb.sh superuser password file', () => {
  it('is readable by its owner only (0600) while initdb reads it, and removed afterwards', () => {
    const result = initClusterWithStub(0);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(result.initdbSaw).toEqual(['600', 's3cret']);
    expect(result.passwordFileLeft).toBe(false);
    expect(result.configuration).toContain("shared_preload_libraries = 'timescaledb'");
  });

  it('is removed when initdb fails, and the script fails too', () => {
    const result = initClusterWithStub(1);
    expect(result.status).not.toBe(0);
    expect(result.initdbSaw).toEqual(['600', 's3cret']);
    expect(result.passwordFileLeft).toBe(false);
  });

  it('replaces a world-readable file left by an older version rather than writing into it', () => {
    const result = initClusterWithStub(1, { stalePasswordFile: true });
    expect(result.initdbSaw).toEqual(['600', 's3cret']);
    expect(result.passwordFileLeft).toBe(false);
  });
});

describe('tools/local-timescaledb/timescaledb.sh editions', () => {
  // A full build defaults to the community edition: the OSS cluster must name its license.
  it('writes the license of the edition into a new cluster: apache for oss, timescale for community', () => {
    expect(initClusterWithStub(0).configuration).toMatch(/^timescaledb\.license = 'apache'$/m);
    expect(initClusterWithStub(0, { edition: 'community' }).configuration).toMatch(/^timescaledb\.license = 'timescale'$/m);
  });

  it('gives the community cluster its own default port, and refuses an unknown edition with the choices', () => {
    const url = (args: string[]) => spawnSync('bash', [SCRIPT, 'url', ...args], { env: { PATH: process.env['PATH'] ?? '' }, encoding: 'utf8' });
    expect(url([]).stdout.trim()).toBe('postgres://postgres:postgres@127.0.0.1:55432/postgres');
    expect(url(['--edition', 'community']).stdout.trim()).toBe('postgres://postgres:postgres@127.0.0.1:55442/postgres');
    const wrong = url(['--edition', 'enterprise']);
    expect([wrong.status, wrong.stderr]).toEqual([2, expect.stringContaining("unknown edition 'enterprise': use oss or community")]);
  });

  it('prints its usage on --help and exits 0', () => {
    const help = spawnSync('bash', [SCRIPT, '--help'], { env: { PATH: process.env['PATH'] ?? '' }, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('[--edition oss|community]');
    expect(help.stdout).not.toContain('set -euo pipefail');
  });
});

describe('tools/local-timescaledb/timescaledb.sh url', () => {
  it('percent-encodes the user and password, so any password gives a URL that parses back to it', () => {
    const password = 'p@ss:w/rd%zz#1$x é\'"';
    const run = spawnSync('bash', [SCRIPT, 'url'], {
      env: { PATH: process.env['PATH'] ?? '', LOCAL_PG_USER: 'ad:min', LOCAL_PG_PASSWORD: password, LOCAL_PG_PORT: '55999' },
      encoding: 'utf8',
    });
    const url = new URL(run.stdout.trim());
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password), url.host, url.pathname]).toEqual([
      'ad:min',
      password,
      '127.0.0.1:55999',
      '/postgres',
    ]);
  });
});

/**
 * Sources timescaledb.sh with a pg_isready that never finds a server, holds a port with a plain TCP
 * listener (another program), and runs `choose_free_port` on it.
 */
async function choosePortWhileHeld(env: Record<string, string>) {
  const held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  const port = (held.address() as AddressInfo).port;
  const bin = mkdtempSync(join(tmpdir(), 'local-timescaledb-bin-'));
  writeFileSync(join(bin, 'pg_isready'), '#!/usr/bin/env bash\nexit 2\n');
  chmodSync(join(bin, 'pg_isready'), 0o755);
  try {
    const run = spawnSync('bash', ['-c', `source "${SCRIPT}"; PORT=${port}; set_cluster_dir "$ROOT/.local/timescaledb-$PORT"; choose_free_port; echo "$PORT $DIR"`], {
      env: { PATH: process.env['PATH'] ?? '', PG_BIN: bin, ...env },
      encoding: 'utf8',
    });
    return { port, status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
  } finally {
    await new Promise((resolve) => held.close(resolve));
  }
}

describe('tools/local-timescaledb/timescaledb.sh start on a port another program holds', () => {
  it('moves the cluster to the next free port, in its own directory, and says so', async () => {
    const result = await choosePortWhileHeld({});
    const [port, dir] = result.stdout.split(' ');
    expect(result.status).toBe(0);
    expect(Number(port)).toBeGreaterThan(result.port);
    expect(dir).toBe(join(WORKSPACE_ROOT, `.local/timescaledb-${port}`));
    expect(result.stderr).toContain(`port ${result.port} is taken by another program that is not a PostgreSQL accepting connections: using port ${port}`);
  });

  it('refuses to move a port chosen with LOCAL_PG_PORT, and names it', async () => {
    const result = await choosePortWhileHeld({ LOCAL_PG_PORT: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(LOCAL_PG_PORT) is taken by another program');
  });
});
