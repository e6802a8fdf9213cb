/** The resumable position of one stream of one source (e.g. source `reddit`, stream `new:a+b+c`). */
export interface ScrapeCheckpoint {
  readonly source: string;
  readonly stream: string;
  /** creation time of the newest item stored for this stream */
  readonly newestCreatedUtc: Date | null;
  /** id of the newest item stored for this stream */
  readonly newestId: string | null;
  /** source-specific resumable state; kept small (it is rewritten on every batch) */
  readonly state: Readonly<Record<string, unknown>>;
}

/** A period a stream could not see, recorded as data so it can be backfilled later. */
export interface ScrapeGap {
  readonly source: string;
  readonly stream: string;
  readonly gapStart: Date;
  readonly gapEnd: Date;
  readonly reason: string;
}
