import { RedditConfigError } from './errors';
import { assertValidUserAgent, USER_AGENT_EXAMPLE, userAgentProblem } from './user-agent';

describe('userAgentProblem', () => {
  it.each([
    'linux:org.example.sentiment-ingest:v0.1.0 (by /u/sentiment_ingest_bot)',
    'android:com.example.myredditapp:v1.2.3 (by /u/kemitche)',
    'node:sentiment-ingest:0.1.0 (by u/some-one)',
    USER_AGENT_EXAMPLE,
  ])('accepts the descriptive user agent %s', (userAgent) => {
    expect(userAgentProblem(userAgent)).toBeUndefined();
  });

  it('rejects an empty user agent and shows the expected form with an example', () => {
    expect(userAgentProblem('  ')).toBe(
      `The Reddit user agent is empty; expected <platform>:<app id>:<version> (by /u/<reddit username>), e.g. "${USER_AGENT_EXAMPLE}"`,
    );
  });

  it.each([
    ['node', 'node'],
    ['undici', 'undici'],
    ['axios/1.7.2', 'axios'],
    ['python-requests/2.31.0', 'python-requests'],
    ['curl/8.5.0', 'curl'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', 'mozilla'],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'node-fetch'],
  ])('rejects the generic user agent %s as the default of %s', (userAgent, client) => {
    const problem = userAgentProblem(userAgent);
    expect(problem).toContain(`looks like the default of ${client}`);
    expect(problem).toContain(USER_AGENT_EXAMPLE);
  });

  it.each([
    'sentiment-ingest',
    'sentiment-ingest/0.1.0',
    'linux:sentiment-ingest:0.1.0',
    'linux:sentiment-ingest:0.1.0 (by /u/)',
    'linux:sentiment-ingest:latest (by /u/someone)',
    'linux sentiment ingest 0.1.0 (by /u/someone)',
  ])('rejects %s as not descriptive enough, showing the expected form', (userAgent) => {
    expect(userAgentProblem(userAgent)).toMatch(/is not descriptive enough; expected <platform>:<app id>:<version> \(by \/u\/<reddit username>\), e\.g\. "/);
  });
});

describe('assertValidUserAgent', () => {
  it('returns the trimmed user agent', () => {
    expect(assertValidUserAgent(` ${USER_AGENT_EXAMPLE} `)).toBe(USER_AGENT_EXAMPLE);
  });

  it('throws a RedditConfigError with the problem', () => {
    expect(() => assertValidUserAgent('axios/1.7.2')).toThrow(RedditConfigError);
    expect(() => assertValidUserAgent('axios/1.7.2')).toThrow(/e\.g\. "linux:org\.example/);
  });
});
