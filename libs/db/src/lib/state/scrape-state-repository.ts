import type { ScrapeCheckpoint } from '@sentiment-ingest/models';
import type { ClientBase } from 'pg';
import type { ConnectionSource } from '../ingest/item-writer';
import { readDatabaseStats, type DatabaseStats } from '../stats/database-stats';
import { isRetryableDatabaseError } from '../write/sqlstate';
import type { PoolState } from './pool-state';
import {
  resolveGapParams,
  toCheckpoint,
  toOpenGap,
  toRecentItem,
  type CheckpointRow,
  type GapResolution,
  type OpenGapOfSourceRow,
  type OpenGapRow,
  type OpenScrapeGap,
  type RecentItem,
  type RecentItemRow,
} from './scrape-state-rows';
import {
  countItemsSql,
  OPEN_GAPS_OF_SOURCE_SQL,
  OPEN_GAPS_SQL,
  PING_SQL,
  READ_CHECKPOINT_SQL,
  recentItemsParams,
  recentItemsSql,
  RESOLVE_GAP_SQL,
  type RecentItemsFilter,
  type TimedItemTable,
} from './scrape-state-sql';

/**
 * What every scraper reads and writes of its own state outside a batch: its checkpoints, its open
 * gaps and their resolution, its recent items (engagement refresh), and the ping and pool state of
 * /readyz and /metrics. Each call borrows one connection from the source and gives it back; a
 * connection that failed in a way that may pass is discarded, so the next call opens a fresh one.
 * Checkpoints and gaps are written by the batch that covers them (ItemWriter), never here.
 */
export class ScrapeStateRepository {
  private readonly connections: ConnectionSource;
  private readonly pool: () => PoolState;

  constructor(options: {
    connections: ConnectionSource;
    /** the state of the pool `connections` lends from (ormPoolState, pgPoolState) */
    pool: () => PoolState;
  }) {
    this.connections = options.connections;
    this.pool = options.pool;
  }

  /** Where a stream resumes; null before its first batch. */
  async readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> {
    const rows = await this.query<CheckpointRow>(READ_CHECKPOINT_SQL, [source, stream]);
    return rows[0] ? toCheckpoint(source, stream, rows[0]) : null;
  }

  /** The periods a stream could not see and nobody has resolved yet, oldest first. */
  async openGaps(source: string, stream: string): Promise<OpenScrapeGap[]> {
    const rows = await this.query<OpenGapRow>(OPEN_GAPS_SQL, [source, stream]);
    return rows.map((row) => toOpenGap(source, stream, row));
  }

  /** Every open gap of a source, whatever its stream: by stream, then oldest first. */
  async openGapsOfSource(source: string): Promise<OpenScrapeGap[]> {
    const rows = await this.query<OpenGapOfSourceRow>(OPEN_GAPS_OF_SOURCE_SQL, [source]);
    return rows.map((row) => toOpenGap(source, row.stream, row));
  }

  /**
   * How many items of a table were created from `from` to `to` (both included) whose `column`,
   * lower-cased, is one of `anyOf` (lower-case values). Counted before and after a backfill, the
   * difference is what it recovered in that range.
   */
  async countItems(items: Pick<TimedItemTable, 'table' | 'timeColumn'>, range: { from: Date; to: Date }, filter: RecentItemsFilter): Promise<number> {
    if (filter.anyOf.length === 0 || !filter.anyOf.every((v) => typeof v === 'string')) {
      throw new RangeError(`the filter on "${filter.column}" needs at least one text value`);
    }
    const rows = await this.query<{ count: number }>(countItemsSql(items, filter.column), [range.from, range.to, [...filter.anyOf]]);
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Marks an open gap resolved, with how and how many items were recovered. False when the gap was
   * already resolved (the first resolution stays) or is not a gap of that stream.
   */
  async resolveGap(gap: Pick<OpenScrapeGap, 'id' | 'source' | 'stream'>, resolution: GapResolution): Promise<boolean> {
    const params = resolveGapParams(gap, resolution);
    return (await this.query(RESOLVE_GAP_SQL, params)).length === 1;
  }

  /**
   * Ids and creation times of a source's items created after `since`, oldest first; with a filter,
   * only the rows whose column holds one of its values (e.g. the items that have engagement).
   */
  async recentItems(items: TimedItemTable, since: Date, filter?: RecentItemsFilter): Promise<RecentItem[]> {
    const rows = await this.query<RecentItemRow>(recentItemsSql(items, filter), recentItemsParams(since, filter));
    return rows.map(toRecentItem);
  }

  /** Hypertable sizes, chunks and rows, and stream lags, for the database gauges of /metrics. */
  async databaseStats(): Promise<DatabaseStats> {
    return this.withClient((client) => readDatabaseStats(client));
  }

  /** A round trip through the pool, for readiness: rejects when the database cannot be reached. */
  async ping(): Promise<void> {
    await this.query(PING_SQL, []);
  }

  /** The pool's connections by state, for /metrics. */
  poolState(): PoolState {
    return this.pool();
  }

  private async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.withClient(async (client) => (await client.query(sql, params as unknown[])).rows as Row[]);
  }

  private async withClient<T>(fn: (client: ClientBase) => Promise<T>): Promise<T> {
    const client = await this.connections.acquire();
    let result: T;
    try {
      result = await fn(client);
    } catch (error) {
      this.connections.release(client, error instanceof Error && isRetryableDatabaseError(error) ? error : undefined);
      throw error;
    }
    this.connections.release(client);
    return result;
  }
}
