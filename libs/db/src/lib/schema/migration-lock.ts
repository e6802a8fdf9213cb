import type { ClientBase } from 'pg';
import type { Log } from '@sentiment-ingest/runtime';
import { MigrationLockTimeoutError } from '../errors';
import { describeLockHolder, judgeLockHolder, type LockHolder } from './lock-holder';

/**
 * Advisory lock key shared by every migrator of this schema: the bytes of "SENTIMIG" as a bigint.
 * MikroORM 6 has no lock of its own, so two migrators would race without it
 * (docs/design-notes.md, "MikroORM 6 facts verified here").
 */
export const MIGRATION_LOCK_KEY = '6000848718495024967';

/** A migrator session idle this long (no statement, no heartbeat) has lost its client. */
export const STALE_SESSION_AFTER_MS = 30_000;

/** How often the lock session proves it is alive while the migrations run on the ORM's connection. */
export const LOCK_HEARTBEAT_MS = 2_000;

/** Longest single wait for the lock before looking at its holder again. */
const WAIT_SLICE_MS = 1_000;

/**
 * Server settings of every migrator session (all are user-settable, PostgreSQL 14+), so that a
 * migrator whose client vanished leaves nothing behind for long: an open transaction is rolled back
 * after {@link STALE_SESSION_AFTER_MS}; a running statement notices a closed socket within 5 s
 * (`client_connection_check_interval`); an idle connection to a host that is gone is dropped after
 * ~30 s of unanswered TCP keepalives instead of the kernel's 2 hours.
 */
export const MIGRATOR_SESSION_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  idle_in_transaction_session_timeout: String(STALE_SESSION_AFTER_MS),
  client_connection_check_interval: '5000',
  tcp_keepalives_idle: '15',
  tcp_keepalives_interval: '5',
  tcp_keepalives_count: '3',
});

/**
 * The lock session's settings: those above, and `idle_session_timeout`, which ends a lock session
 * whose process hangs (the heartbeat keeps a live one busy). Only for the dedicated session: a pool
 * keeps idle connections on purpose.
 */
export const LOCK_SESSION_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  ...MIGRATOR_SESSION_SETTINGS,
  idle_session_timeout: String(STALE_SESSION_AFTER_MS),
});

/** SQLSTATEs that end one wait for the lock: lock_timeout (55P03) or statement_timeout / cancel (57014). */
const WAIT_ENDED = new Set(['55P03', '57014']);

/** SQLSTATE insufficient_privilege: ending another role's session needs pg_signal_backend. */
const INSUFFICIENT_PRIVILEGE = '42501';

/** The application_name of every migrator session, documented for finding it in pg_stat_activity. */
export const MIGRATOR_APPLICATION_NAME = 'sentiment-ingest-migrator';

const SILENT: LockLog = { info: () => undefined, warn: () => undefined };

/** What the lock reports to: the workspace's logger port, the levels it uses. */
export type LockLog = Pick<Log, 'info' | 'warn'>;

export interface MigrationLockOptions {
  /** MIGRATOR_LOCK_TIMEOUT_MS: how long to wait for a live holder */
  readonly timeoutMs: number;
  /** our sessions' application_name: a holder with it is a migrator */
  readonly applicationName: string;
  readonly log: LockLog;
  /** tests only; defaults to {@link STALE_SESSION_AFTER_MS} */
  readonly staleAfterMs?: number;
}

/**
 * Runs `fn` while holding the migration advisory lock on `client`, a dedicated session that stays
 * open for the whole run and sends a heartbeat meanwhile. When another session holds the lock, logs
 * who it is, and either waits for it (at most `timeoutMs`) or ends it when it is a migrator whose
 * client is gone (see {@link judgeLockHolder}).
 */
