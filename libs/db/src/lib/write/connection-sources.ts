import type { MikroORM } from '@mikro-orm/postgresql';
import type { ClientBase, Pool, PoolClient } from 'pg';
import type { ConnectionSource } from '../ingest/item-writer';

/** Connections from a `pg.Pool` (benchmarks, tools). */
export function poolConnectionSource(pool: Pool): ConnectionSource {
  return {
    acquire: () => pool.connect(),
    release: (client, error) => (client as PoolClient).release(error),
  };
}

interface KnexClientPool {
  acquireConnection(): Promise<ClientBase>;
  releaseConnection(connection: ClientBase): Promise<void>;
}

/**
 * Connections from MikroORM's own pool, so an app has one pool with one set of limits
 * (`getKnex().client.acquireConnection()`: docs/design-notes.md, "MikroORM 6 facts verified here").
 */
export function ormConnectionSource(orm: MikroORM): ConnectionSource {
  const knexClient = orm.em.getConnection().getKnex().client as unknown as KnexClientPool;
  return {
    acquire: () => knexClient.acquireConnection(),
    release: (client, error) => {
      // A connection that failed mid-transaction is closed rather than lent again.
      if (error) (client as unknown as { end(): Promise<void> }).end().catch(() => undefined);
      void knexClient.releaseConnection(client);
    },
  };
}
