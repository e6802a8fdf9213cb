import type { ClientBase } from 'pg';

/** Whether a connection goes through a transaction pooler such as PgBouncer, and why we think so. */
export interface PoolerVerdict {
  readonly pooled: boolean;
  readonly evidence: string;
}

/** What one connection told about itself. */
export interface PoolerProbe {
  /** the process id of the BackendKeyData message received at connection start */
  readonly announcedPid: number;
  /** `pg_backend_pid()`: the server process that ran the probe query */
  readonly backendPid: number;
}

/**
 * Decides from a probe. PostgreSQL announces its own process id in BackendKeyData, so the two are
 * equal on a direct connection, also through a plain TCP proxy or Docker's port mapping. PgBouncer
 * answers the startup itself with a cancel key of its own making (random bytes: src/proto.c; see
 * pgbouncer/pgbouncer#1296 and #945, pgjdbc/pgjdbc#2318), since the server connection behind a
 * client changes from one transaction to the next.
 */
export function judgePoolerProbe(probe: PoolerProbe): PoolerVerdict {
  if (probe.announcedPid === probe.backendPid) {
    return {
      pooled: false,
      evidence: `BackendKeyData announced process ${probe.announcedPid}, the server process itself (pg_backend_pid())`,
    };
  }
  return {
    pooled: true,
    evidence:
      `BackendKeyData announced process ${probe.announcedPid}, but the query ran in server process ` +
      `${probe.backendPid}: a pooler such as PgBouncer answered the connection start`,
  };
}

/** node-pg's JS client keeps BackendKeyData as `processID` (not part of @types/pg). */
type ClientWithKeyData = ClientBase & { processID?: number | null };

/** Tells whether `client` (a connected node-pg client) talks to PostgreSQL through a pooler. One query. */
export async function detectPooler(client: ClientBase): Promise<PoolerVerdict> {
  const announcedPid = (client as ClientWithKeyData).processID;
  if (typeof announcedPid !== 'number') {
    throw new Error(
      'detectPooler needs a connected node-pg client (pg.Client or a pg.Pool client; pg-native does not keep ' +
        'the BackendKeyData process id).',
    );
  }
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const backendPid = rows[0]?.pid;
  if (typeof backendPid !== 'number') throw new Error('select pg_backend_pid() returned no row');
  return judgePoolerProbe({ announcedPid, backendPid });
}
