import { AbortError } from '../time/abort';

/** The body passed the byte limit of the request; reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** No response came back: the connection failed, or the request timed out. Worth retrying. */
export class NoResponseError extends Error {
  readonly timedOut: boolean;
  constructor(readonly url: string, timedOut: boolean, options?: { cause?: unknown }) {
    super(`no response from ${url}: ${timedOut ? 'the request timed out' : 'the connection failed'}`, options);
    this.name = 'NoResponseError';
    this.timedOut = timedOut;
  }
}

/** The part of the global `fetch` a client uses; tests pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** One HTTP request. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response read in full. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** How to send: the collaborators and limits of one request. */
export interface SendOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** stop reading (and reject with {@link BodyTooLargeError}) past this many bytes of body */
  readonly maxBodyBytes?: number;
}

/**
 * Sends one request and reads its body, under a timeout and the caller's signal; redirects are not
 * followed (a source decides what a redirect means). Rejects with an AbortError when the caller
 * aborts, a {@link BodyTooLargeError} when the body passes `maxBodyBytes`, and a
 * {@link NoResponseError} when no response came back (connection failure or timeout).
 */
export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    const body = await readBody(response, options.maxBodyBytes);
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    if (options.signal?.aborted) throw new AbortError({ cause: options.signal.reason });
    throw new NoResponseError(request.url, timeout.aborted, { cause: error });
  }
}

/** The body as text, read chunk by chunk so that a body past `maxBytes` is never held whole. */
async function readBody(response: Response, maxBytes: number | undefined): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (maxBytes !== undefined && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (maxBytes === undefined || response.body === null) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
