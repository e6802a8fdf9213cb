import type { RedditComment, Submission } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { RejectReason } from '../archive/reject-reasons';

/** The stored item of each kind. */
export interface ArchiveItemOf {
  readonly submissions: Submission;
  readonly comments: RedditComment;
}

/** The outcome of normalising one parsed line of a kind. */
export type NormalizedLine<K extends ArchiveKind = ArchiveKind> =
  | { readonly ok: true; readonly item: ArchiveItemOf[K]; readonly createdUtc: Date }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail?: string };

/**
 * Port: turns a parsed dump object of a kind into the item to store, or says why not: submissions
 * through libs/models `normalizeT3`, comments through `normalizeT1`. Must not throw on bad input.
 * `text` is the line `payload` was parsed from, and `bytes` its UTF-8 bytes: the item holds the bytes
 * (else the text) as `rawJson`, in place of the parsed payload, when the payload is stored unchanged
 * (no second serialisation).
 */
export interface LineNormalizer {
  normalizeLine<K extends ArchiveKind>(kind: K, payload: Readonly<Record<string, unknown>>, now: Date, text?: string, bytes?: Uint8Array): NormalizedLine<K>;
}

/** One item ready to write, and where it came from. */
export interface ArchiveEntry<K extends ArchiveKind = ArchiveKind> {
  readonly item: ArchiveItemOf[K];
  /** when the dump's crawler read it (retrieved_on), else the file's time */
  readonly observedAt: Date;
  readonly lineNumber: number;
}

/** How a file is known in `archive_imports`; null for an input that has no identity (stdin) or is re-imported. */
export interface ResumableFile {
  /** `<basename>:<size>:<sha256 of the first MiB>[:<selection>]` (see file-identity.ts) */
  readonly fileKey: string;
  /** what it holds, e.g. `reddit-submissions`, `reddit-comments`, `reddit-mixed` */
  readonly kind: string;
  readonly fileName: string;
  readonly fileSize: number;
}

/**
 * Where the import stands: what a batch's write covers. With a {@link ResumableFile}, the writer moves
 * the file's `archive_imports` row in the batch's transaction: positions absolute, counts this batch's.
 */
export interface ImportProgress {
  /** the input as given (`-` for stdin) */
  readonly file: string;
  readonly kind: ArchiveKind;
  /** the last line number the batch covers */
  readonly lineNumber: number;
  /** bytes of the file read (compressed for a .zst) */
  readonly bytesRead: number;
  readonly totalBytes: number | null;
  /** the file's identity for progress; null: no progress is stored */
  readonly resumable: ResumableFile | null;
  /** lines read since the previous committed step (this batch's share) */
  readonly lines: number;
  /** items matched since the previous committed step */
  readonly matched: number;
  /** lines rejected since the previous committed step (bad lines; the database's refusals are the writer's) */
  readonly rejected: number;
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
 * the progress it covers in the same transaction (`archive_imports`, when the file is resumable). An
 * empty batch moves the progress only.
 */
export interface BatchWriter {
  writeBatch<K extends ArchiveKind>(kind: K, entries: readonly ArchiveEntry<K>[], progress: ImportProgress): Promise<BatchOutcome>;
}
