import type { ScrapeCheckpoint, ScrapeGap, Submission } from '@sentiment-ingest/models';
import { ItemWriter, type ConnectionSource, type WriteResult } from '../ingest/item-writer';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import type { RejectedItem } from './rejected-items';

/** One atomic write of Reddit submissions, and the scrape state that covers them. */
export interface SubmissionBatch {
  readonly submissions: readonly Submission[];
  /** when these submissions were fetched; the time of their engagement observation */
  readonly observedAt: Date;
  /**
   * Moved in the same transaction as the rows (resume after a crash: no gap, no duplicate). A
   * function receives the submissions really stored (without the rows PostgreSQL refused), so a
   * checkpoint is derived only from stored items.
   */
  readonly checkpoints?: readonly ScrapeCheckpoint[] | ((stored: readonly Submission[]) => readonly ScrapeCheckpoint[]);
  readonly gaps?: readonly ScrapeGap[];
  /** items refused before the write (normalisation); quarantined in the same transaction */
  readonly rejected?: readonly RejectedItem[];
  /**
   * The submissions are stored already (an engagement refresh): send only what can change, per
   * submission when a function (see `ItemBatch.knownStored`)
   */
  readonly knownStored?: boolean | ((submission: Submission) => boolean);
  /** how rows PostgreSQL refuses are reported (default: source `reddit`, no stream) */
  readonly origin?: { readonly source: string; readonly stream: string | null };
}

/**
 * The Reddit submission write path: the ingest core ({@link ItemWriter}) over the
 * {@link REDDIT_SUBMISSIONS} declaration, with the batch shape the Reddit scraper speaks.
 */
export class SubmissionWriter {
  private readonly writers = new Map<string, ItemWriter<Submission>>();
  private readonly connections: ConnectionSource;

  constructor(options: { connections: ConnectionSource }) {
    this.connections = options.connections;
  }

  /** Writes the batch atomically; see {@link ItemWriter.write}. */
  async write(batch: SubmissionBatch): Promise<WriteResult> {
    const { submissions, origin, ...rest } = batch;
    return this.writerFor(origin?.source ?? 'reddit').write({
      ...rest,
      items: submissions,
      stream: origin?.stream ?? null,
      seenAt: batch.observedAt,
    });
  }

  private writerFor(source: string): ItemWriter<Submission> {
    let writer = this.writers.get(source);
    if (!writer) {
      writer = new ItemWriter({ connections: this.connections, table: REDDIT_SUBMISSIONS, source });
      this.writers.set(source, writer);
    }
    return writer;
  }
}
