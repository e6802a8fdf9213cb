/** Reads the workspace's deployment files and runs docker-compose (the only I/O of deploy-checks). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';

/** The workspace root (this file lives in tools/deploy-checks/src). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** Reads a file relative to the workspace root as UTF-8 text. */
export function readWorkspaceFile(relativePath: string): string {
  return readFileSync(join(WORKSPACE_ROOT, relativePath), 'utf8');
}

/** Reads and parses a YAML file relative to the workspace root. */
export function readYaml(relativePath: string): unknown {
  return load(readWorkspaceFile(relativePath));
}

/** The outcome of `docker-compose config`, or `missing` when no binary is on PATH. */
export type ComposeConfigResult =
  | { missing: true }
  | { missing: false; status: number | null; stdout: string; stderr: string };

/**
 * Runs `docker-compose config` in a temporary directory holding copies of docker-compose.yml and of
 * .env.example as .env, as a user does after `cp .env.example .env`; `envText` replaces that .env.
 * With `quiet` (the default) compose only validates; without, stdout is the resolved file.
 */
export function runComposeConfig(options: { envText?: string; quiet?: boolean; profiles?: readonly string[] } = {}): ComposeConfigResult {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  try {
    copyFileSync(join(WORKSPACE_ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    if (options.envText === undefined) copyFileSync(join(WORKSPACE_ROOT, '.env.example'), join(dir, '.env'));
    else writeFileSync(join(dir, '.env'), options.envText);
    // A clean environment: variables of the calling shell must not hide a gap in .env.example.
    const env = { PATH: process.env['PATH'] ?? '', HOME: dir };
    const profiles = (options.profiles ?? []).flatMap((profile) => ['--profile', profile]);
    const args = [...profiles, ...(options.quiet === false ? ['config'] : ['config', '-q'])];
    const run = spawnSync('docker-compose', args, { cwd: dir, env, encoding: 'utf8' });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { missing: true };
    if (run.error) throw run.error;
    return { missing: false, status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
