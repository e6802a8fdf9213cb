import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOOPBACK, LoopbackServer, originFor, pathOf, ServerSlot, type FailedRequestLogEntry } from './loopback-server';

type Serve = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** A server whose `serve` is given, and whose `delay` is public. */
class TestServer extends LoopbackServer {
  constructor(
    private readonly serveWith: Serve,
    name = 'x',
    log?: (entry: FailedRequestLogEntry) => void,
  ) {
    super({ name, log });
  }
  protected override serve(request: IncomingMessage, response: ServerResponse): void | Promise<void> {
    return this.serveWith(request, response);
  }
  later(ms: number, then: () => void): void {
    this.delay(ms, then);
  }
}

describe('LoopbackServer', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('listens on 127.0.0.1, serves, and refuses to listen twice', async () => {
    server = new TestServer((request, response) => void response.end(pathOf(request)), 'the test server');
    expect(server.listening).toBe(false);
    const port = await server.listen(0);
    expect(server.listening).toBe(true);
    const response = await fetch(`http://${LOOPBACK}:${port}/a/b?c=d`);
    expect(await response.text()).toBe('/a/b');
    await expect(server.listen(0)).rejects.toThrow('the test server is already listening');
  });

  it.each([
    ['throws', () => {
      throw new Error('boom');
    }],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('logs a handler that %s and destroys the response', async (_, onRequest) => {
    const log: FailedRequestLogEntry[] = [];
    server = new TestServer(onRequest, 'x', (entry) => log.push(entry));
    const port = await server.listen(0);
    await expect(fetch(`http://${LOOPBACK}:${port}/p?q`)).rejects.toThrow();
    expect(log).toEqual([{ method: 'GET', path: '/p', status: 500, ms: 0, error: 'Error: boom' }]);
  });

  it('runs a delayed answer after its delay, or at once on close (no longer listening)', async () => {
    server = new TestServer(() => undefined);
    await server.listen(0);
    const seen: boolean[] = [];
    await new Promise<void>((resolve) =>
      server?.later(5, () => {
        seen.push(server?.listening ?? false);
        resolve();
      }),
    );
    server.later(60_000, () => seen.push(server?.listening ?? true));
    await server.close();
    expect(seen).toEqual([true, false]);
  });

  it('closes connections that are still waiting for an answer', async () => {
    server = new TestServer(() => undefined);
    const port = await server.listen(0);
    const pending = fetch(`http://${LOOPBACK}:${port}/`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.close();
    await expect(pending).rejects.toThrow();
    await server.close();
  });
});

describe('ServerSlot', () => {
  it('starts one server at a time, returns its origin, and stops it (twice is fine)', async () => {
    const slot = new ServerSlot('TheFake');
    const origin = await slot.start(() => new TestServer((_, response) => void response.end('up')), 0);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(origin)).text()).toBe('up');
    const create = jest.fn(() => new TestServer(() => undefined));
    await expect(slot.start(create, 0)).rejects.toThrow('TheFake is already started: stop() it first');
    expect(create).not.toHaveBeenCalled();
    await slot.stop();
    await slot.stop();
    await expect(fetch(origin)).rejects.toThrow();
  });

  it('listens on every interface for host 0.0.0.0 (a compose demo), and returns the origin this machine reaches', async () => {
    const slot = new ServerSlot('TheFake');
    const origin = await slot.start(() => new TestServer((request, response) => void response.end(request.socket.localAddress ?? '')), 0, '0.0.0.0');
    try {
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(origin)).text()).toMatch(/127\.0\.0\.1$/);
    } finally {
      await slot.stop();
    }
  });
});

describe('originFor', () => {
  it('gives the loopback address for the wildcard hosts, and brackets an IPv6 address', () => {
    expect(originFor('0.0.0.0', 80)).toBe('http://127.0.0.1:80');
    expect(originFor('::', 80)).toBe('http://127.0.0.1:80');
    expect(originFor('::1', 80)).toBe('http://[::1]:80');
    expect(originFor('10.0.0.5', 80)).toBe('http://10.0.0.5:80');
  });
});

describe('pathOf', () => {
  it('drops the query string', () => {
    expect(pathOf({ url: '/x?y=1' } as IncomingMessage)).toBe('/x');
    expect(pathOf({} as IncomingMessage)).toBe('/');
  });
});
