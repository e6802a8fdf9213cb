/**
 * The fake Reddit API as a process, for offline demos: `node dist/tools/fake-reddit/main.js
 * --port 8089 --subreddits news:5,worldnews:3`. Prints where it listens as one JSON line on stdout,
 * logs each request to stderr, and stops on SIGTERM or SIGINT.
 */
import { parseCliOptions, USAGE } from './cli-options';
import { FakeRedditError } from './errors';
import { FakeReddit } from './fake-reddit';
import { DEFAULT_CLIENT } from './oauth';

/** Exit codes: 0 stopped by a signal or help, 1 could not run, 2 bad command line or options. */
async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const options = parseCliOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const fake = new FakeReddit({
    subreddits: options.subreddits,
    seed: options.seed,
    rateLimit: { budget: options.budget, windowSeconds: options.windowSeconds },
    startAt: Date.now() - options.historyMinutes * 60_000,
    log: (entry) => process.stderr.write(`${JSON.stringify({ level: 'info', msg: 'request', ...entry })}\n`),
  });
  const address = await fake.start(options.port, options.host);
  const { clientId, clientSecret } = DEFAULT_CLIENT;
  process.stdout.write(`${JSON.stringify({ ...address, clientId, clientSecret })}\n`);
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await fake.stop();
  return 0;
}

const controller = new AbortController();
for (const name of ['SIGTERM', 'SIGINT'] as const) process.once(name, () => controller.abort());

main(process.argv.slice(2), controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof FakeRedditError;
    process.stderr.write(`${usage ? error.message : String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
