import { ACTIVITY_SQL, formatActivityTable, formatSourceActivityTable, SOURCE_ACTIVITY_SQL } from './activity-table';

describe('formatActivityTable', () => {
  it('aligns text left and numbers right, one line per subreddit and hour', () => {
    const text = formatActivityTable([
      { hour: new Date('2026-11-29T10:00:00Z'), subreddit: 'askreddit', posts: 120, meanScore: 14, comments: 3021 },
      { hour: new Date('2026-11-29T10:00:00Z'), subreddit: 'news', posts: 7, meanScore: 210, comments: 55 },
    ]);
    expect(text.split('\n')).toEqual([
      'hour (UTC)        subreddit  posts  mean score  comments',
      '----------------  ---------  -----  ----------  --------',
      '2026-11-29 10:00  askreddit    120          14      3021',
      '2026-11-29 10:00  news           7         210        55',
    ]);
  });

  it('says so when nothing is stored', () => {
    expect(formatActivityTable([])).toBe('(no submissions stored yet)');
  });
});

describe('formatSourceActivityTable', () => {
  it('prints one line per source and hour, aligned, then the items per source', () => {
    const text = formatSourceActivityTable([
      { hour: new Date('2026-11-29T11:00:00Z'), source: 'hn', items: 412, posts: 61, comments: 351 },
      { hour: new Date('2026-11-29T11:00:00Z'), source: 'reddit', items: 1260, posts: 1260, comments: 0 },
      { hour: new Date('2026-11-29T10:00:00Z'), source: 'hn', items: 9, posts: 2, comments: 7 },
    ]);
    expect(text.split('\n')).toEqual([
      'hour (UTC)        source  items  posts  comments',
      '----------------  ------  -----  -----  --------',
      '2026-11-29 11:00  hn        412     61       351',
      '2026-11-29 11:00  reddit   1260   1260         0',
      '2026-11-29 10:00  hn          9      2         7',
      'total: hn 421, reddit 1260',
    ]);
  });

  it('shows the hour in UTC, whatever the time zone', () => {
    const text = formatSourceActivityTable([{ hour: new Date('2026-11-29T23:00:00-05:00'), source: 'hn', items: 1, posts: 1, comments: 0 }]);
    expect(text.split('\n')[2]).toBe('2026-11-30 04:00  hn          1      1         0');
  });

  it('says so when nothing is stored', () => {
    expect(formatSourceActivityTable([])).toBe('(no items stored yet)');
  });
});

describe('the queries', () => {
  it('read the per-source table from the shared read model, hour by hour', () => {
    expect(SOURCE_ACTIVITY_SQL).toMatch(/from text_items/);
    expect(SOURCE_ACTIVITY_SQL).toMatch(/time_bucket\('1 hour', created_at\)/);
    expect(SOURCE_ACTIVITY_SQL).toMatch(/group by hour, source/);
  });

  it('read the per-subreddit table from the Reddit table', () => {
    expect(ACTIVITY_SQL).toMatch(/from raw_submissions/);
  });
});
