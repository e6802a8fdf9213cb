/**
 * A readiness check fails with a stable reason code (`/readyz` shows codes, never driver or
 * server text, which may name hosts or users), and optionally which parts fail.
 */
export class ReadinessFailure extends Error {
  readonly code = 'NOT_READY';
  constructor(
    /** snake_case code, e.g. `database_unreachable`, `stream_failing` */
    readonly reason: string,
    /** extra detail that is ours to show (e.g. stream keys), never text from a dependency */
    readonly details?: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ReadinessFailure';
  }
}
