import { ScrapeMetrics } from './scrape-metrics';

describe('ScrapeMetrics', () => {
  it('labels every series with the source, and the stream or stage where it has one', async () => {
    const metrics = new ScrapeMetrics({ source: 'hn' });
    metrics.countFetched('top', 5);
    metrics.countInserted('top', 3);
    metrics.countUpdated('top', 1);
    metrics.countRejected('top', 'normalize');
    metrics.countGap('top');
    metrics.setLag('top', 12.5);
    metrics.observePollDuration('top', 0.4);
    metrics.countWriteFailure(true);
    metrics.setStreamFailures('top', 2);
    metrics.setStreamLastSuccess('top', 1_700_000_000_000);
    const text = await metrics.registry.metrics();
    for (const line of [
      'scrape_items_fetched_total{source="hn",stream="top"} 5',
      'scrape_items_inserted_total{source="hn",stream="top"} 3',
      'scrape_items_updated_total{source="hn",stream="top"} 1',
      'scrape_items_rejected_total{source="hn",stream="top",stage="normalize"} 1',
      'scrape_gaps_total{source="hn",stream="top"} 1',
      'scrape_stream_lag_seconds{source="hn",stream="top"} 12.5',
      'scrape_poll_duration_seconds_count{source="hn",stream="top"} 1',
      'scrape_db_write_failures_total{source="hn",retryable="true"} 1',
      'scrape_stream_consecutive_failures{source="hn",stream="top"} 2',
      'scrape_stream_last_success_timestamp_seconds{source="hn",stream="top"} 1700000000',
    ]) {
      expect(text).toContain(line);
    }
    const metricsJson = await metrics.registry.getMetricsAsJSON();
    const unlabelled = metricsJson.filter((m) => m.values.some((v) => v.labels['source'] !== 'hn')).map((m) => m.name);
    expect(unlabelled).toEqual([]);
  });

  it("forgets a stream's health series once it is no longer polled", async () => {
    const metrics = new ScrapeMetrics({ source: 'hn' });
    metrics.setStreamFailures('top', 1);
    metrics.setStreamLastSuccess('top', 1_000);
    metrics.forgetStream('top');
    expect(await metrics.registry.metrics()).not.toMatch(/\{source="hn",stream="top"\}/);
  });

  it('adds process metrics only when asked', async () => {
    expect(await new ScrapeMetrics({ source: 'hn' }).registry.metrics()).not.toContain('process_cpu_seconds_total');
    expect(await new ScrapeMetrics({ source: 'hn', processMetrics: true }).registry.metrics()).toContain('process_cpu_seconds_total');
  });
});
