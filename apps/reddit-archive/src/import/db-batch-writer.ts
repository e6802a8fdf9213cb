import { ItemWriter, REDDIT_SUBMISSIONS, type ConnectionSource, type WriteResult } from '@sentiment-ingest/db';
import type { Submission } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { ArchiveEntry, BatchOutcome, BatchWriter, ImportProgress } from './ports';

/** The source name of rows the archive stores: the same source as the live scraper, one set of rows. */
export const ARCHIVE_SOURCE = 'reddit';
/** The stream under which rows the database refuses are quarantined. */
export const ARCHIVE_STREAM = 'archive';

/**
 * Writes batches through libs/db's ItemWriter: submissions with `REDDIT_SUBMISSIONS` (COPY, one
 * idempotent upsert, observations at each line's `observedAt`). Comments plug in with
 * `REDDIT_COMMENTS`; `progress` goes into the same transaction once `archive_imports` exists.
 */
export class DbBatchWriter implements BatchWriter {
  private readonly submissions: ItemWriter<Submission>;

  constructor(connections: ConnectionSource) {
    this.submissions = new ItemWriter<Submission>({ connections, table: REDDIT_SUBMISSIONS, source: ARCHIVE_SOURCE });
  }

  async writeBatch<K extends ArchiveKind>(kind: K, entries: readonly ArchiveEntry<K>[], _progress: ImportProgress): Promise<BatchOutcome> {
    if (kind !== 'submissions') throw new Error(`writing ${kind} is not supported yet`);
    const submissionEntries = entries as readonly ArchiveEntry<'submissions'>[];
    const observedAt = new Map<Submission, Date>();
    const lineOfId = new Map<string, number>();
    for (const entry of submissionEntries) {
      observedAt.set(entry.item, entry.observedAt);
      lineOfId.set(entry.item.id, entry.lineNumber);
    }
    const result: WriteResult = await this.submissions.write({
      items: submissionEntries.map((e) => e.item),
      observedAt: (item) => observedAt.get(item) as Date,
      stream: ARCHIVE_STREAM,
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
