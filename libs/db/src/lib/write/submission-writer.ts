import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ScrapeCheckpoint, ScrapeGap, Submission } from '@sentiment-ingest/models';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { WriteFailedError } from '../errors';
import { encodeCopyRow } from './copy-text';
import { toRejectedRows, type RejectedItem } from './rejected-items';
import { isRetryableDatabaseError, isRowDataError, sqlStateOf } from './sqlstate';
import { dedupeSubmissions, toStagingRow } from './submission-rows';
import {
  COPY_STAGING_SQL,
  CREATE_STAGING_SQL,
  INSERT_GAP_SQL,
  REGISTER_KEYS_SQL,
  TRUNCATE_STAGING_SQL,
  UPSERT_CHECKPOINT_SQL,
  UPSERT_REJECTED_SQL,
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
  /**
   * Moved in the same transaction as the rows (resume after a crash: no gap, no duplicate). A
   * function receives the submissions really stored (without the rows PostgreSQL refused), so a
   * checkpoint is derived only from stored items.
   */
  readonly checkpoints?: readonly ScrapeCheckpoint[] | ((stored: readonly Submission[]) => readonly ScrapeCheckpoint[]);
  readonly gaps?: readonly ScrapeGap[];
  /** items refused before the write (normalisation); quarantined in the same transaction */
  readonly rejected?: readonly RejectedItem[];
  /** how rows PostgreSQL refuses are reported (default: source `reddit`, no stream) */
  readonly origin?: { readonly source: string; readonly stream: string | null };
}

/** What a batch changed. Unchanged re-ingested rows count nowhere: they were not rewritten. */
export interface WriteCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly observations: number;
}

/** What a batch changed, and which of its rows were set aside. */
export interface WriteResult extends WriteCounts {
  /** rows PostgreSQL refused (quarantined in `rejected_items`); the rest of the batch was stored */
  readonly rejected: readonly RejectedItem[];
}

interface Counts {
  inserted: number;
  updated: number;
  observations: number;
}

/** A row set aside: the submission and why it cannot be stored. */
interface RefusedRow {
  readonly submission: Submission;
  readonly error: unknown;
}

/** The first try of a batch met a row PostgreSQL refuses: the batch is retried, isolating such rows. */
class RowDataFailure extends Error {}

/**
 * The bulk write path of every scraper: COPY into a staging table, then one idempotent upsert keyed
 * on the submission id, plus checkpoints, gaps and quarantined items, all in one transaction.
 *
 * A row PostgreSQL refuses (bad data: SQLSTATE class 22/23, or 54000) never blocks the others: the
 * transaction is rolled back and the batch written again in parts under savepoints, halving each part
 * that fails, until the refused rows stand alone; they go to `rejected_items`, the rest is stored.
 * The ORM is bypassed on purpose: it inlines values client-side and is ~12x slower (README "The write path").
 */
export class SubmissionWriter {
  private readonly connections: ConnectionSource;

  constructor(options: { connections: ConnectionSource }) {
    this.connections = options.connections;
  }

  /**
   * Writes the batch atomically, setting aside rows PostgreSQL refuses; on any other failure nothing
   * is stored and a {@link WriteFailedError} says whether to retry.
   */
  async write(batch: SubmissionBatch): Promise<WriteResult> {
    const submissions = dedupeSubmissions(batch.submissions);
    try {
      return await this.transaction(batch, submissions, false);
    } catch (error) {
      if (!(error instanceof RowDataFailure)) throw error;
      return this.transaction(batch, submissions, true);
    }
  }

