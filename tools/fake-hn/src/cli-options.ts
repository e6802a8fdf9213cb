import { parseFlags } from '@sentiment-ingest/fake-http';
import { booleanVar, intInRange } from '@sentiment-ingest/runtime';
import { z } from 'zod';
import { FakeHackerNewsUsageError } from './errors';
import { FAKE_HN_DEFAULTS } from './fake-hn-options';
import type { FaultRates } from './fake-hn.types';
import type { DrawnFaultKind } from './faults';

const D = FAKE_HN_DEFAULTS;

/** Command-line help. */
export const USAGE = `Usage: node dist/tools/fake-hn/main.js [options]
Every option can also be set in the environment as FAKE_HN_<OPTION> (--null-lag-ms: FAKE_HN_NULL_LAG_MS);
the command line wins.
  --port N                    port to listen on (default 8090; 0: any free port)
  --host ADDRESS              interface to listen on (default 127.0.0.1; 0.0.0.0 in a container others reach)
  --seed N                    seed of everything generated (default ${D.seed})
  --history-minutes N         start window: generate items from N minutes before start (default 0)
  --first-id N                id of the first generated item; lower ids are a frozen archive (default ${D.firstId})
  --items-per-minute X        mean rate of new ids outside bursts (default ${D.itemsPerMinute}, about 10k a day)
  --burst-every-minutes X     mean minutes between seeded bursts (default ${D.bursts.everyMinutes}; 0: none)
  --burst-size N              ids per burst (default ${D.bursts.size})
  --burst-spread-seconds N    a burst's duration (default ${D.bursts.spreadSeconds})
  --null-lag-ms N             a new item answers null for up to N ms (default ${D.nullLagMs})
  --late-rate X               share of items that answer null for --late-lag-ms instead (default ${D.lateRate})
  --late-lag-ms N             (default ${D.lateLagMs})
  --hole-rate X               share of ids that never exist (default ${D.holeRate})
  --delete-rate X             share of stories and comments deleted later (default ${D.deleteRate})
  --dead-rate X               share of stories and comments that are or become dead (default ${D.deadRate})
  --edit-rate X               share of stories and comments edited later (default ${D.editRate})
  --updates-window-seconds N  how far back /v0/updates.json looks (default ${D.updatesWindowSeconds})
  --updates-limit N           most ids /v0/updates.json lists (default ${D.updatesLimit})
  --faults LIST               kind:share,... drawn per request; kinds 5xx, 429, html, truncated, hang, drop
                              (e.g. 5xx:0.01,429:0.002,truncated:0.002; default none)
  --retry-after-seconds N     Retry-After of drawn 429 answers (default ${D.retryAfterSeconds})
  --archive true|false        serve ids below --first-id as old items (default true)
  --log-requests true|false   log each request as a JSON line on stderr (default false)
  --help                      print this help
Prints one JSON line {"baseUrl","origin","firstId","maxItem"} when listening; stops on SIGTERM or SIGINT.`;

/** The process's options, validated and frozen. */
export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly historyMinutes: number;
  readonly firstId: number;
  readonly itemsPerMinute: number;
  readonly burstEveryMinutes: number;
  readonly burstSize: number;
  readonly burstSpreadSeconds: number;
  readonly nullLagMs: number;
  readonly lateRate: number;
  readonly lateLagMs: number;
  readonly holeRate: number;
  readonly deleteRate: number;
  readonly deadRate: number;
  readonly editRate: number;
  readonly updatesWindowSeconds: number;
  readonly updatesLimit: number;
  readonly faults: Partial<FaultRates>;
  readonly retryAfterSeconds: number;
  readonly archive: boolean;
  readonly logRequests: boolean;
}

