import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SubmissionWriter, WriteCounts } from '@sentiment-ingest/db';
import type { Submission } from '@sentiment-ingest/models';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_RAW_SUBMISSIONS_SQL, toRawSubmissionCopyLine } from './bench-data';

/** A timed run: wall-clock milliseconds, and what the run did. */
export interface TimedRun<T> {
  readonly ms: number;
  readonly result: T;
}

/**
 * The baseline: one plain `COPY raw_submissions FROM STDIN` of every row, straight into the
 * hypertable. Rows are encoded as the stream pulls them, so encoding is inside the timing (as it is
 * for the writer) without holding every line in memory: an array of 100k encoded lines (~140 MB)
 * made the garbage collector, not the database, the largest cost of the baseline. Returns the COPY
 * text bytes.
 */
export async function timeCopy(pool: Pool, submissions: readonly Submission[], observedAt: Date): Promise<TimedRun<{ bytes: number }>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  let bytes = 0;
  function* lines(): Generator<string> {
    for (const submission of submissions) {
      const line = toRawSubmissionCopyLine(submission, observedAt);
      bytes += Buffer.byteLength(line);
      yield line;
    }
  }
  try {
    const start = performance.now();
    await pipeline(Readable.from(lines()), client.query(copyFrom(COPY_RAW_SUBMISSIONS_SQL)));
    return { ms: performance.now() - start, result: { bytes } };
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Writes every submission through `SubmissionWriter.write`, `batchSize` at a time, with up to
 * `inFlight` batches written at once (1: one after another), as an importer that pipelines its
 * writes does: node encodes one batch while the server stores another.
 */
export async function timeWriter(
  writer: SubmissionWriter,
  submissions: readonly Submission[],
  options: { batchSize: number; observedAt: Date; signal: AbortSignal; knownStored?: boolean; inFlight?: number },
): Promise<TimedRun<WriteCounts>> {
  const totals = { inserted: 0, updated: 0, unchanged: 0, observations: 0 };
  const inFlight = Math.max(1, options.inFlight ?? 1);
  const writing = new Set<Promise<void>>();
  const writeBatch = async (offset: number): Promise<void> => {
    const result = await writer.write({
      submissions: submissions.slice(offset, offset + options.batchSize),
      observedAt: options.observedAt,
      knownStored: options.knownStored,
    });
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.unchanged += result.unchanged;
    totals.observations += result.observations;
    if (result.rejected.length > 0) throw new Error(`the benchmark data had ${result.rejected.length} row(s) refused: ${result.rejected[0]?.reason}`);
  };
  const start = performance.now();
  try {
    for (let offset = 0; offset < submissions.length; offset += options.batchSize) {
      options.signal.throwIfAborted();
      const write = writeBatch(offset).finally(() => writing.delete(write));
      writing.add(write);
      if (writing.size >= inFlight) await Promise.race(writing);
    }
    await Promise.all(writing);
  } finally {
    // a failed batch ends the run: let the others finish before the caller drops the database
    await Promise.allSettled(writing);
  }
  return { ms: performance.now() - start, result: totals };
}
