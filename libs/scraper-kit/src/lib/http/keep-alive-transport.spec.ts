import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isAbortError } from '../time/abort';
import { keepAliveTransport, type KeepAliveTransport } from './keep-alive-transport';
import { BodyTooLargeError, NoResponseError } from './send-request';

/** A loopback server answering each request with `handler`; counts the connections it accepted. */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET' as const, url, headers });

describe('keepAliveTransport', () => {
  let transport: KeepAliveTransport;
  beforeEach(() => {
    transport = keepAliveTransport();
  });
  afterEach(() => transport.close());

  it('returns status, headers and the body, sends the headers, reuses one connection and follows no redirect', async () => {
    const seen: string[] = [];
    const server = await serve((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers['user-agent']}`);
      if (request.url === '/moved') return response.writeHead(301, { location: '/elsewhere' }).end();
      response.writeHead(200, { 'content-type': 'application/json', 'x-test': 'yes', 'set-cookie': ['a=1', 'b=2'] }).end('{"id":1,"text":"é"}');
    });
    try {
      const first = await transport(get(`${server.url}/v0/item/1.json`, { 'user-agent': 'test' }), { timeoutMs: 1_000 });
      expect(first).toMatchObject({ status: 200, body: '{"id":1,"text":"é"}' });
      expect(first.headers.get('x-test')).toBe('yes');
      expect(first.headers.get('set-cookie')).toBe('a=1, b=2');
      await transport(get(`${server.url}/v0/item/2.json`, { 'user-agent': 'test' }), { timeoutMs: 1_000 });
      const moved = await transport(get(`${server.url}/moved`), { timeoutMs: 1_000 });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('/elsewhere');
      expect(seen).toEqual(['GET /v0/item/1.json test', 'GET /v0/item/2.json test', 'GET /moved undefined']);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('refuses a body past the byte limit, whether it is declared or streamed', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/declared') return response.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100));
      response.writeHead(200);
      response.write('y'.repeat(40));
      response.end('y'.repeat(40));
    });
    try {
      await expect(transport(get(`${server.url}/declared`), { timeoutMs: 1_000, maxBodyBytes: 50 })).rejects.toBeInstanceOf(BodyTooLargeError);
      await expect(transport(get(`${server.url}/streamed`), { timeoutMs: 1_000, maxBodyBytes: 50 })).rejects.toThrow('larger than 50 bytes');
      await expect(transport(get(`${server.url}/streamed`), { timeoutMs: 1_000, maxBodyBytes: 80 })).resolves.toMatchObject({ body: 'y'.repeat(80) });
    } finally {
      await server.close();
    }
  });

  it('says "timed out" when no answer comes in time, and "connection failed" when the source is unreachable or cuts the body short', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/hang') return;
      // promises 100 bytes, sends 10, then drops the connection
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"id":1,"t', () => request.socket.destroy());
    });
    try {
      const timedOut = await transport(get(`${server.url}/hang`), { timeoutMs: 30 }).catch((e: unknown) => e);
      expect(timedOut).toBeInstanceOf(NoResponseError);
      expect((timedOut as NoResponseError).timedOut).toBe(true);
      const truncated = await transport(get(`${server.url}/truncated`), { timeoutMs: 1_000 }).catch((e: unknown) => e);
      expect(truncated).toBeInstanceOf(NoResponseError);
      expect((truncated as NoResponseError).timedOut).toBe(false);
    } finally {
      await server.close();
    }
    const refused = await transport(get(`${server.url}/gone`), { timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NoResponseError);
    expect((refused as Error).message).toBe(`no response from ${server.url}/gone: the connection failed`);
  });

  it('rejects with an AbortError when the caller aborts, before or during the request', async () => {
    const server = await serve(() => undefined);
    try {
      const before = new AbortController();
      before.abort(new Error('stop'));
      expect(isAbortError(await transport(get(`${server.url}/x`), { timeoutMs: 1_000, signal: before.signal }).catch((e: unknown) => e))).toBe(true);
      const during = new AbortController();
      const pending = transport(get(`${server.url}/x`), { timeoutMs: 5_000, signal: during.signal }).catch((e: unknown) => e);
      setTimeout(() => during.abort(new Error('stop')), 20);
      expect(isAbortError(await pending)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
