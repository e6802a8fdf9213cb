import type { DestinationStream } from 'pino';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Paths pino masks wherever they appear, set when the logger is created: secrets never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'clientSecret',
  '*.clientSecret',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'connectionString',
  '*.connectionString',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

export interface LoggerOptions {
  /** the app's name, on every line */
  readonly app: string;
  readonly level: string;
  /** human-readable lines (a terminal) rather than JSON */
  readonly pretty: boolean;
  /** file descriptor to write to: 2 (stderr) for CLIs whose stdout is output, 1 for services */
  readonly fd?: 1 | 2;
  /** tests pass an in-memory stream */
  readonly destination?: DestinationStream;
}

/** Creates an app's pino logger with secrets redacted; pretty in a terminal, JSON otherwise. */
export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    level: options.level,
    base: { app: options.app },
    redact: { paths: REDACTED_PATHS, censor: '***' },
  };
  if (options.destination) return pino(settings, options.destination);
  const fd = options.fd ?? 1;
  if (options.pretty) return pino(settings, pretty({ destination: fd, sync: true, ignore: 'pid,hostname,app' }));
  return pino(settings, pino.destination({ fd, sync: true }));
}
