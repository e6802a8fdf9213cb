import { DEFAULT_BATCH_SIZE, helpText, parseArgs, parseInstant } from './args';

const options = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'import') throw new Error(`expected import, got ${JSON.stringify(parsed)}`);
  return parsed.options;
};
const errorOf = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${parsed.kind}`);
  return parsed.message;
};

describe('parseArgs', () => {
  it('reads import with every option', () => {
    const o = options(['import', '--subreddits', 'WallStreetBets, stocks', '--subreddits=r/Investing', '--since', '2023-01-01', '--until=2023-02-01T06:00:00Z', '--kind', 'submissions', '--rejects', 'out.tsv', '--batch-size', '500', 'RS_2023-01.zst', '-']);
    expect([...o.subreddits]).toEqual(['wallstreetbets', 'stocks', 'investing']);
    expect(o.since?.toISOString()).toBe('2023-01-01T00:00:00.000Z');
    expect(o.until?.toISOString()).toBe('2023-02-01T06:00:00.000Z');
    expect(o.kind).toBe('submissions');
    expect(o.rejectsPath).toBe('out.tsv');
    expect(o.batchSize).toBe(500);
    expect(o.files).toEqual(['RS_2023-01.zst', '-']);
    expect(o.reimport).toBe(false);
  });

  it('reads --reimport as a flag, anywhere on the line', () => {
    expect(options(['import', 'a.zst', '--reimport']).reimport).toBe(true);
    expect(errorOf(['import', '--reimport=yes', 'a.zst'])).toMatch(/--reimport takes no value/);
  });

  it('has defaults: every subreddit, no window, kind from the file, default batch', () => {
    const o = options(['import', 'a.ndjson']);
    expect(o.subreddits.size).toBe(0);
    expect([o.since, o.until, o.kind, o.rejectsPath]).toEqual([null, null, null, null]);
    expect(o.batchSize).toBe(DEFAULT_BATCH_SIZE);
  });

  it('takes files after -- even when they start with a dash', () => {
    expect(options(['import', '--', '-odd.jsonl']).files).toEqual(['-odd.jsonl']);
  });

  it('answers --help and -h, whatever else is given', () => {
    expect(parseArgs(['--help']).kind).toBe('help');
    expect(parseArgs(['import', '-h', '--bogus']).kind).toBe('help');
  });

  it.each([
    [[], /no command/],
    [['export', 'a.zst'], /unknown command "export"/],
    [['import'], /at least one FILE/],
    [['import', '--frobnicate', 'a.zst'], /unknown option --frobnicate/],
    [['import', 'a.zst', '--since'], /--since needs a value/],
    [['import', '--since', 'yesterday', 'a.zst'], /--since "yesterday" is not an ISO date/],
    [['import', '--until', '2023-02-30', 'a.zst'], /--until "2023-02-30"/],
    [['import', '--since', '2023-02-01', '--until', '2023-01-01', 'a.zst'], /--since must be before --until/],
    [['import', '--kind', 'posts', 'a.zst'], /--kind "posts" must be submissions or comments/],
    [['import', '--subreddits', 'wall street', 'a.zst'], /"wall street" is not a subreddit name/],
    [['import', '--subreddits', ',', 'a.zst'], /at least one name/],
    [['import', '--batch-size', '0', 'a.zst'], /--batch-size "0"/],
    [['import', '-', '-'], /stdin\) can be given once/],
  ])('refuses %j naming the problem', (argv, message) => {
    expect(errorOf(argv as string[])).toMatch(message);
  });
});

describe('parseInstant', () => {
  it('reads a date as midnight UTC and a zoneless time as UTC', () => {
    expect((parseInstant('2023-01-05') as Date).toISOString()).toBe('2023-01-05T00:00:00.000Z');
    expect((parseInstant('2023-01-05T10:20') as Date).toISOString()).toBe('2023-01-05T10:20:00.000Z');
    expect((parseInstant('2023-01-05T10:20:30+02:00') as Date).toISOString()).toBe('2023-01-05T08:20:30.000Z');
  });
  it('refuses what is not ISO', () => {
    expect(parseInstant('01/05/2023')).toBe('invalid');
    expect(parseInstant('1672531200')).toBe('invalid');
  });
});

describe('helpText', () => {
  it('documents the command, the nx target, every option and the exit codes', () => {
    const text = helpText();
    for (const part of ['import', 'nx run reddit-archive:import', '--subreddits', '--since', '--until', '--kind', '--rejects', '--batch-size', '--reimport', 'stdin (-) has no identity', 'apt-get install zstd', 'exit codes', '6 zstd']) {
      expect(text).toContain(part);
    }
  });
});
