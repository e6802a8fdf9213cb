import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import type { RequestLogEntry } from './fake-hn.types';

/** Loopback only: the fake is for tests and offline demos. */
export const LOOPBACK = '127.0.0.1';

/**
 * The only file of the fake that touches sockets: asks `handle` what to do with each request,
 * then answers (at once: the fast path is synchronous), answers late, answers half, never
 * answers, or destroys the socket. The API is read-only, so request bodies are discarded.
 */
export class FakeHackerNewsServer {
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
    if (this.server !== undefined) throw new Error('the fake Hacker News server is already listening');
    const server = createServer((request, response) => {
      try {
        this.serve(request, response);
      } catch (error) {
        // a bug: never take the process down
        this.options.log?.({ method: request.method ?? 'GET', path: pathOf(request), status: 500, ms: 0, error: String(error) });
        response.destroy();
      }
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

  /** Stops listening, cancels delayed answers and closes every connection, idle, hanging or not. */
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

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const started = Date.now();
    request.resume();
    const plan = this.options.handle({ method: request.method ?? 'GET', url: request.url ?? '/' });
    if (plan.delayMs !== undefined && plan.delayMs > 0) {
      this.sleep(plan.delayMs, () => {
        // closed while waiting: the connection is gone
        if (this.server !== undefined) this.send(request, response, plan, started);
      });
      return;
    }
    this.send(request, response, plan, started);
  }

  private send(request: IncomingMessage, response: ServerResponse, plan: ApiResponsePlan, started: number): void {
    const log = (status: RequestLogEntry['status']) =>
      this.options.log?.({ method: request.method ?? 'GET', path: pathOf(request), status, ms: Date.now() - started });
    if (plan.hang) {
      // no answer: the client times out, or close() destroys the socket
      response.once('close', () => log('hung'));
      return;
    }
    if (plan.drop) {
      request.socket.destroy();
      log('dropped');
      return;
    }
    const body = Buffer.from(plan.body, 'utf8');
    response.writeHead(plan.status, { ...plan.headers, 'content-length': String(body.length) });
    if (plan.truncateAtBytes !== undefined) {
      // the headers promised the whole body: the client sees the connection end early
      response.write(body.subarray(0, plan.truncateAtBytes), () => request.socket.destroy());
      log(plan.status);
      return;
    }
    response.end(body);
    log(plan.status);
  }

  private sleep(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.delays.delete(timer);
      then();
    }, ms);
    this.delays.set(timer, () => undefined);
  }
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}
