import { parseCliOptions, USAGE } from './cli-options';
import { FakeHackerNewsError } from './errors';
import { FakeHackerNews } from './fake-hn';

/** Where the process writes: one line at a time. */
export interface CliOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/**
 * The fake as a process, minus the process: parses the command line and environment, serves until
 * `signal` aborts, and returns the exit code (0 stopped or help, 2 bad command line or options).
 * Errors it cannot explain (a port in use) are thrown for main.ts to report with exit code 1.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CliOutput,
  signal: AbortSignal,
): Promise<number> {
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(argv, env);
  } catch (error) {
    if (!(error instanceof FakeHackerNewsError)) throw error;
    output.stderr(error.message);
    return 2;
  }
  if (options === 'help') {
    output.stdout(USAGE);
    return 0;
  }
  const fake = new FakeHackerNews({
    seed: options.seed,
    startAt: Date.now() - options.historyMinutes * 60_000,
    firstId: options.firstId,
    itemsPerMinute: options.itemsPerMinute,
    bursts: { everyMinutes: options.burstEveryMinutes, size: options.burstSize, spreadSeconds: options.burstSpreadSeconds },
    nullLagMs: options.nullLagMs,
    lateRate: options.lateRate,
    lateLagMs: options.lateLagMs,
    holeRate: options.holeRate,
    deleteRate: options.deleteRate,
    deadRate: options.deadRate,
    editRate: options.editRate,
    updatesWindowSeconds: options.updatesWindowSeconds,
    updatesLimit: options.updatesLimit,
    faultRates: options.faults,
    retryAfterSeconds: options.retryAfterSeconds,
    archive: options.archive,
    log: options.logRequests ? (entry) => output.stderr(JSON.stringify({ level: 'info', msg: 'request', ...entry })) : undefined,
  });
  const address = await fake.start(options.port, options.host);
  output.stdout(JSON.stringify({ ...address, firstId: fake.firstId, maxItem: fake.maxItem() }));
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await fake.stop();
  return 0;
}
