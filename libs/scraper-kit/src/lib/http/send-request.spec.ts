import { isAbortError } from '../time/abort';
import { BodyTooLargeError, NoResponseError, sendRequest, type FetchLike } from './send-request';

const GET = { method: 'GET' as const, url: 'http://source.test/v0/item/1.json', headers: { 'user-agent': 'test' } };

/** A fetch that never answers, but gives up when its signal aborts (as fetch does). */
const hanging: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('sendRequest', () => {
  it('returns status, headers and the body read in full, without following redirects', async () => {
    let seen: RequestInit | undefined;
    const fetch: FetchLike = async (_url, init) => {
      seen = init;
      return new Response('{"id":1}', { status: 200, headers: { 'x-test': 'yes' } });
    };
    const response = await sendRequest(GET, { fetch, timeoutMs: 1_000 });
    expect(response).toMatchObject({ status: 200, body: '{"id":1}' });
    expect(response.headers.get('x-test')).toBe('yes');
    expect(seen).toMatchObject({ method: 'GET', redirect: 'manual', headers: { 'user-agent': 'test' } });
  });

  it('refuses a body past the byte limit, whether it is declared or streamed', async () => {
    const declared: FetchLike = async () => new Response('x'.repeat(100), { headers: { 'content-length': '100' } });
    await expect(sendRequest(GET, { fetch: declared, timeoutMs: 1_000, maxBodyBytes: 50 })).rejects.toBeInstanceOf(BodyTooLargeError);
    const streamed: FetchLike = async () =>
      new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('y'.repeat(80))), c.close()) }));
    await expect(sendRequest(GET, { fetch: streamed, timeoutMs: 1_000, maxBodyBytes: 50 })).rejects.toThrow('larger than 50 bytes');
    await expect(sendRequest(GET, { fetch: streamed, timeoutMs: 1_000, maxBodyBytes: 80 })).resolves.toMatchObject({ body: 'y'.repeat(80) });
  });

  it('says "timed out" when the source does not answer in time, and "connection failed" when it cannot be reached', async () => {
    const timedOut = await sendRequest(GET, { fetch: hanging, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(NoResponseError);
    expect((timedOut as NoResponseError).timedOut).toBe(true);
    expect((timedOut as Error).message).toBe('no response from http://source.test/v0/item/1.json: the request timed out');
    const refused: FetchLike = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const failed = await sendRequest(GET, { fetch: refused, timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(NoResponseError);
    expect((failed as NoResponseError).timedOut).toBe(false);
  });

  it("rejects with an AbortError when the caller aborts, not a network error", async () => {
    const controller = new AbortController();
    const pending = sendRequest(GET, { fetch: hanging, timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(error).not.toBeInstanceOf(NoResponseError);
  });
});
