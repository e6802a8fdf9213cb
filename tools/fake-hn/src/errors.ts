/** Errors of the fake, grouped by what the caller does next (docs/design-notes.md, "Code conventions"). */
export abstract class FakeHackerNewsError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The options given to `FakeHackerNews` (or to a method) are invalid: fix the call. */
export class FakeHackerNewsConfigError extends FakeHackerNewsError {
  readonly code = 'FAKE_HN_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid fake Hacker News options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The command line (or environment) of the fake's process is invalid: fix it and run again. */
export class FakeHackerNewsUsageError extends FakeHackerNewsError {
  readonly code = 'FAKE_HN_USAGE';
  constructor(
    readonly problems: readonly string[],
    usage: string,
  ) {
    super(`Invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${usage}`);
  }
}
