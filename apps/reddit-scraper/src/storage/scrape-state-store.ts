import type { MikroORM } from '@mikro-orm/postgresql';
import { ormConnectionSource, readDatabaseStats, type DatabaseStats } from '@sentiment-ingest/db';
import type { ScrapeCheckpoint } from '@sentiment-ingest/models';
import type { ScrapeStateReader } from '../ports';

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

interface CheckpointRow {
  newest_created_utc: Date | null;
  newest_id: string | null;
  state: Record<string, unknown> | null;
}

/** Reads the scraper's state (checkpoints, recent submissions) through the ORM's connection pool. */
export class ScrapeStateStore implements ScrapeStateReader {
  constructor(private readonly orm: MikroORM) {}

  async readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> {
    const rows = await this.execute<CheckpointRow>(
      'select newest_created_utc, newest_id, state from scrape_checkpoints where source = ? and stream = ?',
      [source, stream],
    );
    const row = rows[0];
    if (!row) return null;
    return { source, stream, newestCreatedUtc: toDate(row.newest_created_utc), newestId: row.newest_id, state: row.state ?? {} };
  }

  async recentSubmissions(since: Date): Promise<{ id: string; createdUtc: Date }[]> {
    const rows = await this.execute<{ id: string; created_utc: Date }>(
      'select id, created_utc from raw_submissions where created_utc > ? order by created_utc',
      [since],
    );
    return rows.map((row) => ({ id: row.id, createdUtc: toDate(row.created_utc) as Date }));
  }

  /** Hypertable sizes, chunks and rows, and stream lags, for the database gauges of /metrics. */
  async databaseStats(): Promise<DatabaseStats> {
    const connections = ormConnectionSource(this.orm);
    const client = await connections.acquire();
    try {
      return await readDatabaseStats(client);
    } finally {
      connections.release(client);
    }
  }

  /** The pool's connections by state (knex's tarn pool), for /metrics. */
  poolState(): { used: number; free: number; pending: number } {
    const pool = (this.orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
    return { used: pool?.numUsed() ?? 0, free: pool?.numFree() ?? 0, pending: pool?.numPendingAcquires() ?? 0 };
  }

  /** A cheap round trip, for readiness. */
  async ping(): Promise<void> {
    await this.execute('select 1', []);
  }

  private async execute<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.orm.em.getConnection().execute(sql, params as never[], 'all')) as T[];
  }
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
