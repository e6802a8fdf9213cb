import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/** A connection pool's connections by state, for /metrics. */
export interface PoolState {
  readonly used: number;
  readonly free: number;
  /** callers waiting for a connection */
  readonly pending: number;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** The state of MikroORM's pool (knex's tarn pool), the one {@link ormConnectionSource} lends from. */
export function ormPoolState(orm: MikroORM): () => PoolState {
  return () => {
    // knex creates its pool on first use; until then nothing is used, free or waited for
    const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
    return { used: pool?.numUsed() ?? 0, free: pool?.numFree() ?? 0, pending: pool?.numPendingAcquires() ?? 0 };
  };
}

/** The state of a `pg.Pool`, the one {@link poolConnectionSource} lends from. */
export function pgPoolState(pool: Pool): () => PoolState {
  return () => ({ used: pool.totalCount - pool.idleCount, free: pool.idleCount, pending: pool.waitingCount });
}
