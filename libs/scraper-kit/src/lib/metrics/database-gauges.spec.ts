import { Registry } from 'prom-client';
import { registerDatabaseGauges } from './database-gauges';

const stats = {
  license: 'apache',
  hypertables: [
    { table: 'raw_submissions', timeColumn: 'created_utc', chunks: 3, bytes: 4096, approximateRows: 120, oldest: null, newest: null, compression: null },
    { table: 'submission_metrics', timeColumn: 'observed_at', chunks: 1, bytes: 1024, approximateRows: null, oldest: null, newest: null, compression: null },
  ],
  streams: [],
  gaps: [
    { source: 'reddit', stream: 'new:a+b', recorded: 3, resolved: 1, recovered: 512, open: 2, oldestOpenStart: new Date('2026-11-29T08:00:00Z') },
    { source: 'reddit', stream: 'comments:a+b', recorded: 1, resolved: 1, recovered: 40, open: 0, oldestOpenStart: null },
  ],
  comments: null,
};

describe('database gauges', () => {
  it('report hypertable sizes, chunks, rows and the pool on each scrape, reading the database once', async () => {
    const registry = new Registry();
    let reads = 0;
    registerDatabaseGauges(registry, {
      stats: async () => {
        reads += 1;
        return stats;
      },
      pool: () => ({ used: 1, free: 4, pending: 0 }),
    });
    const text = await registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('sentiment_db_up 1');
    expect(text).toContain('sentiment_db_hypertable_bytes{table="raw_submissions"} 4096');
    expect(text).toContain('sentiment_db_hypertable_chunks{table="submission_metrics"} 1');
    expect(text).toContain('sentiment_db_hypertable_rows_estimate{table="raw_submissions"} 120');
    expect(text).not.toContain('sentiment_db_hypertable_rows_estimate{table="submission_metrics"}');
    expect(text).toContain('sentiment_db_pool_connections{state="free"} 4');
  });

  it('report the gaps of each stream: open, resolved, and when the oldest open one starts', async () => {
    const registry = new Registry();
    registerDatabaseGauges(registry, { stats: async () => stats, pool: () => ({ used: 0, free: 0, pending: 0 }) });
    const text = await registry.metrics();
    expect(text).toContain('sentiment_db_gaps_open{source="reddit",stream="new:a+b"} 2');
    expect(text).toContain('sentiment_db_gaps_open{source="reddit",stream="comments:a+b"} 0');
    expect(text).toContain('sentiment_db_gaps_resolved{source="reddit",stream="new:a+b"} 1');
    expect(text).toContain(`sentiment_db_gaps_oldest_open_start_seconds{source="reddit",stream="new:a+b"} ${Date.UTC(2026, 10, 29, 8) / 1000}`);
    expect(text).not.toContain('sentiment_db_gaps_oldest_open_start_seconds{source="reddit",stream="comments:a+b"}');
  });

  it('says the database is down without failing the scrape', async () => {
    const registry = new Registry();
    registerDatabaseGauges(registry, { stats: () => Promise.reject(new Error('refused')), pool: () => ({ used: 0, free: 0, pending: 2 }) });
    const text = await registry.metrics();
    expect(text).toContain('sentiment_db_up 0');
    expect(text).toContain('sentiment_db_pool_connections{state="pending"} 2');
  });
});
