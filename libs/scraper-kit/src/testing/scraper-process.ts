import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port free on 127.0.0.1 right now (for a scraper's HTTP_PORT in a test). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A built scraper running as a process of its own (kill -9 and restart tests). */
export interface ScraperProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** its exit code; null when a signal ended it */
  readonly exited: Promise<number | null>;
  /** stdout and stderr so far */
  output(): string;
  /** resolves once the output contains `text`; rejects after `ms`, or when the process exits first */
  waitFor(text: string, ms?: number): Promise<void>;
}

/**
 * Runs `node <main>` with exactly `env` (plus PATH, LOG_LEVEL info unless given) in an empty working
 * directory, so that no .env of the workspace leaks in; output collected.
 */
export function startScraperProcess(main: string, env: Record<string, string>): ScraperProcess {
  const child = spawn(process.execPath, [main], {
    cwd: mkdtempSync(join(tmpdir(), 'scraper-')),
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = async (text: string, ms = 20_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" within ${ms} ms; output:\n${output.slice(-4000)}`);
      if (child.exitCode !== null) throw new Error(`scraper exited ${child.exitCode} before "${text}"; output:\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}
