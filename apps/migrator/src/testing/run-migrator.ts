import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built migrator; the `integration` target builds it first. */
export const MIGRATOR_MAIN = join(__dirname, '../../../../dist/apps/migrator/main.js');

/** The result of one migrator process. */
export interface MigratorRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs the built migrator CLI as a user would, in a scratch directory (so no developer `.env` is
 * read) with only the variables given plus PATH.
 */
export function runMigrator(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<MigratorRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MIGRATOR_MAIN, ...args], {
      cwd: cwd ?? mkdtempSync(join(tmpdir(), 'migrator-')),
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
