import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AbortError } from '../time/abort';
import { BodyTooLargeError, NoResponseError, type HttpRequest, type HttpResponse } from './send-request';

/** How one request is sent: its limits and the caller's signal (what `sendRequest` takes, minus `fetch`). */
export interface TransportOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxBodyBytes?: number;
}

/**
 * Sends one request and reads its body, with `sendRequest`'s contract: no redirects followed, an
 * AbortError when the caller aborts, a {@link BodyTooLargeError} past the body limit, a
 * {@link NoResponseError} when no (whole) response came back.
 */
export type HttpTransport = (request: HttpRequest, options: TransportOptions) => Promise<HttpResponse>;

/** Options of {@link keepAliveTransport}. */
export interface KeepAliveTransportOptions {
  /** most connections per host (default 64: above any scraper's concurrency) */
  readonly maxSockets?: number;
}

/** A transport and the agents behind it. */
export interface KeepAliveTransport extends HttpTransport {
  /** closes the idle connections (open ones close once answered) */
  close(): void;
}

/**
 * An {@link HttpTransport} over node:http(s) with keep-alive agents: connections are reused, and no
 * WHATWG Request, Response, stream or AbortSignal is built per request. On loopback it costs about a
 * third of the CPU time of the global `fetch` per small JSON request (the HN id walk makes one
 * request per item: bench:hn-walk). Headers are turned into a `Headers` only when read. It asks for
 * no compression (`accept-encoding` is not sent unless the caller sets it, and a compressed body is
 * not decoded): meant for sources of small JSON bodies.
 */
export function keepAliveTransport(options: KeepAliveTransportOptions = {}): KeepAliveTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const transport = (request: HttpRequest, o: TransportOptions): Promise<HttpResponse> =>
    new Promise<HttpResponse>((resolve, reject) => {
      if (o.signal?.aborted) return reject(new AbortError({ cause: o.signal.reason }));
      let settled = false;
      const finish = (error: Error | null, response?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        if (error === null) return resolve(response as HttpResponse);
        sent.destroy();
        reject(error);
      };
      const onAbort = (): void => finish(new AbortError({ cause: o.signal?.reason }));
      const secure = request.url.startsWith('https:');
      const send = secure ? httpsRequest : httpRequest;
      let sent: ReturnType<typeof httpRequest>;
      try {
        sent = send(request.url, { method: request.method, headers: request.headers, agent: secure ? https : http }, (response) =>
          readBody(response, request.url, o.maxBodyBytes, finish),
        );
      } catch (cause) {
        // a URL or header node:http refuses: as fetch does, no request was made
        return reject(new NoResponseError(request.url, false, { cause }));
      }
      sent.on('error', (cause) => finish(new NoResponseError(request.url, false, { cause })));
      const timer = setTimeout(() => finish(new NoResponseError(request.url, true)), o.timeoutMs);
      o.signal?.addEventListener('abort', onAbort, { once: true });
      sent.end(request.body);
    });
  return Object.assign(transport, {
    close: () => {
      http.destroy();
      https.destroy();
    },
  });
}

/** Reads a response in full (at most `maxBytes`), then hands it to `finish`. */
function readBody(
  response: IncomingMessage,
  url: string,
  maxBytes: number | undefined,
  finish: (error: Error | null, response?: HttpResponse) => void,
): void {
  const declared = Number(response.headers['content-length']);
  if (maxBytes !== undefined && Number.isFinite(declared) && declared > maxBytes) return finish(new BodyTooLargeError(maxBytes));
  const chunks: Buffer[] = [];
  let total = 0;
  response.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (maxBytes !== undefined && total > maxBytes) return finish(new BodyTooLargeError(maxBytes));
    chunks.push(chunk);
  });
  response.on('end', () => {
    // a connection closed before the declared length ends the message too: that is no response
    if (!response.complete) return finish(new NoResponseError(url, false));
    finish(null, lazyResponse(response.statusCode ?? 0, response.headers, Buffer.concat(chunks, total).toString('utf8')));
  });
  response.on('error', (cause) => finish(new NoResponseError(url, false, { cause })));
  response.on('close', () => {
    if (!response.complete) finish(new NoResponseError(url, false));
  });
}

/** A response whose `Headers` are built on first read (a JSON walk reads them only to retry). */
function lazyResponse(status: number, raw: IncomingHttpHeaders, body: string): HttpResponse {
  let headers: Headers | undefined;
  return {
    status,
    body,
    get headers(): Headers {
      if (headers === undefined) {
        headers = new Headers();
        for (const [name, value] of Object.entries(raw)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
      }
      return headers;
    },
  };
}
