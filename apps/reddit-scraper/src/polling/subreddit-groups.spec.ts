import { groupSubreddits, parseSubredditList, streamKey } from './subreddit-groups';

describe('parseSubredditList', () => {
  it('accepts commas, spaces and r/ prefixes, and lower-cases and deduplicates', () => {
    expect(parseSubredditList('News, r/worldnews  /r/AskReddit,news')).toEqual({
      subreddits: ['askreddit', 'news', 'worldnews'],
      problems: [],
    });
  });

  it('names each invalid entry', () => {
    expect(parseSubredditList('news,bad-name,x').problems).toEqual([
      '"bad-name" is not a subreddit name (letters, digits and _, up to 21 characters)',
      '"x" is not a subreddit name (letters, digits and _, up to 21 characters)',
    ]);
  });

  it('asks for at least one subreddit', () => {
    expect(parseSubredditList(' , ').problems).toEqual(['lists no subreddit, e.g. news,worldnews,askreddit']);
  });
});

describe('groupSubreddits', () => {
  it('puts many subreddits in few requests, each group a stable stream', () => {
    const subs = Array.from({ length: 120 }, (_, i) => `sub${String(i).padStart(3, '0')}`);
    const groups = groupSubreddits(subs, 50);
    expect(groups.map((g) => g.subreddits.length)).toEqual([50, 50, 20]);
    expect(groups[0]?.stream).toBe(streamKey(groups[0]!.subreddits));
    expect(groups[0]?.stream.startsWith('new:sub000+sub001+')).toBe(true);
  });

  it('gives the same streams whatever order the subreddits were configured in', () => {
    expect(groupSubreddits(['b', 'a', 'c'].map((s) => `${s}sub`), 2)).toEqual(groupSubreddits(['csub', 'asub', 'bsub'], 2));
  });
});
