import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI; the `integration` target builds it first. */
export const ARCHIVE_MAIN = join(__dirname, '../../../../dist/apps/reddit-archive/main.js');

export interface ArchiveRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a user would, in `cwd` (a scratch directory: no developer `.env` is read),
 * with only the variables given plus PATH; `stdin` is piped in when given.
 */
export function runArchive(args: readonly string[], env: Record<string, string>, cwd: string, stdin?: string): Promise<ArchiveRun> {
  return startArchive(args, env, cwd, stdin).done;
}

/**
 * {@link runArchive}, with the child process at hand (to kill it mid-import). `processGroup`: the
 * child leads its own process group, which `process.kill(-pid, signal)` signals whole, as a
 * terminal's Ctrl-C does.
 */
export function startArchive(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  stdin?: string,
  options: { processGroup?: boolean } = {},
): { readonly child: ChildProcess; readonly done: Promise<ArchiveRun & { readonly signal: NodeJS.Signals | null }> } {
  let child!: ChildProcess;
  const done = new Promise<ArchiveRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    const started = spawn(process.execPath, [ARCHIVE_MAIN, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.processGroup ?? false,
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    started.on('error', reject);
    started.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    started.stdin.end(stdin ?? '');
  });
  return { child, done };
}

/**
 * Compresses `input` to `output` with the zstd program as the monthly dumps are (`--long=31`). Fails
 * with the install command when zstd is missing: the test must not pass without exercising it.
 */
export function zstdCompress(input: string, output: string): void {
  const run = spawnSync('zstd', ['-q', '-f', '--long=31', input, '-o', output], { encoding: 'utf8' });
  const code = (run.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    throw new Error('zstd is not installed, and the .zst fixture needs it: apt-get update && apt-get install -y zstd (as root)');
  }
  if (run.status !== 0) throw new Error(`zstd failed (${run.status}): ${run.stderr}`);
}
