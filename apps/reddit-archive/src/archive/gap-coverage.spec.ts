import { CoverageTracker, candidateGaps, coveredRange, gapVerdict, gapsResolvedBy, subredditsOfStream } from './gap-coverage';

const T = (iso: string) => new Date(`2023-01-${iso}Z`);
const gap = (stream: string, start: string, end: string) => ({ stream, gapStart: T(start), gapEnd: T(end) });
const none = { since: null, until: null };

describe('CoverageTracker', () => {
  it('keeps the earliest and latest time per kind, whatever the order of the lines', () => {
    const tracker = new CoverageTracker();
    tracker.note('submissions', T('02T12:00:00'), 'WallStreetBets');
    tracker.note('submissions', T('01T00:00:00'), 'stocks');
    tracker.note('submissions', T('03T00:00:00'), 'wallstreetbets');
    tracker.note('comments', T('05T00:00:00'), 'pics');
    expect(tracker.coverage('submissions', none)).toEqual({ from: T('01T00:00:00'), to: T('03T00:00:00') });
    expect(tracker.coverage('comments', none)).toEqual({ from: T('05T00:00:00'), to: T('05T00:00:00') });
    expect([...tracker.subreddits('submissions')].sort()).toEqual(['stocks', 'wallstreetbets']);
    expect([...tracker.subreddits('comments')]).toEqual(['pics']);
  });

  it('covers nothing of a kind it saw no line of', () => {
    expect(new CoverageTracker().coverage('submissions', none)).toBeNull();
  });
});

describe('coveredRange', () => {
  const earliest = T('01T00:00:00').getTime();
  const latest = T('31T00:00:00').getTime();

  it('is [earliest, latest] without a window', () => {
    expect(coveredRange(earliest, latest, none)).toEqual({ from: T('01T00:00:00'), to: T('31T00:00:00') });
  });

  it('is intersected with --since (inclusive) and --until (exclusive: 1 ms before it)', () => {
    expect(coveredRange(earliest, latest, { since: T('10T00:00:00'), until: T('20T00:00:00') })).toEqual({
      from: T('10T00:00:00'),
      to: new Date(T('20T00:00:00').getTime() - 1),
    });
    // a window wider than the lines does not widen the coverage
    expect(coveredRange(earliest, latest, { since: new Date(0), until: new Date(Date.UTC(2030, 0)) })).toEqual({ from: T('01T00:00:00'), to: T('31T00:00:00') });
  });

  it('is null when the window and the lines do not meet', () => {
    expect(coveredRange(earliest, latest, { since: new Date(Date.UTC(2024, 0)), until: null })).toBeNull();
  });
});

describe('subredditsOfStream', () => {
  it('reads the subreddits of the live scraper\'s /new streams, lower-case', () => {
    expect(subredditsOfStream('new:stocks')).toEqual(['stocks']);
    expect(subredditsOfStream('new:Stocks+wallstreetbets')).toEqual(['stocks', 'wallstreetbets']);
  });

  it('reads the subreddits of the comments streams for comments', () => {
    expect(subredditsOfStream('comments:Stocks+wallstreetbets', 'comments')).toEqual(['stocks', 'wallstreetbets']);
    expect(subredditsOfStream('new:stocks', 'comments')).toBeNull();
  });

  it('refuses any other stream', () => {
    for (const stream of ['archive', 'comments:stocks', 'new:', 'new:a++b', 'hot:a', 'new:a b', 'heal:12']) expect(subredditsOfStream(stream)).toBeNull();
  });
});

describe('candidateGaps', () => {
  const gaps = [
    gap('new:stocks+wallstreetbets', '02', '03'),
    gap('new:askreddit+stocks', '02', '03'),
    gap('archive', '02', '03'),
    gap('new:stocks', '04', '05'),
    gap('comments:stocks', '04', '05'),
  ];

  it('keeps the /new streams whose subreddits are all selected (case-insensitive)', () => {
    const found = candidateGaps('submissions', new Set(['stocks', 'wallstreetbets']), gaps);
    expect(found.map((c) => c.gap.stream)).toEqual(['new:stocks+wallstreetbets', 'new:stocks']);
    expect(found[0]!.subreddits).toEqual(['stocks', 'wallstreetbets']);
  });

  it('keeps every /new stream when all subreddits are imported', () => {
    expect(candidateGaps('submissions', new Set(), gaps).map((c) => c.gap.stream)).toEqual(['new:stocks+wallstreetbets', 'new:askreddit+stocks', 'new:stocks']);
  });

  it('keeps the comments streams for comments, and only those', () => {
    expect(candidateGaps('comments', new Set(['stocks']), gaps).map((c) => c.gap.stream)).toEqual(['comments:stocks']);
    expect(candidateGaps('comments', new Set(['pics']), gaps)).toEqual([]);
  });
});

describe('gapVerdict / gapsResolvedBy', () => {
  const coverage = { from: T('02T00:00:00'), to: T('10T00:00:00') };

  it('resolves a gap inside the coverage, ends included', () => {
    expect(gapVerdict(coverage, gap('new:a', '02T00:00:00', '10T00:00:00'))).toBe('resolved');
    expect(gapVerdict(coverage, gap('new:a', '03T00:00:00', '04T00:00:00'))).toBe('resolved');
  });

  it('leaves open a gap the coverage meets only partly, and one it does not meet', () => {
    expect(gapVerdict(coverage, gap('new:a', '01T23:59:59', '03T00:00:00'))).toBe('partly covered');
    expect(gapVerdict(coverage, gap('new:a', '09T00:00:00', '11T00:00:00'))).toBe('partly covered');
    expect(gapVerdict(coverage, gap('new:a', '01T00:00:00', '12T00:00:00'))).toBe('partly covered');
    expect(gapVerdict(coverage, gap('new:a', '11T00:00:00', '12T00:00:00'))).toBe('not covered');
    expect(gapVerdict(null, gap('new:a', '03T00:00:00', '04T00:00:00'))).toBe('not covered');
  });

  it('sorts the candidates into resolved and partly covered', () => {
    const inside = gap('new:a', '03T00:00:00', '04T00:00:00');
    const partly = gap('new:a', '09T00:00:00', '11T00:00:00');
    const apart = gap('new:a', '20T00:00:00', '21T00:00:00');
    const result = gapsResolvedBy(coverage, [inside, partly, apart].map((g) => ({ gap: g, subreddits: ['a'] })), new Set(['a']));
    expect(result).toEqual({ resolved: [inside], partly: [partly], unseen: [] });
  });

  it('leaves open a gap inside the coverage when the file has no post of one of its subreddits (a per-subreddit file)', () => {
    const group = gap('new:a+b+c', '03T00:00:00', '04T00:00:00');
    const other = gap('new:d', '03T00:00:00', '04T00:00:00');
    const candidates = [
      { gap: group, subreddits: ['a', 'b', 'c'] },
      { gap: other, subreddits: ['d'] },
    ];
    expect(gapsResolvedBy(coverage, candidates, new Set(['a', 'c']))).toEqual({
      resolved: [],
      partly: [],
      unseen: [
        { gap: group, missing: ['b'] },
        { gap: other, missing: ['d'] },
      ],
    });
    expect(gapsResolvedBy(coverage, candidates, new Set(['a', 'b', 'c', 'd'])).resolved).toEqual([group, other]);
  });
});
