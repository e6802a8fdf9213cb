/** Errors of the fake, grouped by what the caller does next (docs/design-notes.md, "Code conventions"). */
export abstract class FakeRedditError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The options given to `FakeReddit` (or to a method) are invalid: fix the call. */
export class FakeRedditConfigError extends FakeRedditError {
  readonly code = 'FAKE_REDDIT_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid fake Reddit options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The command line of the fake's process is invalid: fix it and run again. */
export class FakeRedditUsageError extends FakeRedditError {
  readonly code = 'FAKE_REDDIT_USAGE';
  constructor(
    readonly problems: readonly string[],
    usage: string,
  ) {
    super(`Invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${usage}`);
  }
}
