import type { ClientBase } from 'pg';
import type { BatchOutcome, ConnectionSource, ItemBatch } from '../ingest/item-writer';
import { toDate, type TimestampValue } from './timestamptz';

/**
 * The progress of archive imports (`archive_imports`, Migration20261130100500_raw_comments): one row
 * per file, keyed by an identity the importer chooses (e.g. `<name>:<size>:<sha256 of the first MiB>`),
 * so a renamed or re-downloaded file that differs is a new import. The progress moves in the same
 * transaction as the rows it covers ({@link archiveProgress} as an `ItemBatch.inTransaction`), so a
 * resumed import starts after `lastLine`: no gap, and no row written twice.
 */

/** An archive file being (or having been) imported. */
export interface ArchiveImport {
  readonly fileKey: string;
  /** what the file holds, e.g. `reddit-comments`, `reddit-submissions` */
  readonly kind: string;
  readonly fileName: string | null;
  readonly fileSize: number | null;
  /** the last line (1-based) whose item is committed: resume after it; 0 before the first batch */
  readonly lastLine: number;
  /** decompressed or compressed bytes read up to `lastLine`, as the importer counts them */
  readonly bytesRead: number;
  /** lines read, items matched (kept by the importer's filter), stored new, stored changed, quarantined */
  readonly lines: number;
  readonly matched: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  /** set when the importer read the whole file; null while in progress */
  readonly finishedAt: Date | null;
}

/** A file as the importer identifies it when it starts. */
export interface ArchiveFile {
  readonly fileKey: string;
  readonly kind: string;
  readonly fileName?: string | null;
  readonly fileSize?: number | null;
}

/**
 * One batch's step of a file's import. `lastLine` and `bytesRead` are positions (absolute); `lines`
 * and `matched` count this batch's lines only. The batch's inserted, updated and quarantined counts
 * come from the write itself.
 */
export interface ArchiveProgressStep extends ArchiveFile {
  readonly lastLine: number;
  readonly bytesRead: number;
  readonly lines: number;
  readonly matched: number;
  /** lines rejected before the write since the previous step (not JSON, no id, …); added to `rejected` with the rows the database refused */
  readonly rejectedLines?: number;
  /** the file's last batch: sets `finished_at` */
  readonly finished?: boolean;
}

const COLUMNS = `"file_key", "kind", "file_name", "file_size", "last_line", "bytes_read", "lines", "matched", "inserted", "updated",
       "rejected", "started_at", "updated_at", "finished_at"`;

/** A file's progress, or no row before its first import. */
export const READ_ARCHIVE_IMPORT_SQL = `select ${COLUMNS} from archive_imports where "file_key" = $1`;

/** Registers a file (its progress kept if it was registered before) and returns its row. */
export const START_ARCHIVE_IMPORT_SQL = `with added as (
  insert into archive_imports ("file_key", "kind", "file_name", "file_size")
  values ($1, $2, $3, $4)
  on conflict ("file_key") do nothing
  returning ${COLUMNS}
)
select * from added
union all
select ${COLUMNS} from archive_imports where "file_key" = $1 and not exists (select 1 from added)`;

/**
 * Moves a file's progress by one batch: positions set, counts added. A step behind the stored
 * position (a batch replayed after a commit whose answer was lost) changes nothing, so nothing is
 * counted twice.
 */
export const ADVANCE_ARCHIVE_IMPORT_SQL = `insert into archive_imports as a
  ("file_key", "kind", "file_name", "file_size", "last_line", "bytes_read", "lines", "matched", "inserted", "updated", "rejected",
   "started_at", "updated_at", "finished_at")
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now(), case when $12::boolean then now() end)
on conflict ("file_key") do update set
  "last_line" = excluded."last_line",
  "bytes_read" = excluded."bytes_read",
  "lines" = a."lines" + excluded."lines",
  "matched" = a."matched" + excluded."matched",
  "inserted" = a."inserted" + excluded."inserted",
  "updated" = a."updated" + excluded."updated",
  "rejected" = a."rejected" + excluded."rejected",
  "file_name" = coalesce(excluded."file_name", a."file_name"),
  "file_size" = coalesce(excluded."file_size", a."file_size"),
  "updated_at" = now(),
  "finished_at" = coalesce(excluded."finished_at", a."finished_at")
where excluded."last_line" >= a."last_line"`;

