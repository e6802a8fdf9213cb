import { formatBytes, formatDuration, formatStats } from './format-stats';

describe('formatBytes', () => {
  it('uses powers of 1024 like pg_size_pretty', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
  });
});

describe('formatDuration', () => {
  it('shows the three largest units', () => {
    expect(formatDuration(3725)).toBe('1h 2m 5s');
    expect(formatDuration(90_061)).toBe('1d 1h 1m');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('formatStats', () => {
  const stats = {
    license: 'apache',
    hypertables: [
      {
        table: 'raw_submissions',
        timeColumn: 'created_utc',
        chunks: 3,
        bytes: 2 * 1024 * 1024,
        approximateRows: 1200,
        oldest: new Date('2026-11-27T00:00:00Z'),
        newest: new Date('2026-11-29T10:00:00Z'),
        compression: null,
      },
      {
        table: 'submission_metrics',
        timeColumn: 'observed_at',
        chunks: 0,
        bytes: 0,
        approximateRows: null,
        oldest: null,
        newest: null,
        compression: null,
      },
    ],
    streams: [
      { source: 'reddit', stream: 'new:a+b', newestCreatedUtc: new Date('2026-11-29T10:00:00Z'), updatedAt: new Date('2026-11-29T10:00:05Z'), lagSeconds: 75 },
    ],
    gaps: [
      { source: 'reddit', stream: 'comments:a+b', recorded: 1, resolved: 1, recovered: 40, open: 0, oldestOpenStart: null },
      { source: 'reddit', stream: 'new:a+b', recorded: 3, resolved: 1, recovered: 512, open: 2, oldestOpenStart: new Date('2026-11-29T08:00:00Z') },
    ],
    comments: [
      { subreddit: 'a', comments: 1234 },
      { subreddit: 'b', comments: 5 },
    ],
  };

  it('shows the edition, one line per hypertable and per stream with its lag', () => {
    const text = formatStats(stats);
    expect(text).toContain('TimescaleDB license: apache (OSS edition)');
    expect(text).toMatch(/raw_submissions\s+created_utc\s+3\s+2\.0 MB\s+~1200\s+2026-11-27T00:00:00Z\s+2026-11-29T10:00:00Z\s+n\/a on OSS/);
    expect(text).toMatch(/submission_metrics\s+observed_at\s+0\s+0 bytes\s+not analyzed\s+-\s+-/);
    expect(text).toMatch(/reddit\/new:a\+b\s+2026-11-29T10:00:00Z\s+1m 15s/);
  });

  it('shows each stream\'s gaps (recorded, resolved, items recovered, open, the oldest open one) and the day\'s comments by subreddit', () => {
    const text = formatStats(stats);
    expect(text).toMatch(/reddit\/comments:a\+b\s+1\s+1\s+40\s+0\s+-/);
    expect(text).toMatch(/reddit\/new:a\+b\s+3\s+1\s+512\s+2\s+2026-11-29T08:00:00Z/);
    expect(text).toContain('comments of the last 24 h, by subreddit');
    expect(text).toMatch(/reddit\/r\/a\s+1234/);
    expect(text).toMatch(/reddit\/r\/b\s+5/);
  });

  it('says when no gap was recorded, and leaves out the comments when they were not read', () => {
    const text = formatStats({ ...stats, gaps: [], comments: null });
    expect(text).toContain('(no gaps recorded)');
    expect(text).not.toContain('comments of the last');
    expect(formatStats({ ...stats, comments: [] })).toContain('(no comments created in that time)');
  });

  it('reports compression on the community edition', () => {
    const community = { ...stats, license: 'timescale', hypertables: [{ ...stats.hypertables[0]!, compression: { enabled: true, compressedChunks: 2 } }] };
    expect(formatStats(community)).toContain('on, 2/3 chunks');
  });
});
