import { setImmediate } from 'node:timers/promises';
import type { ArchiveKind } from '../cli/args';
import type { ImportCounters } from '../archive/counters';
import { kindFromPayload } from '../archive/kind';
import { isBlankLine, splitLineBatches, type Line } from '../archive/line-splitter';
import type { RejectReason } from '../archive/reject-reasons';
import type { RejectSink } from '../archive/reject-file';
import { prefilterSubreddit, subredditMatches } from '../archive/subreddit-prefilter';
import type { CoverageTracker } from '../archive/gap-coverage';
import { inTimeWindow, type TimeWindow } from '../archive/time-window';
import { snapshotOf, type ProgressSink } from '../progress/progress';
import { retrievedAtOf } from '@sentiment-ingest/models';
import { hasId, hasTime } from './observed-at';
import type { ArchiveEntry, BatchWriter, ImportProgress, LineNormalizer, ResumableFile } from './ports';

/** One input as the import loop needs it (an opened file, or a test's array of chunks). */
export interface ImportInput {
  /** as given on the command line */
  readonly name: string;
  readonly chunks: AsyncIterable<Buffer | string>;
  /** from --kind or the file name; null: each line's content says */
  readonly kind: ArchiveKind | null;
  readonly totalBytes: number | null;
  bytesRead(): number;
  /** `observedAt` of lines without retrieved_on */
  readonly fileTime: Date;
  /** the file's identity for `archive_imports`; null: no progress stored (stdin, --reimport) */
  readonly resumable?: ResumableFile | null;
  /** lines at or below this were committed by an earlier run: read, not parsed (0: none) */
  readonly resumeAfter?: number;
  /**
   * Resolves when the source ended cleanly, rejects when its decoder failed. Asked before a last line
   * without a newline is handled: a line cut short by a dying decoder must not be rejected and
   * committed (a resumed run would pass over it), while a plain file's cut last line is a real one.
   */
  readonly ended?: () => Promise<void>;
}

/** The import was asked to stop (SIGINT/SIGTERM): what was read before is committed. */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';
  constructor(
    readonly file: string,
    /** the last line whose batch was committed (resumable files continue after it) */
    readonly committedLine: number,
    readonly signal: string,
  ) {
    super(`${signal}: stopped reading ${file} after line ${committedLine}; the lines up to it are stored`);
  }
}

/** What the loop uses; all of it replaceable in tests. */
export interface ImportContext {
  readonly subreddits: ReadonlySet<string>;
  readonly window: TimeWindow;
  readonly batchSize: number;
  readonly normalizer: LineNormalizer;
  readonly writer: BatchWriter;
  readonly rejects: RejectSink;
  readonly counters: ImportCounters;
  readonly progress: ProgressSink;
  /** wall clock, ms (elapsed time for progress) */
  readonly clock: () => number;
  /** the time normalisation judges "in the future" against */
  readonly now: () => Date;
  /** when the run started, per `clock` */
  readonly startedAt: number;
  /** lines between two progress updates (the sink throttles further) */
  readonly progressEveryLines?: number;
  /**
   * A resumable file's progress is committed at least every this many lines, even when few of them
   * match (a long stretch of other subreddits is not read again after a kill). Default 100,000.
   */
  readonly commitEveryLines?: number;
  /**
   * Stops the import (SIGINT/SIGTERM): no further line is handled, the lines already handled are
   * written, and importInput throws {@link ImportInterruptedError}. Its reason is the signal's name.
   */
  readonly signal?: AbortSignal;
  /**
   * Notes the creation time of every selected line this run normalises (before --since/--until,
   * which the coverage is intersected with later): what the file covers, for resolving scrape gaps.
   */
  readonly coverage?: CoverageTracker;
}

/**
 * Parsed lines between two turns of the event loop while a batch is being written. Parsing is
 * synchronous, and a stream with buffered data hands over its next chunk without a turn, so without
 * these turns the database's answers (BEGIN, the probe, COPY's completion) each waited until the lines
 * of the chunks at hand were parsed (a 1 MiB chunk holds ~800 posts), and the server sat idle between
 * the statements of a batch. 32 posts are about a millisecond of work; a turn costs microseconds.
 */
export const PARSED_LINES_PER_TURN = 32;

/**
 * A line's bytes for its item to hold as `rawJson` until the batch is written: off the JS heap, they
 * cost the garbage collector less than the text (holding the text, about half of the runs from a
 * plain file peaked at 480-690 MB of RSS). A copy: the stream may reuse its chunk. None when decoding
 * replaced invalid UTF-8 (U+FFFD): PostgreSQL would refuse those bytes, and the text is stored instead.
 */