/** Marks a file read to its end. */
export const FINISH_ARCHIVE_IMPORT_SQL = `update archive_imports set "finished_at" = $2, "updated_at" = now() where "file_key" = $1`;

/** The parameters of {@link ADVANCE_ARCHIVE_IMPORT_SQL} for a step and the batch's outcome. */
export function advanceParams(step: ArchiveProgressStep, outcome: Pick<BatchOutcome<unknown>, 'inserted' | 'updated' | 'rejected'>): unknown[] {
  const rejectedLines = step.rejectedLines ?? 0;
  for (const [name, value] of Object.entries({ lastLine: step.lastLine, bytesRead: step.bytesRead, lines: step.lines, matched: step.matched, rejectedLines })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`archive progress ${name} must be a non-negative integer, got ${value}`);
  }
  return [
    step.fileKey,
    step.kind,
    step.fileName ?? null,
    step.fileSize ?? null,
    step.lastLine,
    step.bytesRead,
    step.lines,
    step.matched,
    outcome.inserted,
    outcome.updated,
    outcome.rejected + rejectedLines,
    step.finished ?? false,
  ];
}

/**
 * The statements that move a file's progress inside a batch's transaction: pass it as
 * `ItemBatch.inTransaction`. A batch that fails leaves the progress where it was.
 */
export function archiveProgress<Item>(step: ArchiveProgressStep): NonNullable<ItemBatch<Item>['inTransaction']> {
  return async (client: ClientBase, outcome: BatchOutcome<Item>) => {
    await client.query(ADVANCE_ARCHIVE_IMPORT_SQL, advanceParams(step, outcome));
  };
}

export interface ArchiveImportRow {
  file_key: string;
  kind: string;
  file_name: string | null;
  file_size: string | null;
  last_line: string;
  bytes_read: string;
  lines: string;
  matched: string;
  inserted: string;
  updated: string;
  rejected: string;
  started_at: TimestampValue;
  updated_at: TimestampValue;
  finished_at: TimestampValue | null;
}

/** A row as read (bigint arrives as text, counts stay far below 2^53; through the ORM's pool a timestamptz is text too). */
export function toArchiveImport(row: ArchiveImportRow): ArchiveImport {
  return {
    fileKey: row.file_key,
    kind: row.kind,
    fileName: row.file_name,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    lastLine: Number(row.last_line),
    bytesRead: Number(row.bytes_read),
    lines: Number(row.lines),
    matched: Number(row.matched),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    rejected: Number(row.rejected),
    startedAt: toDate(row.started_at),
    updatedAt: toDate(row.updated_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
  };
}

/**
 * Reads and registers archive imports outside a batch; each call borrows one connection from the
 * source. The progress itself moves only with the batches ({@link archiveProgress}).
 */
export class ArchiveImportRepository {
  private readonly connections: ConnectionSource;

  constructor(options: { connections: ConnectionSource }) {
    this.connections = options.connections;
  }

  /** A file's progress, or null if it was never imported. */
  async progressOf(fileKey: string): Promise<ArchiveImport | null> {
    const { rows } = await this.run((client) => client.query<ArchiveImportRow>(READ_ARCHIVE_IMPORT_SQL, [fileKey]));
    return rows[0] ? toArchiveImport(rows[0]) : null;
  }

  /** Registers a file before its first batch (a no-op if known) and returns its progress: resume after `lastLine`. */
  async start(file: ArchiveFile): Promise<ArchiveImport> {
    const { rows } = await this.run((client) =>
      client.query<ArchiveImportRow>(START_ARCHIVE_IMPORT_SQL, [file.fileKey, file.kind, file.fileName ?? null, file.fileSize ?? null]),
    );
    if (!rows[0]) throw new Error(`archive import ${file.fileKey} was neither added nor found`);
    return toArchiveImport(rows[0]);
  }

  /** Marks a file read to its end (when its last batch did not say `finished`). */
  async finish(fileKey: string, at: Date = new Date()): Promise<void> {
    await this.run((client) => client.query(FINISH_ARCHIVE_IMPORT_SQL, [fileKey, at]));
  }

  private async run<T>(work: (client: ClientBase) => Promise<T>): Promise<T> {
    const client = await this.connections.acquire();
    let failure: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      this.connections.release(client, failure);
    }
  }
}
