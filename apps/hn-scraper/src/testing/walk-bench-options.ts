import { parseArgs } from 'node:util';

/** Defaults of the id-walk benchmark. */
export const WALK_BENCH_DEFAULTS = Object.freeze({
  items: 100_000,
  /** HN_CONCURRENCY's default: on loopback, more requests in flight only queue callbacks in front of the database writes */
  concurrency: 8,
  writeBatch: 500,
  maxRequestsPerS: 5_000,
  seed: 42,
  nullRetryS: 5,
  transport: 'as-built' as WalkTransport,
  /** the heap cap docker-compose.yml gives the scraper in production */
  nodeOptions: '--max-old-space-size=128',
});

/** How the walker's JsonClient sends: as hn-scraper.ts builds it, or forced to the global fetch or to the kit's keepAliveTransport. */
export type WalkTransport = 'as-built' | 'fetch' | 'keep-alive';
const TRANSPORTS: readonly string[] = ['as-built', 'fetch', 'keep-alive'];

/** Command-line help. */
export const WALK_BENCH_USAGE = `Usage: npx nx run bench:hn-walk [-- options]
The Hacker News id walk (HnIdWalk over HttpHnApi, JsonClient, RateCap, DurableWriter and ItemWriter),
in a process of its own, against the fake Hacker News on loopback and a fresh, migrated TimescaleDB
database (created on the server and dropped at the end). The fake's clock is frozen, so no item
arrives during the walk: it walks from the fake's first id to maxitem once.
Options:
  --database-url URL        admin URL of a TimescaleDB server (default: TEST_DATABASE_URL, else
                            DATABASE_URL, else the test server: testcontainers or tools/local-timescaledb)
  --items N                 ids the fake has generated, at about 7 a minute as on HN (default ${WALK_BENCH_DEFAULTS.items};
                            a month of Hacker News is about 300000)
  --concurrency N           requests in flight at once (HN_CONCURRENCY, at most 64; default ${WALK_BENCH_DEFAULTS.concurrency})
  --write-batch N           items per database write (HN_BATCH_SIZE; default ${WALK_BENCH_DEFAULTS.writeBatch}); not --batch-size,
                            which the Nx CLI keeps for itself
  --max-requests-per-s N    the RateCap (HN_MAX_REQUESTS_PER_S, at most 5000; default ${WALK_BENCH_DEFAULTS.maxRequestsPerS}: well above the walk's pace)
  --seed N                  seed of the fake (default ${WALK_BENCH_DEFAULTS.seed})
  --null-retry-s N          HN_NULL_RETRY_S: how long a null is asked again (default ${WALK_BENCH_DEFAULTS.nullRetryS}; holes in
                            the middle resolve at once by the time of a later id, the last id waits this long)
  --transport as-built|fetch|keep-alive
                            how the scraper's JsonClient sends: as hn-scraper.ts builds it (default), or
                            forced to the global fetch, or to the kit's keepAliveTransport (node:http,
                            keep-alive agent); every other option of the client stays as built
  --node-options "..."      node flags of the walker process (default "${WALK_BENCH_DEFAULTS.nodeOptions}", as in
                            docker-compose.yml; add --cpu-prof --cpu-prof-dir=DIR for a CPU profile)
  --help                    print this help
Prints items, seconds, items/s, requests per item, the walker's peak RSS, where the time goes, and
checks hn_items against the fake's ground truth. Exit code: 0 measured and correct, 1 failed or
wrong count, 2 bad options, 130 interrupted.`;

/** Validated options of one run. */
export interface WalkBenchOptions {
  /** admin URL of the server; `null`: find a test server */
  readonly databaseUrl: string | null;
  readonly items: number;
  readonly concurrency: number;
  readonly writeBatch: number;
  readonly maxRequestsPerS: number;
  readonly seed: number;
  readonly nullRetryS: number;
  readonly transport: WalkTransport;
  readonly nodeOptions: readonly string[];
}

/** The command line is wrong: the message says what, then how to call. */
export class WalkBenchUsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid options of bench:hn-walk:\n${problems.map((p) => `  - ${p}`).join('\n')}\nRun with --help for every option.`);
    this.name = 'WalkBenchUsageError';
  }
}

const INTEGERS = [
  { key: 'items', flag: 'items', min: 1_000, max: 5_000_000 },
  { key: 'concurrency', flag: 'concurrency', min: 1, max: 64 },
  { key: 'writeBatch', flag: 'write-batch', min: 1, max: 10_000 },
  { key: 'maxRequestsPerS', flag: 'max-requests-per-s', min: 1, max: 5_000 },
  { key: 'seed', flag: 'seed', min: -2_147_483_648, max: 2_147_483_647 },
  { key: 'nullRetryS', flag: 'null-retry-s', min: 0, max: 3_600 },
] as const;

/**
 * Reads the command line (`--items 1000` or `--items=1000`) and the environment for the database
 * URL; `help` for `--help`. Every problem is reported at once, by the option's name.
 */
export function parseWalkBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WalkBenchOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(INTEGERS.map((o) => [o.flag, { type: 'string' as const }])),
        'database-url': { type: 'string' },
        'node-options': { type: 'string' },
        transport: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new WalkBenchUsageError([error instanceof Error ? error.message : String(error)]);
  }
  if (values['help'] === true) return 'help';
  const problems: string[] = [];
  const numbers = { ...WALK_BENCH_DEFAULTS } as Record<(typeof INTEGERS)[number]['key'], number>;
  for (const o of INTEGERS) {
    const text = values[o.flag];
    if (typeof text !== 'string') continue;
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(n) || n < o.min || n > o.max) problems.push(`--${o.flag} must be a whole number between ${o.min} and ${o.max}, got "${text}"`);
    else numbers[o.key] = n;
  }
  const url = pickUrl(values['database-url'], env);
  if (url !== null && !/^postgres(ql)?:\/\/[^/]/.test(url.value)) problems.push(`${url.from} must be a URL like postgres://user:password@host:5432/postgres`);
  const transport = values['transport'] ?? WALK_BENCH_DEFAULTS.transport;
  if (typeof transport !== 'string' || !TRANSPORTS.includes(transport)) problems.push(`--transport must be as-built, fetch or keep-alive, got "${String(transport)}"`);
  if (problems.length > 0) throw new WalkBenchUsageError(problems);
  const nodeOptions = typeof values['node-options'] === 'string' ? values['node-options'] : WALK_BENCH_DEFAULTS.nodeOptions;
  return Object.freeze({
    databaseUrl: url?.value ?? null,
    items: numbers.items,
    concurrency: numbers.concurrency,
    writeBatch: numbers.writeBatch,
    maxRequestsPerS: numbers.maxRequestsPerS,
    seed: numbers.seed,
    nullRetryS: numbers.nullRetryS,
    transport: transport as WalkTransport,
    nodeOptions: Object.freeze(nodeOptions.split(/\s+/).filter(Boolean)),
  });
}

/** The database URL and where it came from: the flag, then TEST_DATABASE_URL, then DATABASE_URL. */
function pickUrl(flag: string | boolean | undefined, env: Readonly<Record<string, string | undefined>>): { value: string; from: string } | null {
  if (typeof flag === 'string') return { value: flag.trim(), from: '--database-url' };
  for (const name of ['TEST_DATABASE_URL', 'DATABASE_URL']) {
    const value = env[name]?.trim();
    if (value) return { value, from: name };
  }
  return null;
}
