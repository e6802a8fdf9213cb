import type { DatabaseStats, PoolState } from '@sentiment-ingest/db';
import { Gauge, type Registry } from 'prom-client';

/** Where the database gauges read their values. */
export interface DatabaseGaugeSources {
  /** hypertable sizes, chunks, rows (read on each scrape; rejected when the database is down) */
  readonly stats: () => Promise<DatabaseStats>;
  readonly pool: () => PoolState;
}

/**
 * Database gauges on the scraper's `/metrics`, read when Prometheus scrapes (prom-client's async
 * `collect`): hypertables, the pool, and the gaps of every stream (open, resolved, oldest open). One read serves every gauge of a scrape; a failed read sets `sentiment_db_up` to 0 and
 * leaves the size gauges empty rather than failing the whole scrape.
 */
export function registerDatabaseGauges(registry: Registry, sources: DatabaseGaugeSources): void {
  let pending: Promise<DatabaseStats | null> | null = null;
  const read = () => {
    if (!pending) {
      pending = sources.stats().catch(() => null);
      // every gauge of this scrape shares the read; the next scrape reads afresh
      void pending.finally(() => setTimeout(() => (pending = null), 1_000).unref());
    }
    return pending;
  };
  const perTable = (name: string, help: string, value: (h: DatabaseStats['hypertables'][number]) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['table'] as const,
      registers: [registry],
      async collect() {
        const stats = await read();
        this.reset();
        for (const h of stats?.hypertables ?? []) {
          const v = value(h);
          if (v !== null) this.set({ table: h.table }, v);
        }
      },
    });
  perTable('sentiment_db_hypertable_bytes', 'Size of each hypertable (chunks, indexes, TOAST)', (h) => h.bytes);
  perTable('sentiment_db_hypertable_chunks', 'Chunks of each hypertable', (h) => h.chunks);
  perTable('sentiment_db_hypertable_rows_estimate', "Rows of each hypertable, from the planner's statistics", (h) => h.approximateRows);
  // gaps of every scraper's streams, as scrape_gaps holds them (scrape_gaps_total counts those this process opened);
  // literal names, which the workspace checks read to validate the dashboards
  const perStream = (value: (g: DatabaseStats['gaps'][number]) => number | null) =>
    async function collect(this: Gauge<'source' | 'stream'>) {
      const stats = await read();
      this.reset();
      for (const g of stats?.gaps ?? []) {
        const v = value(g);
        if (v !== null) this.set({ source: g.source, stream: g.stream }, v);
      }
    };
  new Gauge({
    name: 'sentiment_db_gaps_open',
    help: 'Gaps of each stream not resolved yet (scrape_gaps, resolved_at null)',
    labelNames: ['source', 'stream'] as const,
    registers: [registry],
    collect: perStream((g) => g.open),
  });
  new Gauge({
    name: 'sentiment_db_gaps_resolved',
    help: 'Gaps of each stream resolved since they were recorded (backfilled or marked unrecoverable)',
    labelNames: ['source', 'stream'] as const,
    registers: [registry],
    collect: perStream((g) => g.resolved),
  });
  new Gauge({
    name: 'sentiment_db_gaps_oldest_open_start_seconds',
    help: 'Start of the oldest open gap of each stream, in seconds since the epoch (absent when none is open)',
    labelNames: ['source', 'stream'] as const,
    registers: [registry],
    collect: perStream((g) => (g.oldestOpenStart === null ? null : g.oldestOpenStart.getTime() / 1000)),
  });
  new Gauge({
    name: 'sentiment_db_up',
    help: '1 when the database answered the last scrape, else 0',
    registers: [registry],
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'sentiment_db_pool_connections',
    help: 'Connections of the scraper pool by state (used, free, pending acquires)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool();
      this.set({ state: 'used' }, pool.used);
      this.set({ state: 'free' }, pool.free);
      this.set({ state: 'pending' }, pool.pending);
    },
  });
}
