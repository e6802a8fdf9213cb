import { ARCHIVE_BENCH_DEFAULTS, ArchiveBenchUsageError, parseArchiveBenchOptions } from './archive-bench-options';

describe('parseArchiveBenchOptions', () => {
  const env = { TEST_DATABASE_URL: 'postgres://test', DATABASE_URL: 'postgres://dev' };

  it('has defaults: 1024 MiB of submissions, seed 42, the test database', () => {
    expect(parseArchiveBenchOptions([], env)).toEqual({ databaseUrl: 'postgres://test', megabytes: ARCHIVE_BENCH_DEFAULTS.megabytes, kind: 'submissions', seed: 42 });
    expect(ARCHIVE_BENCH_DEFAULTS.megabytes).toBe(1024);
  });

  it('reads every option; --database-url wins, DATABASE_URL is the last resort', () => {
    expect(parseArchiveBenchOptions(['--megabytes', '100', '--kind', 'comments', '--seed=7', '--database-url', 'postgres://x'], env)).toEqual({
      databaseUrl: 'postgres://x',
      megabytes: 100,
      kind: 'comments',
      seed: 7,
    });
    expect(parseArchiveBenchOptions([], { DATABASE_URL: 'postgres://dev' })).toMatchObject({ databaseUrl: 'postgres://dev' });
  });

  it('answers help', () => {
    expect(parseArchiveBenchOptions(['--help'], {})).toBe('help');
  });

  it.each([
    [['--megabytes', '0']],
    [['--megabytes', '1.5']],
    [['--kind', 'posts']],
    [['--seed', '-1']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j', (argv) => {
    expect(() => parseArchiveBenchOptions(argv, env)).toThrow(ArchiveBenchUsageError);
  });

  it('refuses to run without a database', () => {
    expect(() => parseArchiveBenchOptions([], {})).toThrow(/--database-url/);
  });
});
