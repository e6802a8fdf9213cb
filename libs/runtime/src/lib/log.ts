/**
 * The structured logger every library and app writes to: fields first, then a constant message
 * (pino's signature, so a pino logger is one). Tests pass an in-memory one.
 */
export interface Log {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
