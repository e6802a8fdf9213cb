import { formatActivityTable } from './activity-table';

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
