import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Paths pino masks wherever they appear (STYLE.md §10): secrets never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'db.password',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'connectionString',
  '*.connectionString',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * The migrator's logger. It writes to stderr, so that stdout carries only command output
 * (`migrator plan > pending.sql` works); pretty in a terminal, JSON otherwise.
 */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  const settings = {
    level: options.level,
    base: { app: 'migrator' },
    redact: { paths: REDACTED_PATHS, censor: '***' },
  };
  if (options.pretty) return pino(settings, pretty({ destination: 2, sync: true, ignore: 'pid,hostname,app' }));
  return pino(settings, pino.destination({ fd: 2, sync: true }));
}