  private async transaction(batch: SubmissionBatch, submissions: readonly Submission[], isolate: boolean): Promise<WriteResult> {
    const client = await this.acquire();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const refused: RefusedRow[] = [];
      let counts: Counts = { inserted: 0, updated: 0, observations: 0 };
      if (submissions.length > 0) {
        await client.query(CREATE_STAGING_SQL);
        counts = isolate
          ? await storeIsolating(client, submissions, batch.observedAt, refused)
          : await storeAll(client, submissions, batch.observedAt, refused);
      }
      const refusedSet = new Set(refused.map((r) => r.submission));
      const stored = refusedSet.size === 0 ? submissions : submissions.filter((s) => !refusedSet.has(s));
      const checkpoints = typeof batch.checkpoints === 'function' ? batch.checkpoints(stored) : (batch.checkpoints ?? []);
      for (const checkpoint of checkpoints) await upsertCheckpoint(client, checkpoint);
      for (const gap of batch.gaps ?? []) await insertGap(client, gap);
      const rejected = refused.map((r) => toRejectedItem(r, batch.origin));
      await quarantine(client, [...(batch.rejected ?? []), ...rejected], batch.observedAt);
      await client.query('commit');
      return {
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: stored.length - counts.inserted - counts.updated,
        observations: counts.observations,
        rejected,
      };
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('rollback').catch(() => undefined);
      if (error instanceof RowDataFailure) throw error;
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
}

/** The fast path: the whole batch in one COPY and one upsert. A refused row sends the batch to isolation. */
async function storeAll(client: ClientBase, rows: readonly Submission[], observedAt: Date, refused: RefusedRow[]): Promise<Counts> {
  try {
    return await copyAndUpsert(client, rows, observedAt, refused);
  } catch (error) {
    if (isRowDataError(error)) throw new RowDataFailure('a row was refused', { cause: error });
    throw error;
  }
}

/**
 * Stores what can be stored: each part is tried under a savepoint; a part refused for its data is
 * rolled back and split in halves, down to single rows, which are set aside with their error.
 * k bad rows among n cost about 2·k·log2(n) extra statements.
 */
async function storeIsolating(client: ClientBase, rows: readonly Submission[], observedAt: Date, refused: RefusedRow[]): Promise<Counts> {
  const total: Counts = { inserted: 0, updated: 0, observations: 0 };
  const tryPart = async (part: readonly Submission[]): Promise<void> => {
    await client.query('savepoint isolate_rows');
    try {
      const counts = await copyAndUpsert(client, part, observedAt, refused);
      await client.query(TRUNCATE_STAGING_SQL);
      await client.query('release savepoint isolate_rows');
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.observations += counts.observations;
    } catch (error) {
      await client.query('rollback to savepoint isolate_rows');
      await client.query('release savepoint isolate_rows');
      if (!isRowDataError(error)) throw error;
      if (part.length === 1) {
        refused.push({ submission: part[0] as Submission, error });
        return;
      }
      const half = Math.ceil(part.length / 2);
      await tryPart(part.slice(0, half));
      await tryPart(part.slice(half));
    }
  };
  await tryPart(rows);
  return total;
}

async function copyAndUpsert(client: ClientBase, rows: readonly Submission[], observedAt: Date, refused: RefusedRow[]): Promise<Counts> {
  // Rows are encoded as COPY pulls them, so node's encoding overlaps the server's parsing.
  await pipeline(Readable.from(encodeInChunks(rows, observedAt, refused)), client.query(copyFrom(COPY_STAGING_SQL)));
  await client.query(REGISTER_KEYS_SQL);
  const { rows: result } = await client.query<Counts>(UPSERT_STAGED_SQL);
  return result[0] ?? { inserted: 0, updated: 0, observations: 0 };
}

/** Bytes of encoded rows per chunk handed to COPY: large enough to avoid tiny socket writes, small enough to bound memory. */
const CHUNK_BYTES = 256 * 1024;

/** Encodes rows into COPY chunks; a row with a value that cannot be encoded is set aside (once). */
function* encodeInChunks(rows: readonly Submission[], observedAt: Date, refused: RefusedRow[]): Generator<string> {
  let chunk = '';
  for (const submission of rows) {
    let line: string;
    try {
      line = encodeCopyRow(toStagingRow(submission, observedAt));
    } catch (error) {
      if (!refused.some((r) => r.submission === submission)) refused.push({ submission, error });
      continue;
    }
    chunk += line;
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
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

async function quarantine(client: ClientBase, items: readonly RejectedItem[], seenAt: Date): Promise<void> {
  if (items.length === 0) return;
  const rows = toRejectedRows(items);
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await client.query(UPSERT_REJECTED_SQL, [
    column('source'),
    column('stream'),
    column('itemKind'),
    column('itemKey'),
    column('itemId'),
    column('stage'),
    column('reason'),
    column('sqlState'),
    column('payload'),
    seenAt,
  ]);
}

function toRejectedItem(row: RefusedRow, origin: SubmissionBatch['origin']): RejectedItem {
  const sqlState = sqlStateOf(row.error);
  const detail = row.error instanceof Error ? row.error.message : String(row.error);
  return {
    source: origin?.source ?? 'reddit',
    stream: origin?.stream ?? null,
    itemKind: 'submission',
    itemId: row.submission.id,
    stage: 'write',
    reason: sqlState ? `PostgreSQL refused the row (SQLSTATE ${sqlState}): ${detail}` : `the row cannot be stored: ${detail}`,
    sqlState,
    payload: row.submission.raw,
  };
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
