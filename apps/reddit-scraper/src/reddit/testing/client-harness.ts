import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';
import type { PasswordCredentials } from '../credentials';
import { RateLimiter } from '../rate-limiter';
import { RedditClient, type RedditClientOptions, type RedditResponseEvent } from '../reddit-client';
import { USER_AGENT_EXAMPLE } from '../user-agent';
import { FakeFetch, type SeenRequest, type Step } from './fake-fetch';

/** Virtual start time of the harness. */
export const T0 = Date.UTC(2024, 0, 1);

/** Credentials of the harness; their secrets must never show up in errors. */
export const TEST_CREDENTIALS: PasswordCredentials = {
  kind: 'password',
  clientId: 'client-id-123',
  clientSecret: 'client-secret-xyz',
  username: 'ingest_bot',
  password: 'pass-word-abc',
};

/** One log call. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

/**
 * A RedditClient on a fake fetch and a fake clock (auto-advancing unless `clock` is given), with
 * `random = 0` (backoff waits 500, 1000, 2000... ms) and a rate budget so large that pacing never
 * hides a retry wait, unless `rateLimiter` is given.
 */
export function clientHarness(script: { token?: Step[]; api?: Step[] }, overrides: Partial<RedditClientOptions> = {}) {
  const clock = (overrides.clock as FakeClock | undefined) ?? new FakeClock({ now: T0, autoAdvance: true });
  const fake = new FakeFetch(clock, script);
  const events: RedditResponseEvent[] = [];
  const logs: LogLine[] = [];
  const line = (level: LogLine['level']) => (obj: Record<string, unknown>, msg: string) => logs.push({ level, obj, msg });
  const client = new RedditClient({
    fetch: fake.fetch,
    clock,
    credentials: TEST_CREDENTIALS,
    userAgent: USER_AGENT_EXAMPLE,
    random: () => 0,
    rateLimiter: new RateLimiter({ clock, budget: 1_000_000 }),
    observer: { onResponse: (event) => events.push(event) },
    log: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
    ...overrides,
  });
  return { clock, fake, client, events, logs };
}

/** Virtual time between successive requests. */
export function gaps(requests: readonly SeenRequest[]): number[] {
  return requests.slice(1).map((request, i) => request.at - (requests[i]?.at ?? Number.NaN));
}
