import { parseCliOptions } from './cli-options';
import { FakeRedditUsageError } from './errors';

describe('parseCliOptions', () => {
  it('defaults to port 8089, three subreddits, seed 42 and Reddit’s budget', () => {
    expect(parseCliOptions([])).toEqual({
      port: 8089,
      host: '127.0.0.1',
      subreddits: [
        { name: 'news', postsPerMinute: 5, status: 'ok' },
        { name: 'worldnews', postsPerMinute: 3, status: 'ok' },
        { name: 'askreddit', postsPerMinute: 20, status: 'ok' },
      ],
      seed: 42,
      budget: 1000,
      windowSeconds: 600,
      historyMinutes: 0,
      commentsPerPost: 0,
    });
  });

  it('gives every subreddit comments at --comments-per-post times its post rate', () => {
    const options = parseCliOptions(['--subreddits', 'a:2,b:0.5', '--comments-per-post', '7.5']);
    expect(options).toMatchObject({
      commentsPerPost: 7.5,
      subreddits: [
        { name: 'a', postsPerMinute: 2, commentsPerMinute: 15 },
        { name: 'b', postsPerMinute: 0.5, commentsPerMinute: 3.75 },
      ],
    });
    expect(() => parseCliOptions(['--comments-per-post', 'lots'])).toThrow(/--comments-per-post/);
  });

  it('reads subreddits with rates and statuses, and the numbers', () => {
    const options = parseCliOptions(['--port', '0', '--subreddits', 'a:1.5,b:2:private', '--seed=7', '--budget', '50', '--history-minutes', '30']);
    expect(options).toMatchObject({
      port: 0,
      seed: 7,
      budget: 50,
      historyMinutes: 30,
      subreddits: [
        { name: 'a', postsPerMinute: 1.5, status: 'ok' },
        { name: 'b', postsPerMinute: 2, status: 'private' },
      ],
    });
  });

  it('listens on the --host given (0.0.0.0: a compose demo, other containers reach it), and refuses what is no address', () => {
    expect(parseCliOptions(['--host', '0.0.0.0'])).toMatchObject({ host: '0.0.0.0' });
    expect(() => parseCliOptions(['--host', 'a b'])).toThrow(/--host must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0/);
  });

  it('answers help to --help', () => {
    expect(parseCliOptions(['--help'])).toBe('help');
  });

  it('reports every bad option at once, by its name', () => {
    const parse = () => parseCliOptions(['--port', '70000', '--subreddits', 'news,b:1:weird', '--budget', '0']);
    expect(parse).toThrow(FakeRedditUsageError);
    expect(parse).toThrow(/--port must be at most 65535[\s\S]*--subreddits entry "news" must look like[\s\S]*status of "b:1:weird"[\s\S]*--budget must be at least 1/);
  });

  it('refuses options it does not know rather than ignoring a typo', () => {
    expect(() => parseCliOptions(['--prot', '1'])).toThrow(/Unknown option '--prot'/);
  });
});