export function bytesToHold(line: Line): Buffer | undefined {
  return line.text.includes('\uFFFD') ? undefined : Buffer.from(line.raw);
}

type Pending = { [K in ArchiveKind]: ArchiveEntry<K>[] };

/**
 * Imports one input: split into lines → already committed by an earlier run (resume)? → blank? →
 * subreddit prefilter on the raw text (most lines end here, unparsed) → JSON.parse → object? → kind →
 * subreddit (parsed) → id and time present → normalise → --since/--until → batch. Bad lines are
 * counted by reason and written to the reject sink; the import goes on. Each batch is written
 * atomically and idempotently, with the file's progress (resumable inputs) in the same transaction:
 * a batch covers every line up to its last, so the pending items of both kinds are written together
 * and only the last write moves the position. One batch is written while the next is parsed. Returns
 * when the input is read to its end and every batch written (also when it fails: the write in flight
 * ends first); marking the file finished is the caller's (after the decoder said it ended cleanly).
 */
export async function importInput(input: ImportInput, ctx: ImportContext): Promise<void> {
  const { counters } = ctx;
  let pending: Pending = { submissions: [], comments: [] };
  const progressEvery = ctx.progressEveryLines ?? 1000;
  const commitEvery = ctx.commitEveryLines ?? 100_000;
  const resumable = input.resumable ?? null;
  const resumeAfter = resumable ? (input.resumeAfter ?? 0) : 0;
  let lastLine = 0;
  /** the position the database has (or the resume point) */
  let committedLine = resumeAfter;
  /** the last line handed to the writer (committed, or in flight) */
  let stepStartLine = resumeAfter;
  /** lines and matches since `stepStartLine`: the next step's counts */
  let stepLines = 0;
  let stepMatched = 0;
  let stepRejected = 0;

  const reject = async (line: Line, reason: RejectReason, detail?: string): Promise<void> => {
    counters.reject(reason);
    stepRejected++;
    await ctx.rejects.write({ file: input.name, lineNumber: line.lineNumber, reason, detail, text: line.text });
  };

  /** What one write covers, fixed when its batch is handed over (parsing goes on meanwhile). */
  interface Step {
    readonly lineNumber: number;
    readonly bytesRead: number;
    readonly lines: number;
    readonly matched: number;
    readonly rejected: number;
  }

  const write = async (kind: ArchiveKind, entries: readonly ArchiveEntry[], step: Step, last: boolean): Promise<void> => {
    const progress: ImportProgress = {
      file: input.name,
      kind,
      // an earlier write of a flush leaves the position (and the line counts) to the last one
      lineNumber: last ? step.lineNumber : committedLine,
      bytesRead: step.bytesRead,
      totalBytes: input.totalBytes,
      resumable,
      lines: last ? step.lines : 0,
      matched: last ? step.matched : 0,
      rejected: last ? step.rejected : 0,
    };
    const outcome = await ctx.writer.writeBatch(kind, entries as ArchiveEntry<typeof kind>[], progress);
    counters.inserted += outcome.inserted;
    counters.updated += outcome.updated;
    counters.unchanged += outcome.unchanged;
    for (const refused of outcome.refused) {
      counters.reject('refused by the database');
      await ctx.rejects.write({ file: input.name, lineNumber: refused.lineNumber, reason: 'refused by the database', detail: refused.detail, text: '' });
    }
  };

  /**
   * The write in flight: one batch is written while the next is parsed, so decoding, parsing and the
   * database's work overlap (two cores). Writes run one after another on one connection, so the
   * file's committed position only moves forward. Its failure is kept (a handler is attached at once,
   * so it is no unhandled rejection) and thrown by the next flush or by the end of the input.
   */
  let inFlight: Promise<void> | null = null;

  const awaitInFlight = async (): Promise<void> => {
    const previous = inFlight;
    inFlight = null;
    if (previous) await previous;
  };

  /**
   * Hands every pending item to the writer; with a resumable file, also a progress-only step when
   * nothing is pending. Waits for the previous write first, and does not wait for this one.
   */
  const flush = async (): Promise<void> => {
    const kinds = (['submissions', 'comments'] as const).filter((k) => pending[k].length > 0);
    if (kinds.length === 0 && !(resumable && lastLine > stepStartLine)) return;
    const step: Step = { lineNumber: lastLine, bytesRead: input.bytesRead(), lines: stepLines, matched: stepMatched, rejected: stepRejected };
    const batches = kinds.map((kind) => ({ kind, entries: pending[kind] as readonly ArchiveEntry[] }));
    pending = { submissions: [], comments: [] };
    stepStartLine = lastLine;
    stepLines = 0;
    stepMatched = 0;
    stepRejected = 0;
    await awaitInFlight();
    const run = async (): Promise<void> => {
      if (batches.length === 0) await write(input.kind ?? 'submissions', [], step, true);
      for (const [i, batch] of batches.entries()) await write(batch.kind, batch.entries, step, i === batches.length - 1);
      committedLine = Math.max(committedLine, step.lineNumber);
      showProgress();
    };
    const current = run();
    current.catch(() => undefined);
    inFlight = current;
  };

  const showProgress = (): void => {
    ctx.progress.update(snapshotOf(counters, input.name, input.bytesRead(), input.totalBytes, ctx.clock() - ctx.startedAt));
  };

  ctx.progress.startFile(input.name, input.totalBytes);
  try {
    let parsedSinceTurn = 0;
    // the lines of one chunk at a time: no await per line, only to write, to reject a line or to give the database a turn
    chunks: for await (const lines of splitLineBatches(input.chunks)) {
      for (const line of lines) {
        if (ctx.signal?.aborted) break chunks;
        if (parsedSinceTurn >= PARSED_LINES_PER_TURN && inFlight !== null) {
          parsedSinceTurn = 0;
          await setImmediate();
        }
        if (!line.terminated && input.ended) {
          // the lines before are whole: stored whatever the decoder says; the cut one waits for its verdict
          await flush();
          await input.ended();
        }
        counters.decodedBytes += line.bytes;
        if (line.lineNumber <= resumeAfter) {
          // committed by an earlier run: decoded (the stream has no index), never parsed
          counters.resumedPast++;
          if (line.lineNumber % progressEvery === 0) showProgress();
          continue;
        }
        lastLine = line.lineNumber;
        counters.linesRead++;
        stepLines++;
        if (line.lineNumber % progressEvery === 0) showProgress();
        if (stepLines >= commitEvery && resumable) await flush();

        if (line.tooLong) {
          await reject(line, 'line too long');
          continue;
        }
        if (isBlankLine(line.raw)) {
          await reject(line, 'blank line');
          continue;
        }
        if (prefilterSubreddit(line.raw, ctx.subreddits) === 'skip') {
          counters.skipped++;
          continue;
        }
        let payload: unknown;
        parsedSinceTurn++;
        try {
          payload = JSON.parse(line.text);
        } catch (error) {
          await reject(line, line.terminated ? 'not JSON' : 'truncated last line', (error as Error).message);
          continue;
        }
        if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
          await reject(line, 'JSON is not an object', payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload);
          continue;
        }
        const object = payload as Record<string, unknown>;
        if (!subredditMatches(object, ctx.subreddits)) {
          counters.skipped++;
          continue;
        }
        if (!hasId(object)) {
          await reject(line, 'missing id');
          continue;
        }
        if (!hasTime(object)) {
          await reject(line, 'missing time', 'no created_utc');
          continue;
        }
        const kind = input.kind ?? kindFromPayload(object);
        if (kind === null) {
          await reject(line, 'kind unknown', 'neither a submission (title) nor a comment (link_id, body); give --kind');
          continue;
        }
        const normalized = ctx.normalizer.normalizeLine(kind, object, ctx.now(), line.text, bytesToHold(line));
        if (!normalized.ok) {
          await reject(line, normalized.reason, normalized.detail);
          continue;
        }
        ctx.coverage?.note(kind, normalized.createdUtc, normalized.item.subreddit);
        if (!inTimeWindow(normalized.createdUtc, ctx.window)) {
          counters.skipped++;
          continue;
        }
        counters.matched++;
        stepMatched++;
        const entry = { item: normalized.item, observedAt: retrievedAtOf(object) ?? input.fileTime, lineNumber: line.lineNumber };
        (pending[kind] as ArchiveEntry[]).push(entry as ArchiveEntry);
        if (pending[kind].length >= ctx.batchSize) await flush();
      }
    }
    await flush();
    if (ctx.signal?.aborted) {
      await awaitInFlight();
      throw new ImportInterruptedError(input.name, committedLine, String(ctx.signal.reason ?? 'interrupted'));
    }
  } catch (error) {
    // the batch in flight still ends (committed or rolled back) before the caller closes the database
    await awaitInFlight().catch(() => undefined);
    throw error;
  }
  await awaitInFlight();
  showProgress();
}
