import { AbortError } from '@sentiment-ingest/scraper-kit';
import { RedditNetworkError, type RedditEndpoint } from './errors';

/** The body passed the byte limit of the request; reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The part of the global `fetch` the client uses; tests pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** One HTTP request to Reddit. */
export interface HttpRequest {
  readonly endpoint: RedditEndpoint;
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
 * Sends one request and reads its body, under a timeout and the caller's signal. The only place that
 * calls `fetch` (functional core, imperative shell). Redirects are not followed: a redirect from
 * `/r/x` means x is missing.
 * Rejects with an AbortError when the caller aborts, a {@link BodyTooLargeError} when the body
 * passes `maxBodyBytes`, and a {@link RedditNetworkError} when no response came back (connection
 * failure or timeout).
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
    throw new RedditNetworkError({ endpoint: request.endpoint, timedOut: timeout.aborted }, { cause: error });
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
