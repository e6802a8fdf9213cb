/** The session that holds the migration lock, as `pg_locks` joined to `pg_stat_activity` shows it. */
export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string | null;
  readonly user: string | null;
  /** `active`, `idle`, `idle in transaction`, ...; null when this user may not see it */
  readonly state: string | null;
  /** how long it has been in that state; null when hidden */
  readonly stateAgeMs: number | null;
  /** how long its open transaction has run; null when none or hidden */
  readonly transactionAgeMs: number | null;
  readonly clientAddr: string | null;
}

/** What a migrator that finds the lock taken does about its holder. */
export type LockVerdict = { readonly action: 'wait' | 'end'; readonly reason: string };

/** States in which a session waits for its client; a live migrator's lock session leaves them every heartbeat. */
const IDLE_STATES = new Set(['idle', 'idle in transaction', 'idle in transaction (aborted)']);

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Decides whether to wait for the holder of the migration lock or end it. Ending is safe only for a
 * migrator session (our application_name) that has sat idle longer than `staleAfterMs`: a live
 * migrator's lock session sends a heartbeat every few seconds, so such a session's client is gone
 * (killed, its host lost) and the server has not noticed. Anything else is waited for. Pure.
 */
export function judgeLockHolder(holder: LockHolder, options: { applicationName: string; staleAfterMs: number }): LockVerdict {
  if (holder.applicationName !== options.applicationName) {
    return { action: 'wait', reason: `it is not a migrator (application_name '${holder.applicationName ?? ''}')` };
  }
  if (holder.state === null || holder.stateAgeMs === null) {
    return {
      action: 'wait',
      reason: 'its state is hidden from this user (run every migrator as the same user, or grant it pg_read_all_stats)',
    };
  }
  if (!IDLE_STATES.has(holder.state)) return { action: 'wait', reason: `it is ${holder.state}` };
  if (holder.stateAgeMs < options.staleAfterMs) {
    return { action: 'wait', reason: `${holder.state} for ${seconds(holder.stateAgeMs)}, less than ${seconds(options.staleAfterMs)}` };
  }
  return {
    action: 'end',
    reason: `${holder.state} for ${seconds(holder.stateAgeMs)} without the heartbeat of a live migrator (every few seconds): its client is gone`,
  };
}

/** One phrase naming the holder, for messages: pid, application, user, state and for how long. */
export function describeLockHolder(holder: LockHolder): string {
  const state = holder.state === null ? 'state hidden' : `${holder.state}${holder.stateAgeMs === null ? '' : ` for ${seconds(holder.stateAgeMs)}`}`;
  return (
    `pid ${holder.pid} (application_name '${holder.applicationName ?? ''}', user ${holder.user ?? 'unknown'}` +
    `${holder.clientAddr ? `, from ${holder.clientAddr}` : ''}, ${state})`
  );
}
