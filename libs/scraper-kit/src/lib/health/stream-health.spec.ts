import { ReadinessFailure } from '../http/readiness';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { StreamHealth } from './stream-health';

describe('StreamHealth', () => {
  it('is ready until a stream fails the configured number of times in a row', async () => {
    const health = new StreamHealth({ metrics: new ScrapeMetrics({ source: 'test' }), failuresNotReady: 2 });
    health.failure('new:a');
    await expect(health.check()).resolves.toBeUndefined();
    health.failure('new:a');
    await expect(health.check()).rejects.toEqual(new ReadinessFailure('stream_failing', ['new:a']));
  });

  it('becomes ready again after a success of the failing stream', async () => {
    const health = new StreamHealth({ metrics: new ScrapeMetrics({ source: 'test' }), failuresNotReady: 1 });
    health.failure('new:a');
    health.success('new:a', 1_000);
    await expect(health.check()).resolves.toBeUndefined();
  });

  it('exports failures in a row and the last success per stream', async () => {
    const metrics = new ScrapeMetrics({ source: 'test' });
    const health = new StreamHealth({ metrics });
    health.success('new:a', 1_700_000_000_000);
    health.failure('new:b');
    health.failure('new:b');
    const text = await metrics.registry.metrics();
    expect(text).toContain('scrape_stream_consecutive_failures{source="test",stream="new:b"} 2');
    expect(text).toContain('scrape_stream_last_success_timestamp_seconds{source="test",stream="new:a"} 1700000000');
  });

  it('forgets a stream that is no longer polled', () => {
    const health = new StreamHealth({ metrics: new ScrapeMetrics({ source: 'test' }), failuresNotReady: 1 });
    health.failure('new:a+b');
    health.forget('new:a+b');
    expect(health.failing()).toEqual([]);
  });
});