/** A number within [min, max] (fractions allowed), with its default. */
const numberInRange = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number between ${min} and ${max}` })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const share = (fallback: number) => numberInRange(fallback, 0, 1);

/** `--faults` names, short and long. */
const FAULT_NAMES: Readonly<Record<string, DrawnFaultKind>> = {
  '5xx': 'serverError', serverError: 'serverError',
  '429': 'tooManyRequests', tooManyRequests: 'tooManyRequests',
  html: 'htmlBody', htmlBody: 'htmlBody',
  truncated: 'truncatedJson', truncatedJson: 'truncatedJson',
  hang: 'hang',
  drop: 'dropConnection', dropConnection: 'dropConnection',
};

const faultList = z
  .string()
  .default('')
  .transform((list, context) => {
    const rates: Partial<Record<DrawnFaultKind, number>> = {};
    for (const entry of list.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
      const [name = '', value = '', ...rest] = entry.split(':');
      const kind = FAULT_NAMES[name];
      const rate = Number(value);
      if (kind === undefined || value === '' || !(rate >= 0 && rate <= 1) || rest.length > 0) {
        context.addIssue({ code: 'custom', message: `entry "${entry}" must look like kind:share with a kind of 5xx, 429, html, truncated, hang or drop and a share in [0, 1]` });
        continue;
      }
      rates[kind] = rate;
    }
    const sum = Object.values(rates).reduce((total, rate) => total + rate, 0);
    if (sum > 1) context.addIssue({ code: 'custom', message: `shares must add up to at most 1, got ${sum}` });
    return rates;
  });

const schema = z.object({
  port: intInRange(8090, 0, 65535),
  host: z.string().regex(/^[0-9A-Za-z.:_-]+$/, 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  seed: intInRange(D.seed, -2147483648, 2147483647),
  historyMinutes: intInRange(0, 0, 366 * 24 * 60),
  firstId: intInRange(D.firstId, 1, 1_000_000_000),
  itemsPerMinute: numberInRange(D.itemsPerMinute, 0, 100_000),
  burstEveryMinutes: numberInRange(D.bursts.everyMinutes, 0, 1e6),
  burstSize: intInRange(D.bursts.size, 0, 100_000),
  burstSpreadSeconds: numberInRange(D.bursts.spreadSeconds, 0, 86_400),
  nullLagMs: intInRange(D.nullLagMs, 0, 3_600_000),
  lateRate: share(D.lateRate),
  lateLagMs: intInRange(D.lateLagMs, 0, 86_400_000),
  holeRate: share(D.holeRate),
  deleteRate: share(D.deleteRate),
  deadRate: share(D.deadRate),
  editRate: share(D.editRate),
  updatesWindowSeconds: intInRange(D.updatesWindowSeconds, 1, 86_400),
  updatesLimit: intInRange(D.updatesLimit, 1, 100_000),
  faults: faultList,
  retryAfterSeconds: intInRange(D.retryAfterSeconds, 0, 86_400),
  archive: booleanVar(D.archive),
  logRequests: booleanVar(false),
});

type Key = keyof z.infer<typeof schema>;
const KEYS = Object.keys(schema.shape) as Key[];

/** `historyMinutes` -> `history-minutes`. */
const flagOf = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
/** `historyMinutes` -> `FAKE_HN_HISTORY_MINUTES`. */
const envOf = (key: string) => `FAKE_HN_${flagOf(key).replace(/-/g, '_').toUpperCase()}`;

/**
 * Reads the command line, then the environment for what it leaves out; `help` when `--help` was
 * given. Every problem is reported at once, named as the user wrote it.
 */
export function parseCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliOptions | 'help' {
  const values = parseFlags(
    argv,
    { ...Object.fromEntries(KEYS.map((key) => [flagOf(key), { type: 'string' as const }])), help: { type: 'boolean' } },
    (problem) => new FakeHackerNewsUsageError([problem], USAGE),
  );
  if (values['help'] === true) return 'help';
  const fromEnv = new Set<Key>();
  const input = Object.fromEntries(
    KEYS.map((key) => {
      const flag = values[flagOf(key)];
      if (typeof flag === 'string') return [key, flag];
      const variable = env[envOf(key)];
      if (variable === undefined || variable.trim() === '') return [key, undefined];
      fromEnv.add(key);
      return [key, variable];
    }),
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const name = (key: Key) => (fromEnv.has(key) ? `${envOf(key)} (--${flagOf(key)})` : `--${flagOf(key)}`);
    throw new FakeHackerNewsUsageError(parsed.error.issues.map((issue) => `${name(issue.path[0] as Key)} ${issue.message}`), USAGE);
  }
  return Object.freeze({ ...parsed.data, faults: Object.freeze(parsed.data.faults) });
}
