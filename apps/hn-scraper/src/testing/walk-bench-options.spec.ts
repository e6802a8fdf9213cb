import { parseWalkBenchOptions, WALK_BENCH_DEFAULTS, WALK_BENCH_USAGE, WalkBenchUsageError } from './walk-bench-options';

describe('parseWalkBenchOptions', () => {
  it('uses the defaults and TEST_DATABASE_URL when nothing is given', () => {
    expect(parseWalkBenchOptions([], { TEST_DATABASE_URL: 'postgres://u:p@127.0.0.1:55432/postgres', DATABASE_URL: 'postgres://other/db' })).toEqual({
      databaseUrl: 'postgres://u:p@127.0.0.1:55432/postgres',
      items: WALK_BENCH_DEFAULTS.items,
      concurrency: WALK_BENCH_DEFAULTS.concurrency,
      writeBatch: WALK_BENCH_DEFAULTS.writeBatch,
      maxRequestsPerS: WALK_BENCH_DEFAULTS.maxRequestsPerS,
      seed: WALK_BENCH_DEFAULTS.seed,
      nullRetryS: WALK_BENCH_DEFAULTS.nullRetryS,
      transport: 'as-built',
      nodeOptions: ['--max-old-space-size=128'],
    });
  });

  it('takes DATABASE_URL without TEST_DATABASE_URL, and none at all (the test server)', () => {
    expect(parseWalkBenchOptions([], { DATABASE_URL: 'postgres://h/db' })).toMatchObject({ databaseUrl: 'postgres://h/db' });
    expect(parseWalkBenchOptions([], { TEST_DATABASE_URL: '  ' })).toMatchObject({ databaseUrl: null });
  });

  it('reads every option, in both spellings; the command line wins over the environment', () => {
    const options = parseWalkBenchOptions(
      ['--items', '300000', '--concurrency=16', '--write-batch', '1000', '--max-requests-per-s', '2000', '--seed=-3', '--null-retry-s', '0', '--transport', 'keep-alive', '--database-url', 'postgresql://x@h:1/p', '--node-options=--cpu-prof  --max-old-space-size=256'],
      { TEST_DATABASE_URL: 'postgres://ignored/db' },
    );
    expect(options).toEqual({
      databaseUrl: 'postgresql://x@h:1/p',
      items: 300_000,
      concurrency: 16,
      writeBatch: 1000,
      maxRequestsPerS: 2000,
      seed: -3,
      nullRetryS: 0,
      transport: 'keep-alive',
      nodeOptions: ['--cpu-prof', '--max-old-space-size=256'],
    });
  });

  it('answers help for --help', () => {
    expect(parseWalkBenchOptions(['--help'], {})).toBe('help');
    for (const flag of ['--database-url', '--items', '--concurrency', '--write-batch', '--max-requests-per-s', '--seed', '--null-retry-s', '--transport', '--node-options', '--help']) {
      expect(WALK_BENCH_USAGE).toContain(flag);
    }
  });

  it('refuses unknown options and positionals', () => {
    expect(() => parseWalkBenchOptions(['--batch-size', '5'], {})).toThrow(WalkBenchUsageError);
    expect(() => parseWalkBenchOptions(['--batch-size', '5'], {})).toThrow(/Unknown option '--batch-size'/);
    expect(() => parseWalkBenchOptions(['extra'], {})).toThrow(WalkBenchUsageError);
  });

  it('reports every bad value at once, by its name', () => {
    let error: unknown;
    try {
      parseWalkBenchOptions(['--items', '10', '--concurrency', '0', '--write-batch', 'x', '--max-requests-per-s', '1.5', '--transport', 'curl'], { DATABASE_URL: 'mysql://h/db' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WalkBenchUsageError);
    expect((error as WalkBenchUsageError).problems).toEqual([
      '--items must be a whole number between 1000 and 5000000, got "10"',
      '--concurrency must be a whole number between 1 and 64, got "0"',
      '--write-batch must be a whole number between 1 and 10000, got "x"',
      '--max-requests-per-s must be a whole number between 1 and 5000, got "1.5"',
      'DATABASE_URL must be a URL like postgres://user:password@host:5432/postgres',
      '--transport must be as-built, fetch or keep-alive, got "curl"',
    ]);
  });
});
