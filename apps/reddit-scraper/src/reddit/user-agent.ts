import { RedditConfigError } from './errors';

/** The form Reddit's API rules ask for. */
export const USER_AGENT_FORM = '<platform>:<app id>:<version> (by /u/<reddit username>)';

/** A user agent of that form. */
export const USER_AGENT_EXAMPLE = 'linux:org.example.sentiment-ingest:v0.1.0 (by /u/sentiment_ingest_bot)';

// https://github.com/reddit-archive/reddit/wiki/API#rules: unique and descriptive, never spoofed.
const SHAPE =
  /^(?<platform>[A-Za-z0-9][\w.-]*):(?<appId>[A-Za-z0-9][\w.-]*):(?<version>v?\d[\w.+-]*) \(by \/?u\/(?<username>[\w-]{3,20})\)$/;

/** Default user agents of HTTP clients and browsers: Reddit throttles or blocks these. */
const GENERIC_CLIENTS = [
  'node',
  'node-fetch',
  'nodejs',
  'undici',
  'axios',
  'got',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'httpx',
  'curl',
  'wget',
  'okhttp',
  'go-http-client',
  'java',
  'mozilla',
  'postman',
  'insomnia',
];

/** Why `userAgent` is not acceptable to Reddit, or undefined when it is fine. */
export function userAgentProblem(userAgent: string): string | undefined {
  const value = userAgent.trim();
  const expected = `expected ${USER_AGENT_FORM}, e.g. "${USER_AGENT_EXAMPLE}"`;
  if (value === '') return `The Reddit user agent is empty; ${expected}`;
  const generic = genericClient(value);
  if (generic) {
    return `The Reddit user agent "${value}" looks like the default of ${generic}, which Reddit throttles or blocks; ${expected}`;
  }
  if (!SHAPE.test(value)) return `The Reddit user agent "${value}" is not descriptive enough; ${expected}`;
  return undefined;
}

/** Returns the trimmed user agent, or throws a {@link RedditConfigError} saying what Reddit expects. */
export function assertValidUserAgent(userAgent: string): string {
  const problem = userAgentProblem(userAgent);
  if (problem) throw new RedditConfigError(problem);
  return userAgent.trim();
}

function genericClient(userAgent: string): string | undefined {
  const first = (userAgent.split(/[\s/:;(]/, 1)[0] ?? '').toLowerCase();
  const lower = userAgent.toLowerCase();
  return GENERIC_CLIENTS.find((client) => lower === client || (first === client && !SHAPE.test(userAgent)));
}
