import type { RedditComment, Submission } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { RejectReason } from '../archive/reject-reasons';

/** The stored item of each kind. Comments plug in when libs/db declares `REDDIT_COMMENTS`. */
export interface ArchiveItemOf {
  readonly submissions: Submission;
  readonly comments: RedditComment;
}

/** The outcome of normalising one parsed line of a kind. */
export type NormalizedLine<K extends ArchiveKind = ArchiveKind> =
  | { readonly ok: true; readonly item: ArchiveItemOf[K]; readonly createdUtc: Date }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail?: string };

/**
 * Port: turns a parsed dump object of a kind into the item to store, or says why not. Today:
 * submissions through libs/models `normalizeT3`; comments are refused ("comments not yet
 * supported") until `normalizeT1` lands. Must not throw on bad input.
 */
export interface LineNormalizer {
  normalizeLine<K extends ArchiveKind>(kind: K, payload: Readonly<Record<string, unknown>>, now: Date): NormalizedLine<K>;
}

/** One item ready to write, and where it came from. */
export interface ArchiveEntry<K extends ArchiveKind = ArchiveKind> {
  readonly item: ArchiveItemOf[K];
  /** when the dump's crawler read it (retrieved_on), else the file's time */
  readonly observedAt: Date;
  readonly lineNumber: number;
}

/** Where the import stands: what a batch's write covers (for an `archive_imports` progress table later). */
export interface ImportProgress {
  /** the input as given (`-` for stdin) */
  readonly file: string;
  readonly kind: ArchiveKind;
  /** the last line number the batch covers */
  readonly lineNumber: number;
  /** bytes of the file read (compressed for a .zst) */
  readonly bytesRead: number;
  readonly totalBytes: number | null;
}

/** What one batch changed. */
export interface BatchOutcome {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** rows the database refused (quarantined in rejected_items), by line */
  readonly refused: readonly { readonly lineNumber: number; readonly detail: string }[];
}

/**
 * Port: writes one batch of one kind atomically, idempotently (a re-run stores nothing twice), with
 * the progress it covers, so that progress can move in the same transaction later (`archive_imports`).
 */
export interface BatchWriter {
  writeBatch<K extends ArchiveKind>(kind: K, entries: readonly ArchiveEntry<K>[], progress: ImportProgress): Promise<BatchOutcome>;
}
