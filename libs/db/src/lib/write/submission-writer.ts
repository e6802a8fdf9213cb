import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ScrapeCheckpoint, ScrapeGap, Submission } from '@sentiment-ingest/models';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { WriteFailedError } from '../errors';
import { encodeCopyRow } from './copy-text';
import { isRetryableDatabaseError, sqlStateOf } from './sqlstate';
import { dedupeSubmissions, toStagingRow } from './submission-rows';
import {
  COPY_STAGING_SQL,
  CREATE_STAGING_SQL,
  INSERT_GAP_SQL,
  UPSERT_CHECKPOINT_SQL,
  UPSERT_STAGED_SQL,
} from './submission-sql';

/** Lends a connection for one transaction and takes it back (a pg.Pool, or the ORM's pool). */
export interface ConnectionSource {
  acquire(): Promise<ClientBase>;
  /** `error` set: the connection may be broken and should be discarded */
  release(client: ClientBase, error?: Error): void;
}

/** One atomic write: rows, and the scrape state that covers them. */
export interface SubmissionBatch {
  readonly submissions: readonly Submission[];
  /** when these submissions were fetched; the time of their engagement observation */
  readonly observedAt: Date;
  /** moved in the same transaction as the rows (resume after a crash: no gap, no duplicate) */
  readonly checkpoints?: readonly ScrapeCheckpoint[];
  readonly gaps?: readonly ScrapeGap[];
}

/** What a batch changed. Unchanged re-ingested rows count nowhere: they were not rewritten. */
export interface WriteResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly observations: number;
}

/**
 * The bulk write path of every scraper: COPY into a staging table, then one idempotent upsert keyed
 * on `(id, created_utc)`, plus checkpoints and gaps, all in one transaction.
 * The ORM is bypassed on purpose: it inlines values client-side and is ~12x slower (DESIGN.md §3).
 */
export class SubmissionWriter {
  private readonly connections: ConnectionSource;

  constructor(options: { connections: ConnectionSource }) {
    this.connections = options.connections;
  }

  /** Writes the batch atomically; on failure nothing is stored and a {@link WriteFailedError} says whether to retry. */
  async write(batch: SubmissionBatch): Promise<WriteResult> {
    const submissions = dedupeSubmissions(batch.submissions);
    const client = await this.acquire();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const counts = submissions.length > 0 ? await this.upsert(client, submissions, batch.observedAt) : null;
      for (const checkpoint of batch.checkpoints ?? []) await upsertCheckpoint(client, checkpoint);
      for (const gap of batch.gaps ?? []) await insertGap(client, gap);
      await client.query('commit');
      const inserted = counts?.inserted ?? 0;
      const updated = counts?.updated ?? 0;
      return { inserted, updated, unchanged: submissions.length - inserted - updated, observations: counts?.observations ?? 0 };
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('rollback').catch(() => undefined);
      throw toWriteError(error, submissions.length);
    } finally {
      this.connections.release(client, broken && isRetryableDatabaseError(broken) ? broken : undefined);
    }
  }

  private async acquire(): Promise<ClientBase> {
    try {
      return await this.connections.acquire();
    } catch (error) {
      throw toWriteError(error, 0);
    }
  }

  private async upsert(
    client: ClientBase,
    submissions: readonly Submission[],
    observedAt: Date,
  ): Promise<{ inserted: number; updated: number; observations: number }> {
    await client.query(CREATE_STAGING_SQL);
    // Rows are encoded as COPY pulls them, so node's encoding overlaps the server's parsing.
    await pipeline(Readable.from(encodeInChunks(submissions, observedAt)), client.query(copyFrom(COPY_STAGING_SQL)));
    const { rows: result } = await client.query<{ inserted: number; updated: number; observations: number }>(UPSERT_STAGED_SQL);
    return result[0] ?? { inserted: 0, updated: 0, observations: 0 };
  }
}

/** Rows per chunk handed to the COPY stream: large enough to avoid tiny socket writes. */
const ROWS_PER_CHUNK = 200;

function* encodeInChunks(submissions: readonly Submission[], observedAt: Date): Generator<string> {
  for (let i = 0; i < submissions.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const s of submissions.slice(i, i + ROWS_PER_CHUNK)) chunk += encodeCopyRow(toStagingRow(s, observedAt));
    yield chunk;
  }
}

async function upsertCheckpoint(client: ClientBase, checkpoint: ScrapeCheckpoint): Promise<void> {
  await client.query(UPSERT_CHECKPOINT_SQL, [
    checkpoint.source,
    checkpoint.stream,
    checkpoint.newestCreatedUtc,
    checkpoint.newestId,
    JSON.stringify(checkpoint.state),
  ]);
}

async function insertGap(client: ClientBase, gap: ScrapeGap): Promise<void> {
  await client.query(INSERT_GAP_SQL, [gap.source, gap.stream, gap.gapStart, gap.gapEnd, gap.reason]);
}

function toWriteError(error: unknown, rows: number): WriteFailedError {
  if (error instanceof WriteFailedError) return error;
  const sqlState = sqlStateOf(error);
  const retryable = isRetryableDatabaseError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new WriteFailedError(
    `Writing a batch of ${rows} submission(s) failed${sqlState ? ` (SQLSTATE ${sqlState})` : ''}: ${detail}. ` +
      `Nothing of the batch was stored; ${retryable ? 'retrying later may succeed' : 'retrying will not help'}.`,
    { cause: error, retryable, sqlState },
  );
}
