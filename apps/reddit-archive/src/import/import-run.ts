import type { ArchiveKind } from '../cli/args';
import type { ImportCounters } from '../archive/counters';
import { kindFromPayload } from '../archive/kind';
import { splitLines, type Line } from '../archive/line-splitter';
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
   * Notes the creation time of every selected line this run normalises (before --since/--until,
   * which the coverage is intersected with later): what the file covers, for resolving scrape gaps.
   */
  readonly coverage?: CoverageTracker;
}

type Pending = { [K in ArchiveKind]: ArchiveEntry<K>[] };

/**
 * Imports one input: split into lines → already committed by an earlier run (resume)? → blank? →
 * subreddit prefilter on the raw text (most lines end here, unparsed) → JSON.parse → object? → kind →
 * subreddit (parsed) → id and time present → normalise → --since/--until → batch. Bad lines are
 * counted by reason and written to the reject sink; the import goes on. Each batch is written
 * atomically and idempotently, with the file's progress (resumable inputs) in the same transaction:
 * a batch covers every line up to its last, so the pending items of both kinds are written together
 * and only the last write moves the position. Returns when the input is read to its end and every
 * batch written; marking the file finished is the caller's (after the decoder said it ended cleanly).
 */
export async function importInput(input: ImportInput, ctx: ImportContext): Promise<void> {
  const { counters } = ctx;
  const pending: Pending = { submissions: [], comments: [] };
  const progressEvery = ctx.progressEveryLines ?? 1000;
  const commitEvery = ctx.commitEveryLines ?? 100_000;
  const resumable = input.resumable ?? null;
  const resumeAfter = resumable ? (input.resumeAfter ?? 0) : 0;
  let lastLine = 0;
  /** the position the database has (or the resume point) */
  let committedLine = resumeAfter;
  /** lines and matches since `committedLine`: the next step's counts */
  let stepLines = 0;
  let stepMatched = 0;

  const reject = async (line: Line, reason: RejectReason, detail?: string): Promise<void> => {
    counters.reject(reason);
    await ctx.rejects.write({ file: input.name, lineNumber: line.lineNumber, reason, detail, text: line.text });
  };

  const write = async (kind: ArchiveKind, entries: readonly ArchiveEntry[], last: boolean): Promise<void> => {
    const progress: ImportProgress = {
      file: input.name,
      kind,
      // an earlier write of a flush leaves the position (and the line counts) to the last one
      lineNumber: last ? lastLine : committedLine,
      bytesRead: input.bytesRead(),
      totalBytes: input.totalBytes,
      resumable,
      lines: last ? stepLines : 0,
      matched: last ? stepMatched : 0,
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

  /** Writes every pending item; with a resumable file, also a progress-only step when nothing is pending. */
  const flush = async (): Promise<void> => {
    const kinds = (['submissions', 'comments'] as const).filter((k) => pending[k].length > 0);
    if (kinds.length === 0 && !(resumable && lastLine > committedLine)) return;
    if (kinds.length === 0) await write(input.kind ?? 'submissions', [], true);
    for (const [i, kind] of kinds.entries()) {
      const entries = pending[kind];
      pending[kind] = [];
      await write(kind, entries, i === kinds.length - 1);
    }
    committedLine = Math.max(committedLine, lastLine);
    stepLines = 0;
    stepMatched = 0;
    showProgress();
  };

  const showProgress = (): void => {
    ctx.progress.update(snapshotOf(counters, input.name, input.bytesRead(), input.totalBytes, ctx.clock() - ctx.startedAt));
  };

  ctx.progress.startFile(input.name, input.totalBytes);
  for await (const line of splitLines(input.chunks)) {
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
    if (line.text.trim() === '') {
      await reject(line, 'blank line');
      continue;
    }
    if (prefilterSubreddit(line.text, ctx.subreddits) === 'skip') {
      counters.skipped++;
      continue;
    }
    let payload: unknown;
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
    const normalized = ctx.normalizer.normalizeLine(kind, object, ctx.now());
    if (!normalized.ok) {
      await reject(line, normalized.reason, normalized.detail);
      continue;
    }
    ctx.coverage?.note(kind, normalized.createdUtc);
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
  await flush();
  showProgress();
}