export async function withMigrationLock<T>(
  client: ClientBase,
  /** the options, or just the timeout (silent, our application name) */
  lock: MigrationLockOptions | number,
  fn: () => Promise<T>,
): Promise<T> {
  const options = typeof lock === 'number' ? { timeoutMs: lock, applicationName: MIGRATOR_APPLICATION_NAME, log: SILENT } : lock;
  await acquireMigrationLock(client, options);
  let heartbeatFailed = false;
  const heartbeat = setInterval(() => {
    client.query('select 1').catch((error: unknown) => {
      if (!heartbeatFailed) options.log.warn({ err: error }, 'migration lock session lost: its heartbeat failed');
      heartbeatFailed = true;
    });
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}

async function acquireMigrationLock(client: ClientBase, options: MigrationLockOptions): Promise<void> {
  const staleAfterMs = options.staleAfterMs ?? STALE_SESSION_AFTER_MS;
  const deadline = Date.now() + options.timeoutMs;
  const reported = new Set<number>();
  const unendable = new Set<number>();
  let holder: LockHolder | null = null;
  const acquired = () => {
    if (holder) options.log.info({ waitedMs: options.timeoutMs - (deadline - Date.now()) }, 'migration lock acquired');
  };
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [MIGRATION_LOCK_KEY]);
    if (rows[0]?.locked) return acquired();
    const current = await readLockHolder(client);
    if (current) {
      holder = current;
      const verdict = unendable.has(current.pid)
        ? { action: 'wait' as const, reason: 'this user may not end it (needs the same role, or pg_signal_backend)' }
        : judgeLockHolder(current, { applicationName: options.applicationName, staleAfterMs });
      const fields = { holder: current, decision: verdict.action, reason: verdict.reason };
      if (verdict.action === 'end') {
        const ended = await endStaleSessions(client, current, options.applicationName).catch((error: unknown) => {
          if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
          unendable.add(current.pid);
          return null;
        });
        if (ended) {
          options.log.warn({ ...fields, ended }, 'migration lock held by a stale migrator session: ended it');
          continue;
        }
      } else if (!reported.has(current.pid)) {
        reported.add(current.pid);
        options.log.warn({ ...fields, timeoutMs: options.timeoutMs }, 'migration lock held by another session: waiting');
      }
    }
    const slice = Math.min(WAIT_SLICE_MS, deadline - Date.now());
    if (slice <= 0) throw lockTimeout(options.timeoutMs, holder);
    await client.query(`select set_config('lock_timeout', $1, false)`, [`${slice}ms`]);
    try {
      await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      return acquired();
    } catch (error) {
      // a role's statement_timeout shorter than the slice ends the wait the same way as lock_timeout
      if (!WAIT_ENDED.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

function lockTimeout(timeoutMs: number, holder: LockHolder | null): MigrationLockTimeoutError {
  const who = holder ? `session ${describeLockHolder(holder)}` : 'session';
  return new MigrationLockTimeoutError(
    `Another ${who} held the migration lock for more than ${timeoutMs} ms. Wait for it to finish and run again, ` +
      'raise MIGRATOR_LOCK_TIMEOUT_MS, or, if that session is not a running migrator, end it: ' +
      `select pg_terminate_backend(${holder?.pid ?? '<pid>'});`,
  );
}

/** The session holding the migration lock in this database, or null when nobody does. */
async function readLockHolder(client: ClientBase): Promise<LockHolder | null> {
  const { rows } = await client.query<{
    pid: number;
    application_name: string | null;
    user: string | null;
    state: string | null;
    state_age_ms: string | null;
    xact_age_ms: string | null;
    client_addr: string | null;
  }>(
    // pg_advisory_lock(bigint) shows as classid = high 32 bits, objid = low 32 bits, objsubid = 1
    `select a.pid, a.application_name, a.usename as user, a.state,
            (extract(epoch from now() - a.state_change) * 1000)::bigint::text as state_age_ms,
            (extract(epoch from now() - a.xact_start) * 1000)::bigint::text as xact_age_ms,
            host(a.client_addr) as client_addr
       from pg_locks l
       join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ($1::bigint >> 32)::oid and l.objid = ($1::bigint & 4294967295)::oid
      limit 1`,
    [MIGRATION_LOCK_KEY],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    pid: row.pid,
    applicationName: row.application_name,
    user: row.user,
    state: row.state,
    stateAgeMs: row.state_age_ms === null ? null : Math.max(0, Number(row.state_age_ms)),
    transactionAgeMs: row.xact_age_ms === null ? null : Math.max(0, Number(row.xact_age_ms)),
    clientAddr: row.client_addr,
  };
}

/**
 * Ends the stale holder and every other session of ours in this database left idle in a transaction
 * (the open migration transaction of the same dead migrator, which would otherwise keep its table
 * locks and block the migrations for good). Whatever their age: a migrator runs migrations only while
 * it holds the lock, and the holder is dead, so no live migrator has a transaction open; and the dead
 * one's transaction may have spoken a moment after its lock session did (an age threshold missed it
 * under load). Waits up to 5 s for each to exit. Returns the pids ended.
 */
async function endStaleSessions(client: ClientBase, holder: LockHolder, applicationName: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number; ended: boolean }>(
    `select pid, pg_terminate_backend(pid, 5000) as ended
       from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and (pid = $1 or (application_name = $2 and state like 'idle in transaction%'))`,
    [holder.pid, applicationName],
  );
  return rows.filter((row) => row.ended).map((row) => row.pid);
}
