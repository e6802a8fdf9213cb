/**
 * Errors of the runtime library, grouped by what the caller does next
 * (docs/design-notes.md, "Code conventions"). Every error has a stable `code`; the original error
 * travels as `cause`.
 */
export abstract class RuntimeError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The configuration is invalid; fix the environment (or the command line) and start again. */
export class ConfigError extends RuntimeError {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
