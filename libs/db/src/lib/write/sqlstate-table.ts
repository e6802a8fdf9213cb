/**
 * The package's one table of database failures after which the same work may succeed if tried
 * again later, each with what it means. The write path's retry decision
 * (`isRetryableDatabaseError` in sqlstate.ts) and the wording of connection failures
 * (`orm/connection-errors.ts`) both read it, so they cannot disagree. graphile-worker keeps a
 * similar table. https://www.postgresql.org/docs/15/errcodes-appendix.html
 *
 * This file imports nothing: the connection errors load in the integration tests' global setup,
 * where the workspace's path aliases (sqlstate.ts needs `@sentiment-ingest/models`) do not resolve.
 */
export const RETRYABLE_SQLSTATES: Readonly<Record<string, string>> = Object.freeze({
  '40001': 'a concurrent transaction conflicted with this one', // serialization_failure
  '40P01': 'the server broke a deadlock by cancelling this transaction', // deadlock_detected
  '55P03': 'a lock was not available', // lock_not_available
  '57014': 'the statement was cancelled (statement_timeout, or a cancel request)', // query_canceled
  '57P01': 'the server is shutting down', // admin_shutdown
  '57P02': 'the server crashed and is restarting', // crash_shutdown
  '57P03': 'the server is not accepting connections yet', // cannot_connect_now
  '53300': 'the server has no connection slot free', // too_many_connections
  '53400': 'a server limit was reached', // configuration_limit_exceeded
});

/** SQLSTATE classes (first two characters) that are retryable whatever the rest of the code. */
export const RETRYABLE_SQLSTATE_CLASSES: Readonly<Record<string, string>> = Object.freeze({
  '08': 'the connection failed', // connection_exception
});

/** Network errors of node (an errno code, no SQLSTATE): the connection dropped or never came. */
export const RETRYABLE_ERRNO: Readonly<Record<string, string>> = Object.freeze({
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ECONNRESET: 'the connection was closed by the server',
  EPIPE: 'the connection was closed while sending to the server',
  ETIMEDOUT: 'no answer from the host',
  EHOSTUNREACH: 'no answer from the host',
  ENETUNREACH: 'no answer from the host',
  ENOTFOUND: 'unknown host name',
  EAI_AGAIN: 'unknown host name',
});

/**
 * What a retryable error code means, from the table above: an errno code, a listed SQLSTATE, or a
 * SQLSTATE of a retryable class. Null when the code is not retryable (or is no code at all).
 */
export function retryableCodeMeaning(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  const exact = RETRYABLE_ERRNO[code] ?? RETRYABLE_SQLSTATES[code];
  if (exact !== undefined) return exact;
  if (!/^[0-9A-Z]{5}$/.test(code)) return null;
  return RETRYABLE_SQLSTATE_CLASSES[code.slice(0, 2)] ?? null;
}
