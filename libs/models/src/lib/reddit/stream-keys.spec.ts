import { parseRedditStreamKey, redditStreamKey } from './stream-keys';

describe('Reddit stream keys', () => {
  it('names a group by its sorted subreddits, posts under new: and comments under comments:', () => {
    expect(redditStreamKey('submissions', ['b', 'a'])).toBe('new:a+b');
    expect(redditStreamKey('comments', ['b', 'a'])).toBe('comments:a+b');
  });

  it('reads a key back', () => {
    expect(parseRedditStreamKey('new:a+b')).toEqual({ kind: 'submissions', subreddits: ['a', 'b'] });
    expect(parseRedditStreamKey('new:a+b+c')).toEqual({ kind: 'submissions', subreddits: ['a', 'b', 'c'] });
    expect(parseRedditStreamKey('comments:News')).toEqual({ kind: 'comments', subreddits: ['News'] });
  });

  it('refuses any other stream', () => {
    for (const stream of ['engagement', 'heal:12', 'archive', 'new:', 'new:a++b', 'hot:a', 'top:a', 'new:a b']) expect(parseRedditStreamKey(stream)).toBeNull();
  });
});
