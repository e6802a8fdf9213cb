import { prefilterSubreddit as prefilterBytes, subredditMatches } from './subreddit-prefilter';

const prefilterSubreddit = (line: string, subreddits: ReadonlySet<string>) => prefilterBytes(Buffer.from(line, 'utf8'), subreddits);

const wanted = new Set(['wallstreetbets', 'stocks']);

describe('prefilterSubreddit', () => {
  it('matches case-insensitively without parsing', () => {
    expect(prefilterSubreddit('{"id":"a","subreddit":"WallStreetBets","title":"x"}', wanted)).toBe('match');
    expect(prefilterSubreddit('{"id":"a","subreddit" : "stocks"}', wanted)).toBe('match');
  });

  it('skips other subreddits', () => {
    expect(prefilterSubreddit('{"id":"a","subreddit":"AskReddit","subreddit_id":"t5_2qh1i"}', wanted)).toBe('skip');
  });

  it('is not fooled by subreddit_id, subreddit_name_prefixed or the word inside a value', () => {
    expect(prefilterSubreddit('{"subreddit_name_prefixed":"r/stocks","title":"the \\"subreddit\\": \\"stocks\\"","subreddit":"pics"}', wanted)).toBe('skip');
  });

  it('matches every line when no subreddits are given', () => {
    expect(prefilterSubreddit('not even json', new Set())).toBe('match');
  });

  it.each([
    ['no subreddit key', '{"id":"a"}'],
    ['not JSON', 'garbage'],
    ['a null subreddit', '{"subreddit":null}'],
    ['an escaped value', '{"subreddit":"st\\u006fcks"}'],
    ['disagreeing nested pairs', '{"crosspost_parent_list":[{"subreddit":"stocks"}],"subreddit":"pics"}'],
  ])('leaves %s undecided (the caller parses it)', (_name, line) => {
    expect(prefilterSubreddit(line, wanted)).toBe('undecided');
  });

  it('reads names outside ASCII and in any case as whole characters', () => {
    expect(prefilterSubreddit('{"title":"ünïcödé 🙂","subreddit":"Ärger"}', new Set(['ärger']))).toBe('match');
    expect(prefilterSubreddit('{"subreddit":"Ärgerlich"}', new Set(['ärger']))).toBe('skip');
  });

  it('decides when nested pairs agree', () => {
    expect(prefilterSubreddit('{"crosspost_parent_list":[{"subreddit":"Pics"}],"subreddit":"pics"}', wanted)).toBe('skip');
  });
});

describe('subredditMatches', () => {
  it('reads the parsed top-level subreddit case-insensitively', () => {
    expect(subredditMatches({ subreddit: 'STOCKS' }, wanted)).toBe(true);
    expect(subredditMatches({ subreddit: 'pics' }, wanted)).toBe(false);
    expect(subredditMatches({}, wanted)).toBe(false);
    expect(subredditMatches({}, new Set())).toBe(true);
  });
});
