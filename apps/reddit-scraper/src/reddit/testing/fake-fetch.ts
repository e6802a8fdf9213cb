import type { Clock } from '@sentiment-ingest/scraper-kit';
import type { FetchLike } from '../reddit-http';

/** A request the fake saw, with the virtual time it was sent at. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly redirect: RequestInit['redirect'];
  readonly at: number;
}

/** What the fake answers with: a response, a rejection (no response), a hang until aborted, or a function. */
export type Step = Response | Error | 'hang' | ((request: SeenRequest) => Response);

/**
 * A scripted `fetch`: token requests (to `authUrl`) and API requests each consume their own queue of
 * steps. With no token steps left it issues `token-1`, `token-2`... valid for 3600 s.
 */
export class FakeFetch {
  readonly tokenRequests: SeenRequest[] = [];
  readonly apiRequests: SeenRequest[] = [];
  private issued = 0;

  constructor(
    private readonly clock: Clock,
    private readonly script: { token?: Step[]; api?: Step[] },
    private readonly authUrl = AUTH_URL,
  ) {}

  readonly fetch: FetchLike = (url, init) => {
    const isToken = url === this.authUrl;
    const request: SeenRequest = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      redirect: init.redirect,
      at: this.clock.now(),
    };
    (isToken ? this.tokenRequests : this.apiRequests).push(request);
    const step = (isToken ? this.script.token : this.script.api)?.shift() ?? (isToken ? this.nextToken() : undefined);
    if (step === undefined) return Promise.reject(new Error(`unexpected request to ${url}`));
    if (step === 'hang') return hang(init.signal);
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve(typeof step === 'function' ? step(request) : step);
  };

  private nextToken(): Response {
    this.issued += 1;
    return json({ access_token: `token-${this.issued}`, token_type: 'bearer', expires_in: 3600, scope: '*' });
  }
}

/** The default auth URL, as the client uses it. */
export const AUTH_URL = 'https://www.reddit.com/api/v1/access_token';

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A Listing body with one t3 child per id. */
export function listingBody(ids: readonly string[], after: string | null = null): unknown {
  return {
    kind: 'Listing',
    data: { after, before: null, dist: ids.length, children: ids.map((id) => ({ kind: 't3', data: { id, name: `t3_${id}` } })) },
  };
}

/** Rate-limit headers as Reddit sends them. */
export function rateLimitHeaders(remaining: string, used: string, resetSeconds: string): Record<string, string> {
  return { 'x-ratelimit-remaining': remaining, 'x-ratelimit-used': used, 'x-ratelimit-reset': resetSeconds };
}

function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
