import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, pathOf } from '@sentiment-ingest/fake-http';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import type { RequestLogEntry } from './fake-reddit.types';

/** Request bodies larger than this are refused (token requests are a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The only file of the fake that touches sockets: reads each request, asks `handle` what to do,
 * then answers, answers late, or destroys the socket.
 */
export class FakeRedditServer extends LoopbackServer {
  constructor(
    private readonly options: {
      readonly handle: (request: ApiRequest) => ApiResponsePlan;
      readonly log?: (entry: RequestLogEntry) => void;
    },
  ) {
    super({ name: 'the fake Reddit server', log: options.log });
  }

  protected override async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const body = await readBody(request);
    const plan =
      body === null
        ? { endpoint: 'unknown' as const, status: 413, headers: {}, body: '' }
        : this.options.handle({ method: request.method ?? 'GET', url: request.url ?? '/', headers: lowerCaseHeaders(request), body });
    if (plan.delayMs !== undefined && plan.delayMs > 0) {
      await new Promise<void>((resolve) => this.delay(plan.delayMs ?? 0, resolve));
      // closed while waiting: the connection is gone
      if (!this.listening) return;
    }
    const path = pathOf(request);
    if (plan.drop) {
      request.socket.destroy();
      this.options.log?.({ method: request.method ?? 'GET', path, status: 'dropped', ms: Date.now() - started });
      return;
    }
    response.writeHead(plan.status, { 'content-length': String(Buffer.byteLength(plan.body)), ...plan.headers });
    response.end(plan.body);
    this.options.log?.({ method: request.method ?? 'GET', path, status: plan.status, ms: Date.now() - started });
  }
}

/** The body as text, or `null` when it is too large. */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}
