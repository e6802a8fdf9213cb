/** Test support (not bundled): a hand-moved clock and a tiny HTTP client that talks to the fake like a scraper. */
import { ManualClock as SharedManualClock, readWhole, type TestResponse } from '@sentiment-ingest/fake-http';
import { FakeReddit } from '../fake-reddit';
import type { FakeClockLike, FakeRedditOptions } from '../fake-reddit.types';

/** A descriptive user agent, as Reddit wants (`<platform>:<app id>:<version> (by /u/<name>)`). */
export const USER_AGENT = 'test:sentiment-ingest.fake-reddit:0.1.0 (by /u/tester)';

/** 2024-05-01T12:00:00Z, 10 s into a 600 s rate-limit window. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 10);

/** A clock that only moves when told to (at T0 unless told otherwise). */
export class ManualClock extends SharedManualClock implements FakeClockLike {
  constructor(ms: number = T0) {
    super(ms);
  }
}

export type { TestResponse };

/** A started fake with its clock and URLs. */
export interface Harness {
  readonly fake: FakeReddit;
  readonly clock: ManualClock;
  readonly baseUrl: string;
  readonly authUrl: string;
}

/** Starts a fake on a free port with a manual clock (defaults: news at 10 posts/min, tokens valid a day). */
export async function startHarness(options: Partial<FakeRedditOptions> = {}): Promise<Harness> {
  const clock = new ManualClock();
  const fake = new FakeReddit({ subreddits: [{ name: 'news', postsPerMinute: 10 }], clock, tokenExpiresInSeconds: 86_400, ...options });
  const { baseUrl, authUrl } = await fake.start();
  return { fake, clock, baseUrl, authUrl };
}

/** Sends a request and reads the whole answer. */
export async function send(url: string, init: RequestInit & { userAgent?: string | null } = {}): Promise<TestResponse> {
  const headers = new Headers(init.headers);
  if (init.userAgent !== null) headers.set('user-agent', init.userAgent ?? USER_AGENT);
  const response = await fetch(url, { redirect: 'manual', ...init, headers });
  return readWhole(response);
}

/** Requests a token with HTTP Basic credentials and a form body. */
export function requestToken(authUrl: string, form: Record<string, string>, clientId = 'fake-client', secret = 'fake-secret'): Promise<TestResponse> {
  return send(authUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
}

/** An app-only token of the default client. */
export async function appToken(harness: Harness): Promise<string> {
  const response = await requestToken(harness.authUrl, { grant_type: 'client_credentials' });
  return response.json.access_token as string;
}

/** `GET` an API path with a bearer token. */
export function apiGet(harness: Harness, pathAndQuery: string, token: string): Promise<TestResponse> {
  return send(`${harness.baseUrl}${pathAndQuery}`, { headers: { authorization: `bearer ${token}` } });
}

/** The ids of a Listing's children. */
export function idsOf(listing: { data: { children: { data: { id: string } }[] } }): string[] {
  return listing.data.children.map((child) => child.data.id);
}

/** Pages /new of `subreddits` with `after` from the newest until Reddit stops; returns every id seen, in order. */
export async function pageAll(harness: Harness, subreddits: string, token: string, limit = 100): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const query = `limit=${limit}&raw_json=1${after === null ? '' : `&after=${after}`}`;
    const response = await apiGet(harness, `/r/${subreddits}/new?${query}`, token);
    if (response.status !== 200) throw new Error(`paging got ${response.status}: ${response.text}`);
    ids.push(...idsOf(response.json));
    after = response.json.data.after;
    pages++;
  } while (after !== null);
  return { ids, pages };
}
