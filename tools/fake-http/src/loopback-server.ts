import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loopback by default: the fakes are for tests and offline demos. */
export const LOOPBACK = '127.0.0.1';

/**
 * The URL a client on this machine reaches a server listening on `host` at: the loopback address for
 * the wildcard hosts (0.0.0.0, ::), which a compose demo listens on so other containers reach it.
 */
export function originFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? LOOPBACK : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** What a fake logs about a request whose handler failed. */
export interface FailedRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: 500;
  readonly ms: 0;
  readonly error: string;
}

export interface LoopbackServerOptions {
  /** who is already listening, in the error of a second `listen`, e.g. `the fake Reddit server` */
  readonly name: string;
  readonly log?: (entry: FailedRequestLogEntry) => void;
}

/**
 * The socket plumbing the fakes' servers share: listens on 127.0.0.1 (or the host given: 0.0.0.0 in
 * the compose demo, for other containers), hands each request to
 * `serve`, keeps the timers of delayed answers, and closes with every connection, idle, delayed
 * or hanging.
 */
export abstract class LoopbackServer {
  private server: Server | undefined;
  /** delayed answers in flight: closing runs them early (they see `listening` false) */
  private readonly delays = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly loopback: LoopbackServerOptions) {}

  /** Serves one request (at once, or later); a throw or a rejection is logged and destroys the response. */
  protected abstract serve(request: IncomingMessage, response: ServerResponse): void | Promise<void>;

  /** Between `listen` and `close`. */
  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `host` (default 127.0.0.1; `port` 0: any free port) and returns the port. */
  async listen(port: number, host: string = LOOPBACK): Promise<number> {
    if (this.server !== undefined) throw new Error(`${this.loopback.name} is already listening`);
    const server = createServer((request, response) => {
      // a client that hung up mid-request, or a bug: never take the process down
      const fail = (error: unknown) => {
        this.loopback.log?.({ method: request.method ?? 'GET', path: pathOf(request), status: 500, ms: 0, error: String(error) });
        response.destroy();
      };
      try {
        const served = this.serve(request, response);
        if (served instanceof Promise) served.catch(fail);
      } catch (error) {
        fail(error);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops listening, runs delayed answers early and closes every connection, idle or not. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const [timer, then] of this.delays) {
      clearTimeout(timer);
      then();
    }
    this.delays.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** Runs `then` after `ms` (real time), or at once when the server closes first: check {@link listening}. */
  protected delay(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.delays.delete(timer);
      then();
    }, ms);
    this.delays.set(timer, then);
  }
}

/** The one server a fake runs at a time, between its `start` and `stop`. */
export class ServerSlot {
  private server: LoopbackServer | undefined;

  /** `name`: the fake, in the error of a second `start`, e.g. `FakeReddit` */
  constructor(private readonly name: string) {}

  /**
   * Creates a server and listens on `host` (default 127.0.0.1; `port` 0: a free port); returns its
   * origin as this machine reaches it (`http://127.0.0.1:PORT`, {@link originFor}).
   */
  async start(create: () => LoopbackServer, port: number, host: string = LOOPBACK): Promise<string> {
    if (this.server !== undefined) throw new Error(`${this.name} is already started: stop() it first`);
    const server = create();
    const actualPort = await server.listen(port, host);
    this.server = server;
    return originFor(host, actualPort);
  }

  /** Stops the server, closing open connections; safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}

/** The path of a request, without its query string. */
export function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}
