import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScraperHost } from '../lib/run/run-scraper';

/** A {@link ScraperHost} for running a scraper in-process in a test. */
export interface TestScraperHost extends ScraperHost {
  /** emit('SIGTERM') to stop the scraper as compose would */
  readonly signals: EventEmitter;
  /** the JSON log lines written so far */
  lines(): Record<string, unknown>[];
  /** exit codes a second signal asked for */
  readonly forced: number[];
  /** resolves with the first log line whose `msg` is `message` (rejects after `ms`) */
  waitForLine(message: string, ms?: number): Promise<Record<string, unknown>>;
  /** what was printed outside the log (`--help`, usage errors) */
  readonly printed: { stdout: string; stderr: string };
}

/**
 * A host with no .env (an empty working directory), exactly `env`, the given arguments (none by
 * default), an in-memory JSON log and printed text, and test-driven signals.
 */
export function testScraperHost(env: Record<string, string>, options: { argv?: readonly string[] } = {}): TestScraperHost {
  const written: string[] = [];
  const printed = { stdout: '', stderr: '' };
  const forced: number[] = [];
  const lines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    cwd: mkdtempSync(join(tmpdir(), 'scraper-host-')),
    env,
    signals: new EventEmitter(),
    pretty: false,
    forceExit: (code) => void forced.push(code),
    logDestination: { write: (line: string) => void written.push(line) },
    argv: options.argv ?? [],
    print: (stream, text) => void (printed[stream] += text),
    printed,
    lines,
    forced,
    async waitForLine(message, ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const line = lines().find((l) => l['msg'] === message);
        if (line) return line;
        if (Date.now() > deadline) throw new Error(`no "${message}" log line within ${ms} ms; lines:\n${written.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
