import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { ReadinessFailure } from './readiness';

/**
 * One readiness check: resolves when the dependency is usable, rejects otherwise (with a
 * {@link ReadinessFailure} for a specific reason code; any other error reads `<name>_unavailable`).
 */
export type ReadinessCheck = () => Promise<void>;

/** Why a check failed, for logs (not for the response, which carries reason codes only). */
export type ReadinessObserver = (name: string, error: unknown) => void;

/** Options of {@link startHealthServer}. */
export interface HealthServerOptions {
  readonly port: number;
  /** interface to listen on (HTTP_HOST; default 0.0.0.0, all interfaces, as a container needs) */
  readonly host?: string;
  readonly registry: Registry;
  /** e.g. `database` (a round trip), the source's own (Reddit: a valid token) and `streams` */
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  /** a check slower than this fails */
  readonly checkTimeoutMs?: number;
  /** told the cause of each failed check */
  readonly onCheckFailed?: ReadinessObserver;
}

/**
 * A scraper's HTTP port: `/healthz` (the process runs), `/readyz` (every check passes: database
 * reachable, the source usable, no stream failing; 503 with a reason code per failing check
 * otherwise) and `/metrics` (Prometheus text format).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'GET') return send(405, JSON.stringify({ error: 'method not allowed' }));
    if (path === '/healthz') return send(200, JSON.stringify({ status: 'ok' }));
    if (path === '/readyz') {
      void readiness(options).then(({ ready, checks, details }) =>
        send(ready ? 200 : 503, JSON.stringify({ status: ready ? 'ready' : 'not ready', checks, ...(Object.keys(details).length > 0 ? { details } : {}) })),
      );
      return;
    }
    if (path === '/metrics') {
      void options.registry.metrics().then(
        (text) => send(200, text, options.registry.contentType),
        (error: unknown) => send(500, JSON.stringify({ error: String(error) })),
      );
      return;
    }
    send(404, JSON.stringify({ error: 'not found', paths: ['/healthz', '/readyz', '/metrics'] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readiness(
  options: HealthServerOptions,
): Promise<{ ready: boolean; checks: Record<string, string>; details: Record<string, readonly string[]> }> {
  const timeout = options.checkTimeoutMs ?? 2_000;
  const details: Record<string, readonly string[]> = {};
  const entries = await Promise.all(
    Object.entries(options.checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeout, `${name}_timeout`);
        return [name, 'ok'] as const;
      } catch (error) {
        options.onCheckFailed?.(name, error);
        if (!(error instanceof ReadinessFailure)) return [name, `${name}_unavailable`] as const;
        if (error.details) details[name] = error.details;
        return [name, error.reason] as const;
      }
    }),
  );
  return { ready: entries.every(([, result]) => result === 'ok'), checks: Object.fromEntries(entries), details };
}

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessFailure(reason)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
