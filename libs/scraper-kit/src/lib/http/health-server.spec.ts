import { Counter } from 'prom-client';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { startHealthServer } from './health-server';
import { ReadinessFailure } from './readiness';

async function withServer(checks: Record<string, () => Promise<void>>, fn: (base: string, metrics: ScrapeMetrics) => Promise<void>) {
  const metrics = new ScrapeMetrics({ source: 'test' });
  const server = await startHealthServer({ port: 0, host: '127.0.0.1', registry: metrics.registry, checks, checkTimeoutMs: 200 });
  try {
    await fn(`http://127.0.0.1:${server.port}`, metrics);
  } finally {
    await server.close();
  }
}

describe('health server', () => {
  it('answers /healthz while the process runs', async () => {
    await withServer({}, async (base) => {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(200);
    });
  });

  it('is ready only when every check passes, and names the failing one with a reason code', async () => {
    await withServer(
      { database: async () => undefined, source: async () => Promise.reject(new ReadinessFailure('source_no_token')) },
      async (base) => {
        const response = await fetch(`${base}/readyz`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: 'not ready', checks: { database: 'ok', source: 'source_no_token' } });
      },
    );
  });

  it('never shows the text of a failing dependency, only a code', async () => {
    const driverText = 'password authentication failed for user "sentiment" at 10.0.0.5:5432';
    await withServer({ database: async () => Promise.reject(new Error(driverText)) }, async (base) => {
      const text = await (await fetch(`${base}/readyz`)).text();
      expect(JSON.parse(text)).toEqual({ status: 'not ready', checks: { database: 'database_unavailable' } });
      expect(text).not.toContain('sentiment');
    });
  });

  it('lists the failing streams of a stream check', async () => {
    await withServer({ streams: async () => Promise.reject(new ReadinessFailure('stream_failing', ['new:a+b'])) }, async (base) => {
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
        status: 'not ready',
        checks: { streams: 'stream_failing' },
        details: { streams: ['new:a+b'] },
      });
    });
  });

  it('fails a check that hangs instead of hanging itself', async () => {
    await withServer({ database: () => new Promise<void>(() => undefined) }, async (base) => {
      const body = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, string> };
      expect(body.checks.database).toBe('database_timeout');
    });
  });

  it("serves the metrics in Prometheus text format, the source's own beside the shared ones", async () => {
    await withServer({}, async (base, metrics) => {
      const requests = new Counter({ name: 'test_requests_total', help: 'requests', labelNames: ['status'] as const, registers: [metrics.registry] });
      metrics.countInserted('new:a+b', 3);
      requests.inc({ status: '200' });
      const response = await fetch(`${base}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain('scrape_items_inserted_total{source="test",stream="new:a+b"} 3');
      expect(text).toContain('test_requests_total{status="200"} 1');
      expect(text).toContain('# TYPE scrape_stream_lag_seconds gauge');
    });
  });
});
