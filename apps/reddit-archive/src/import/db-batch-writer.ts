import { ItemWriter, REDDIT_COMMENTS, REDDIT_SUBMISSIONS, archiveProgress, type ConnectionSource, type WriteResult } from '@sentiment-ingest/db';
import type { RedditComment, Submission } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { ArchiveEntry, ArchiveItemOf, BatchOutcome, BatchWriter, ImportProgress } from './ports';

/** The source name of rows the archive stores: the same source as the live scraper, one set of rows. */
export const ARCHIVE_SOURCE = 'reddit';
/** The stream under which rows the database refuses are quarantined. */
export const ARCHIVE_STREAM = 'archive';

/**
 * Writes batches through libs/db's ItemWriter: submissions with `REDDIT_SUBMISSIONS`, comments with
 * `REDDIT_COMMENTS` (COPY, one idempotent upsert, observations at each line's `observedAt`, so an
 * archive line never overwrites what was observed more recently). A resumable file's progress moves
 * in the batch's transaction (`archiveProgress`): the rows and the position commit together.
 *
 * A new row is first seen when the import stores it (`firstSeenAt`, from `now`), not at the dump's
 * retrieval time: a text_items reader whose cursor is past that time still gets imported history.
 */
export class DbBatchWriter implements BatchWriter {
  private readonly writers: { readonly [K in ArchiveKind]: ItemWriter<ArchiveItemOf[K]> };

  constructor(
    connections: ConnectionSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writers = {
      submissions: new ItemWriter<Submission>({ connections, table: REDDIT_SUBMISSIONS, source: ARCHIVE_SOURCE }),
      comments: new ItemWriter<RedditComment>({ connections, table: REDDIT_COMMENTS, source: ARCHIVE_SOURCE }),
    };
  }

  async writeBatch<K extends ArchiveKind>(kind: K, entries: readonly ArchiveEntry<K>[], progress: ImportProgress): Promise<BatchOutcome> {
    const file = progress.resumable;
    if (entries.length === 0 && !file) return { inserted: 0, updated: 0, unchanged: 0, refused: [] };
    const writer = this.writers[kind] as ItemWriter<ArchiveItemOf[K]>;
    const observedAt = new Map<ArchiveItemOf[K], Date>();
    const lineOfId = new Map<string, number>();
    for (const entry of entries) {
      observedAt.set(entry.item, entry.observedAt);
      lineOfId.set(entry.item.id, entry.lineNumber);
    }
    const result: WriteResult = await writer.write({
      items: entries.map((e) => e.item),
      observedAt: (item) => observedAt.get(item) as Date,
      firstSeenAt: this.now(),
      // a line read before what is stored still adds its score to the engagement history
      keepOlderObservations: true,
      stream: ARCHIVE_STREAM,
      inTransaction: file
        ? archiveProgress({
            fileKey: file.fileKey,
            kind: file.kind,
            fileName: file.fileName,
            fileSize: file.fileSize,
            lastLine: progress.lineNumber,
            bytesRead: progress.bytesRead,
            lines: progress.lines,
            matched: progress.matched,
            rejectedLines: progress.rejected,
          })
        : undefined,
    });
    return {
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      refused: result.rejected.map((r) => ({
        lineNumber: (r.itemId !== null ? lineOfId.get(r.itemId) : undefined) ?? 0,
        detail: `${r.sqlState ?? ''} ${r.reason}`.trim(),
      })),
    };
  }
}
