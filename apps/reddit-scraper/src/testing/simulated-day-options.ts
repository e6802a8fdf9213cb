import { parseArgs } from 'node:util';
import { wholeNumberOption } from '@sentiment-ingest/runtime';

/** Defaults of the simulated-day benchmark. */
export const SCRAPER_DAY_DEFAULTS = Object.freeze({
  hours: 24,
  subreddits: 50,
  engagementMaxAgeH: 6,
  /** REDDIT_HEAL_BUDGET_PCT's default */
  healBudgetPct: 30,
  seed: 11,
  /** the heap cap recommended for the scraper in production (docker-compose.yml sets the same) */
  nodeOptions: '--max-old-space-size=128',
});

/** Command-line help. */
export const SCRAPER_DAY_USAGE = `Usage: npx nx run bench:scraper-day [-- options]
A simulated day of Reddit against the fake, on virtual time: the scraper (its real modules, in a child
process) polls a fake Reddit with a few busy subreddits, many quiet ones and five bursts (200 to 1,400
posts), through a proxy that moves the fake's clock to the scraper's virtual time, and writes to a
fresh TimescaleDB database (dropped at the end). A day takes about 7 minutes; progress is printed
every 15 s on stderr. Prints posts captured against generated (outside recorded gaps too),
duplicates, gaps recorded and healed, the healer's requests per recovered post, requests per 100 new
posts, engagement observations and the scraper's peak RSS, then a JSON line.
Options:
  --hours N                  virtual hours to simulate (default ${SCRAPER_DAY_DEFAULTS.hours}; 1 to 168)
  --subreddits N             subreddits to scrape (default ${SCRAPER_DAY_DEFAULTS.subreddits}; 1 to 1000)
  --engagement-max-age-h N   hours a post's engagement is followed (default ${SCRAPER_DAY_DEFAULTS.engagementMaxAgeH}; 0 to 168)
  --heal-budget-pct N        the scraper's REDDIT_HEAL_BUDGET_PCT (default ${SCRAPER_DAY_DEFAULTS.healBudgetPct}; 0 to 100, 0: no healing)
  --seed N                   seed of the fake's posts (default ${SCRAPER_DAY_DEFAULTS.seed})
  --node-options="FLAGS"     node flags of the scraper process (with =: they start with a dash) (default "${SCRAPER_DAY_DEFAULTS.nodeOptions}")
  --help                     print this help
The database: TEST_DATABASE_URL, else testcontainers, else tools/local-timescaledb.`;

/** Validated options of one run. */
export interface ScraperDayOptions {
  readonly hours: number;
  readonly subreddits: number;
  readonly engagementMaxAgeH: number;
  readonly healBudgetPct: number;
  readonly seed: number;
  readonly nodeOptions: readonly string[];
}

/** A bad command line: the message says which option and why. */
export class ScraperDayUsageError extends Error {}

/** Parses the benchmark's options, or `help` when asked for. Pure. */
export function parseScraperDayOptions(argv: readonly string[]): ScraperDayOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        hours: { type: 'string' },
        subreddits: { type: 'string' },
        'engagement-max-age-h': { type: 'string' },
        'heal-budget-pct': { type: 'string' },
        seed: { type: 'string' },
        'node-options': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ScraperDayUsageError(`${error instanceof Error ? error.message : String(error)}\n(--help lists the options)`);
  }
  if (values.help) return 'help';
  return {
    hours: wholeNumber('--hours', values.hours, SCRAPER_DAY_DEFAULTS.hours, 1, 168),
    subreddits: wholeNumber('--subreddits', values.subreddits, SCRAPER_DAY_DEFAULTS.subreddits, 1, 1000),
    engagementMaxAgeH: wholeNumber('--engagement-max-age-h', values['engagement-max-age-h'], SCRAPER_DAY_DEFAULTS.engagementMaxAgeH, 0, 168),
    healBudgetPct: wholeNumber('--heal-budget-pct', values['heal-budget-pct'], SCRAPER_DAY_DEFAULTS.healBudgetPct, 0, 100),
    seed: wholeNumber('--seed', values.seed, SCRAPER_DAY_DEFAULTS.seed, 0, 2 ** 32 - 1),
    nodeOptions: (values['node-options'] ?? SCRAPER_DAY_DEFAULTS.nodeOptions).split(' ').filter(Boolean),
  };
}

const wholeNumber = (name: string, text: string | undefined, fallback: number, min: number, max: number): number =>
  wholeNumberOption(name, text, { fallback, min, max }, (message) => new ScraperDayUsageError(message));

/** One progress line: where the virtual day stands, and the wall time spent. Pure. */
export function scraperDayProgressLine(virtualMs: number, startMs: number, endMs: number, wallMs: number): string {
  const done = Math.min(1, Math.max(0, (virtualMs - startMs) / (endMs - startMs)));
  const at = new Date(virtualMs).toISOString().slice(11, 16);
  const hours = Math.round((endMs - startMs) / 3_600_000);
  return `[bench] virtual ${at} UTC, ${Math.round(done * 100)}% of ${hours} h, ${Math.round(wallMs / 1000)} s of wall time`;
}
