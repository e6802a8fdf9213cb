import { FakeClock } from '../../testing/fake-clock';
import { isAbortError } from '../time/abort';
import { HttpStatusError, InvalidJsonError, JsonClient, type JsonAttempt, type JsonClientOptions } from './json-client';
import { NoResponseError, type FetchLike } from './send-request';

const URL_1 = 'http://source.test/v0/item/1.json';

type Answer = Response | Error;

/** A fetch that gives the scripted answers in order (and records what was asked). */
function scripted(...answers: Answer[]) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, headers: init.headers as Record<string, string> });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more scripted answers');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, requests };
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(value), { status, headers });
const text = (body: string, status = 200, headers: Record<string, string> = {}) => new Response(body, { status, headers });

function client(fetch: FetchLike, overrides: Partial<JsonClientOptions> = {}) {
  const clock = new FakeClock({ autoAdvance: true });
  const attempts: JsonAttempt[] = [];
  const jsonClient = new JsonClient({
    fetch,
    clock,
    timeoutMs: 1_000,
    maxRetries: 3,
    random: () => 0,
    onAttempt: (a) => attempts.push(a),
    ...overrides,
  });
  return { jsonClient, clock, attempts };
}

describe('JsonClient', () => {
  it('sends through its transport when given one, with the same limits, and retries what it cannot answer', async () => {
    const fetch = scripted();
    const calls: unknown[] = [];
    const answers: (Error | { status: number; body: string })[] = [new NoResponseError(URL_1, true), { status: 200, body: '{"id":1}' }];
    const { jsonClient, attempts } = client(fetch.fetch, {
      maxBodyBytes: 1_024,
      headers: { 'user-agent': 'test' },
      transport: async (request, options) => {
        calls.push({ request, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes });
        const answer = answers.shift() as Error | { status: number; body: string };
        if (answer instanceof Error) throw answer;
        return { ...answer, headers: new Headers() };
      },
    });
    await expect(jsonClient.getJson(URL_1)).resolves.toEqual({ id: 1 });
    expect(fetch.requests).toEqual([]);
    expect(calls).toEqual([
      { request: { method: 'GET', url: URL_1, headers: { accept: 'application/json', 'user-agent': 'test' } }, timeoutMs: 1_000, maxBodyBytes: 1_024 },
      { request: { method: 'GET', url: URL_1, headers: { accept: 'application/json', 'user-agent': 'test' } }, timeoutMs: 1_000, maxBodyBytes: 1_024 },
    ]);
    expect(attempts.map((a) => a.status)).toEqual(['no-response', 200]);
  });

  it('returns the parsed body, null included, and sends Accept and the given headers', async () => {
    const source = scripted(json({ id: 1, type: 'story' }), text('null'));
    const { jsonClient, clock } = client(source.fetch, { headers: { 'user-agent': 'sentiment-ingest/0.1' } });
    await expect(jsonClient.getJson(URL_1)).resolves.toEqual({ id: 1, type: 'story' });
    await expect(jsonClient.getJson(URL_1)).resolves.toBeNull();
    expect(source.requests[0]?.headers).toEqual({ accept: 'application/json', 'user-agent': 'sentiment-ingest/0.1' });
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a 5xx after a jittered backoff that doubles, then returns the answer', async () => {
    const { jsonClient, clock, attempts } = client(scripted(text('', 500), text('', 502), json([1, 2])).fetch);
    await expect(jsonClient.getJson(URL_1)).resolves.toEqual([1, 2]);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([500, 1_000]); // random 0: half of 1 s, then half of 2 s
    expect(attempts.map((a) => a.status)).toEqual([500, 502, 200]);
  });

  it('waits as long as a 429 Retry-After says, and cuts an absurd one to maxRetryWaitMs', async () => {
    const { jsonClient, clock } = client(
      scripted(text('slow down', 429, { 'retry-after': '7' }), text('', 503, { 'retry-after': '86400' }), json({ ok: true })).fetch,
      { maxRetryWaitMs: 60_000 },
    );
    await expect(jsonClient.getJson(URL_1)).resolves.toEqual({ ok: true });
    expect(clock.sleeps.map((s) => s.ms)).toEqual([7_000, 60_000]);
  });

  it('retries an HTML page or a truncated body served with 200, and names the problem when it persists', async () => {
    const recovering = client(scripted(text('<html><body>Service Unavailable</body></html>'), text('{"id": 1, "ty'), json({ id: 1 })).fetch);
    await expect(recovering.jsonClient.getJson(URL_1)).resolves.toEqual({ id: 1 });
    expect(recovering.attempts.map((a) => a.status)).toEqual(['invalid-json', 'invalid-json', 200]);

    const broken = client(scripted(text('<html>'), text('<html>')).fetch, { maxRetries: 1 });
    const error = await broken.jsonClient.getJson(URL_1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidJsonError);
    expect((error as Error).message).toBe(`${URL_1} answered with a body that is not JSON (starts "<html>")`);
  });

  it('fails at once on a status no retry cures', async () => {
    const { jsonClient, clock } = client(scripted(text('not found', 404)).fetch);
    const error = await jsonClient.getJson(URL_1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(clock.sleeps).toEqual([]);
  });

  it('retries when no response comes, and gives up after maxRetries with the last error', async () => {
    const refused = () => new TypeError('fetch failed');
    const { jsonClient, clock, attempts } = client(scripted(refused(), refused(), refused()).fetch, { maxRetries: 2 });
    const error = await jsonClient.getJson(URL_1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoResponseError);
    expect(clock.sleeps).toHaveLength(2);
    expect(attempts.map((a) => a.status)).toEqual(['no-response', 'no-response', 'no-response']);
  });

  it('stops waiting when the caller aborts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const jsonClient = new JsonClient({ fetch: scripted(text('', 500), json(1)).fetch, clock, timeoutMs: 1_000, maxRetries: 3, random: () => 0 });
    const pending = jsonClient.getJson(URL_1, controller.signal).catch((e: unknown) => e);
    while (clock.sleeps.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(isAbortError(await pending)).toBe(true);
  });
});
