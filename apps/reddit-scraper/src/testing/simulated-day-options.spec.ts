import { SCRAPER_DAY_DEFAULTS, ScraperDayUsageError, parseScraperDayOptions, scraperDayProgressLine } from './simulated-day-options';

describe('parseScraperDayOptions', () => {
  it('defaults to a day of 50 subreddits under the production heap cap', () => {
    expect(parseScraperDayOptions([])).toEqual({
      hours: 24,
      subreddits: 50,
      engagementMaxAgeH: 6,
      healBudgetPct: 30,
      seed: 11,
      nodeOptions: [SCRAPER_DAY_DEFAULTS.nodeOptions],
    });
  });

  it('reads every option', () => {
    expect(parseScraperDayOptions(['--hours', '2', '--subreddits=5', '--engagement-max-age-h', '0', '--heal-budget-pct', '0', '--seed', '3', '--node-options=--max-old-space-size=64 --trace-gc'])).toEqual({
      hours: 2,
      subreddits: 5,
      engagementMaxAgeH: 0,
      healBudgetPct: 0,
      seed: 3,
      nodeOptions: ['--max-old-space-size=64', '--trace-gc'],
    });
  });

  it('asks for the usage on --help or -h', () => {
    expect(parseScraperDayOptions(['--help'])).toBe('help');
    expect(parseScraperDayOptions(['-h'])).toBe('help');
  });

  it('refuses a bad value or an unknown option, naming it', () => {
    expect(() => parseScraperDayOptions(['--hours', 'all'])).toThrow(new ScraperDayUsageError('--hours "all" must be a whole number from 1 to 168'));
    expect(() => parseScraperDayOptions(['--hours', '0'])).toThrow(/--hours "0"/);
    expect(() => parseScraperDayOptions(['--heal-budget-pct', '101'])).toThrow(/--heal-budget-pct "101" must be a whole number from 0 to 100/);
    expect(() => parseScraperDayOptions(['--hour', '2'])).toThrow(/Unknown option '--hour'[\s\S]*--help lists the options/);
  });
});

describe('scraperDayProgressLine', () => {
  it('says the virtual time, the share of the day done and the wall time', () => {
    const start = Date.UTC(2026, 10, 1);
    expect(scraperDayProgressLine(start + 6 * 3_600_000 + 30 * 60_000, start, start + 24 * 3_600_000, 95_400)).toBe(
      '[bench] virtual 06:30 UTC, 27% of 24 h, 95 s of wall time',
    );
  });
});
