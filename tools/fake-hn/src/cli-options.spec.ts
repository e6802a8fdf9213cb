import { parseCliOptions } from './cli-options';
import { FakeHackerNewsUsageError } from './errors';

describe('parseCliOptions', () => {
  it('defaults to port 8090, seed 42, HN-like rates and no faults', () => {
    expect(parseCliOptions([])).toEqual({
      port: 8090,
      host: '127.0.0.1',
      seed: 42,
      historyMinutes: 0,
      firstId: 40_000_000,
      itemsPerMinute: 7,
      burstEveryMinutes: 60,
      burstSize: 40,
      burstSpreadSeconds: 20,
      nullLagMs: 1500,
      lateRate: 0.002,
      lateLagMs: 120_000,
      holeRate: 0.003,
      deleteRate: 0.02,
      deadRate: 0.02,
      editRate: 0.05,
      updatesWindowSeconds: 120,
      updatesLimit: 100,
      faults: {},
      retryAfterSeconds: 1,
      archive: true,
      logRequests: false,
    });
  });

  it('reads flags, with fault shares by short or long kind name', () => {
    const options = parseCliOptions(['--port', '0', '--seed=7', '--history-minutes', '1440', '--items-per-minute', '2.5', '--faults', '5xx:0.01, 429:0.002,truncatedJson:0.003,hang:0', '--archive', 'false']);
    expect(options).toMatchObject({
      port: 0,
      seed: 7,
      historyMinutes: 1440,
      itemsPerMinute: 2.5,
      faults: { serverError: 0.01, tooManyRequests: 0.002, truncatedJson: 0.003, hang: 0 },
      archive: false,
    });
  });

  it('reads FAKE_HN_* variables for what the command line leaves out; the command line wins', () => {
    const env = { FAKE_HN_PORT: '9000', FAKE_HN_SEED: '5', FAKE_HN_NULL_LAG_MS: '10', FAKE_HN_FAULTS: 'drop:0.5', UNRELATED: 'x' };
    expect(parseCliOptions(['--seed', '6'], env)).toMatchObject({ port: 9000, seed: 6, nullLagMs: 10, faults: { dropConnection: 0.5 } });
  });

  it('listens on --host or FAKE_HN_HOST (0.0.0.0: a compose demo, other containers reach it), and refuses what is no address', () => {
    expect(parseCliOptions(['--host', '0.0.0.0'])).toMatchObject({ host: '0.0.0.0' });
    expect(parseCliOptions([], { FAKE_HN_HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0' });
    expect(() => parseCliOptions(['--host', 'a/b'])).toThrow(/--host must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0/);
  });

  it('answers help to --help', () => {
    expect(parseCliOptions(['--help', '--port', 'nonsense'])).toBe('help');
  });

  it('reports every bad option at once, by the name it was given under', () => {
    const parse = () =>
      parseCliOptions(['--port', '70000', '--hole-rate', '2', '--faults', '5xx:0.8,teapot:0.1,429:0.5'], { FAKE_HN_ITEMS_PER_MINUTE: 'many' });
    expect(parse).toThrow(FakeHackerNewsUsageError);
    expect(parse).toThrow(
      /--port must be at most 65535[\s\S]*FAKE_HN_ITEMS_PER_MINUTE \(--items-per-minute\) must be a number[\s\S]*--hole-rate must be at most 1[\s\S]*--faults entry "teapot:0.1" must look like kind:share[\s\S]*--faults shares must add up to at most 1/,
    );
  });

  it('refuses options it does not know rather than ignoring a typo', () => {
    expect(() => parseCliOptions(['--prot', '1'])).toThrow(/Unknown option '--prot'/);
    expect(() => parseCliOptions(['serve'])).toThrow(/Unexpected argument 'serve'/);
  });
});
