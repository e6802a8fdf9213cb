import { ScraperMetrics } from './scraper-metrics';
import { startHealthServer } from './health-server';

async function withServer(checks: Record<string, () => Promise<void>>, fn: (base: string, metrics: ScraperMetrics) => Promise<void>) {
  const metrics = new ScraperMetrics();
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

  it('is ready only when every check passes, and names the failing one', async () => {
    await withServer(
      { database: async () => undefined, reddit: async () => Promise.reject(new Error('no valid token')) },
      async (base) => {
        const response = await fetch(`${base}/readyz`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: 'not ready', checks: { database: 'ok', reddit: 'no valid token' } });
      },
    );
  });

  it('fails a check that hangs instead of hanging itself', async () => {
    await withServer({ database: () => new Promise<void>(() => undefined) }, async (base) => {
      const body = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, string> };
      expect(body.checks.database).toBe('no answer within 200 ms');
    });
  });

  it('serves the metrics in Prometheus text format', async () => {
    await withServer({}, async (base, metrics) => {
      metrics.postsInserted.inc({ stream: 'new:a+b' }, 3);
      metrics.requests.inc({ endpoint: 'listing', status: '200' });
      const response = await fetch(`${base}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain('reddit_posts_inserted_total{stream="new:a+b"} 3');
      expect(text).toContain('reddit_requests_total{endpoint="listing",status="200"} 1');
      expect(text).toContain('# TYPE scrape_stream_lag_seconds gauge');
    });
  });
});
