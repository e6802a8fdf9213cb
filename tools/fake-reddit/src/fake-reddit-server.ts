import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import type { RequestLogEntry } from './fake-reddit.types';

/** Loopback only: the fake is for tests and offline demos. */
export const LOOPBACK = '127.0.0.1';

/** Request bodies larger than this are refused (token requests are a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The only file of the fake that touches sockets: reads each request, asks `handle` what to do,
 * then answers, answers late, or destroys the socket.
 */
export class FakeRedditServer {
  private server: Server | undefined;
  /** delayed answers in flight: closing resolves them early */
  private readonly delays = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly options: {
      readonly handle: (request: ApiRequest) => ApiResponsePlan;
      readonly log?: (entry: RequestLogEntry) => void;
    },
  ) {}

  /** Listens on 127.0.0.1 (`port` 0: any free port) and returns the port. */
  async listen(port: number): Promise<number> {
    if (this.server !== undefined) throw new Error('the fake Reddit server is already listening');
    const server = createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        // a client that hung up mid-request, or a bug: never take the process down
        this.options.log?.({ method: request.method ?? 'GET', path: pathOf(request), status: 500, ms: 0, error: String(error) });
        response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops listening, cancels delayed answers and closes every connection, idle or not. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const [timer, resolve] of this.delays) {
      clearTimeout(timer);
      resolve();
    }
    this.delays.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const body = await readBody(request);
    const plan =
      body === null
        ? { endpoint: 'unknown' as const, status: 413, headers: {}, body: '' }
        : this.options.handle({ method: request.method ?? 'GET', url: request.url ?? '/', headers: lowerCaseHeaders(request), body });
    if (plan.delayMs !== undefined && plan.delayMs > 0) {
      await this.sleep(plan.delayMs);
      // closed while waiting: the connection is gone
      if (this.server === undefined) return;
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

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.set(timer, resolve);
    });
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

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}
