import { BENCH_DEFAULTS, parseBenchOptions } from './bench-options';
import { BenchUsageError } from './errors';

describe('parseBenchOptions', () => {
  it('defaults to 100k rows, batches of 5000, 3 runs and a test server', () => {
    expect(parseBenchOptions([], {})).toEqual({ ...BENCH_DEFAULTS, databaseUrl: null });
  });

  it('reads --name value and --name=value', () => {
    expect(parseBenchOptions(['--rows', '2000', '--write-batch=500', '--runs', '5'], {})).toMatchObject({ rows: 2000, batchSize: 500, runs: 5 });
  });

  it('keeps one batch in flight unless --in-flight says more (1 to 8)', () => {
    expect(parseBenchOptions([], {}).valueOf()).toMatchObject({ inFlight: 1 });
    expect(parseBenchOptions(['--in-flight', '2'], {})).toMatchObject({ inFlight: 2 });
    expect(() => parseBenchOptions(['--in-flight', '9'], {})).toThrow(/--in-flight/);
  });

  it('takes the server from BENCH_DATABASE_URL, and from --database-url over it', () => {
    const env = { BENCH_DATABASE_URL: 'postgres://a:b@env:5432/postgres' };
    expect(parseBenchOptions([], env)).toMatchObject({ databaseUrl: 'postgres://a:b@env:5432/postgres' });
    expect(parseBenchOptions(['--database-url', 'postgres://a:b@cli/postgres'], env)).toMatchObject({ databaseUrl: 'postgres://a:b@cli/postgres' });
  });

  it('reports every bad option at once, by its name', () => {
    const parse = () => parseBenchOptions(['--rows', '0', '--runs', 'many', '--database-url', 'localhost'], {});
    expect(parse).toThrow(BenchUsageError);
    expect(parse).toThrow(/--rows must be at least 1[\s\S]*--runs must be a whole number[\s\S]*--database-url \(or BENCH_DATABASE_URL\) must be a URL/);
  });

  it('asks for the usage on --help or -h, whatever else is given', () => {
    expect(parseBenchOptions(['--help'], {})).toBe('help');
    expect(parseBenchOptions(['--rows', '0', '-h'], {})).toBe('help');
  });

  it('refuses options it does not know rather than ignoring a typo', () => {
    expect(() => parseBenchOptions(['--row', '10'], {})).toThrow(/Unknown option '--row'/);
  });
});
