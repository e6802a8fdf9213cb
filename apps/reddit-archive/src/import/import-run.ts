import type { ArchiveKind } from '../cli/args';
import type { ImportCounters } from '../archive/counters';
import { kindFromPayload } from '../archive/kind';
import { splitLines, type Line } from '../archive/line-splitter';
import type { RejectReason } from '../archive/reject-reasons';
import type { RejectSink } from '../archive/reject-file';
import { prefilterSubreddit, subredditMatches } from '../archive/subreddit-prefilter';
import { inTimeWindow, type TimeWindow } from '../archive/time-window';
import { snapshotOf, type ProgressSink } from '../progress/progress';
import { hasId, hasTime, retrievedAt } from './observed-at';
import type { ArchiveEntry, BatchWriter, ImportProgress, LineNormalizer } from './ports';

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
}

type Pending = { [K in ArchiveKind]: ArchiveEntry<K>[] };

/**
 * Imports one input: split into lines → blank? → subreddit prefilter on the raw text (most lines
 * end here, unparsed) → JSON.parse → object? → kind → subreddit (parsed) → id and time present →
 * normalise → --since/--until → batch. Bad lines are counted by reason and written to the reject
 * sink; the import goes on. Each batch is written atomically and idempotently. Returns when the
 * input is read to its end and every batch written.
 */
export async function importInput(input: ImportInput, ctx: ImportContext): Promise<void> {
  const { counters } = ctx;
  const pending: Pending = { submissions: [], comments: [] };
  const progressEvery = ctx.progressEveryLines ?? 1000;
  let lastLine = 0;

  const reject = async (line: Line, reason: RejectReason, detail?: string): Promise<void> => {
    counters.reject(reason);
    await ctx.rejects.write({ file: input.name, lineNumber: line.lineNumber, reason, detail, text: line.text });
  };

  const flush = async (kind: ArchiveKind): Promise<void> => {
    const entries = pending[kind];
    if (entries.length === 0) return;
    pending[kind] = [];
    const progress: ImportProgress = {
      file: input.name,
      kind,
      lineNumber: lastLine,
      bytesRead: input.bytesRead(),
      totalBytes: input.totalBytes,
    };
    const outcome = await ctx.writer.writeBatch(kind, entries, progress);
    counters.inserted += outcome.inserted;
    counters.updated += outcome.updated;
    counters.unchanged += outcome.unchanged;
    for (const refused of outcome.refused) {
      counters.reject('refused by the database');
      await ctx.rejects.write({ file: input.name, lineNumber: refused.lineNumber, reason: 'refused by the database', detail: refused.detail, text: '' });
    }
    showProgress();
  };

  const showProgress = (): void => {
    ctx.progress.update(snapshotOf(counters, input.name, input.bytesRead(), input.totalBytes, ctx.clock() - ctx.startedAt));
  };

  ctx.progress.startFile(input.name, input.totalBytes);
  for await (const line of splitLines(input.chunks)) {
    lastLine = line.lineNumber;
    counters.linesRead++;
    counters.decodedBytes += line.bytes;
    if (line.lineNumber % progressEvery === 0) showProgress();

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
    if (!inTimeWindow(normalized.createdUtc, ctx.window)) {
      counters.skipped++;
      continue;
    }
    counters.matched++;
    const entry = { item: normalized.item, observedAt: retrievedAt(object) ?? input.fileTime, lineNumber: line.lineNumber };
    (pending[kind] as ArchiveEntry[]).push(entry as ArchiveEntry);
    if (pending[kind].length >= ctx.batchSize) await flush(kind);
  }
  await flush('submissions');
  await flush('comments');
  showProgress();
}
