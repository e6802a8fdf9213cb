import { BinaryCopyRows, ingestSql, REDDIT_SUBMISSIONS, reobservationRowOf, type SubmissionWriter, type WriteCounts } from '@sentiment-ingest/db';
import type { Submission } from '@sentiment-ingest/models';
import type { Pool } from 'pg';
import { withChangedEngagement } from './bench-data';
import { checkpoint, emptyTables, readAverageRowBytes, vacuumAnalyze } from './bench-database';
import { BenchInvariantError } from './errors';
import { costSince, markCost, type PhaseCost } from './phase-cost';
import type { PhaseName } from './phase-stats';
import { timeCopy, timeWriter } from './timed-writes';
import { describeMismatch, expectedWrite } from './write-expectations';

/** What the write-path benchmark measures with. */
export interface WritePathBenchOptions {
  readonly pool: Pool;
  readonly writer: SubmissionWriter;
  readonly submissions: readonly Submission[];
  readonly batchSize: number;
  /** writer batches in flight at once */
  readonly inFlight: number;
  readonly runs: number;
  readonly signal: AbortSignal;
  /** one line of progress (not part of the report) */
  readonly progress: (line: string) => void;
}

/** Timings of every run of every phase, and the size of the rows written. */
export interface WritePathMeasurements {
  readonly runsMs: Readonly<Record<PhaseName, readonly number[]>>;
  /** what each run cost besides its time, in the order of `runsMs` */
  readonly runsCost: Readonly<Record<PhaseName, readonly PhaseCost[]>>;
  /** bytes of COPY text per row of the baseline (the writer sends the same rows in binary COPY) */
  readonly copyTextBytesPerRow: number;
  /** average `pg_column_size` of a stored row */
  readonly storedBytesPerRow: number;
  /** bytes of binary COPY per row of a re-observation (the unchanged and changed phases send these) */
  readonly reobservationBytesPerRow: number;
  /** false when CHECKPOINT was refused (not superuser): runs may then pay for earlier runs' writes */
  readonly checkpointed: boolean;
}

type WriterPhase = Exclude<PhaseName, 'copy'>;

const FIRST_OBSERVATION = Date.UTC(2026, 11, 1);

/** Average bytes of a re-observation row in the writer's binary COPY: what it sends for a stored row (knownStored). */
function reobservationBytesPerRow(submissions: readonly Submission[]): number {
  const columns = ingestSql(REDDIT_SUBMISSIONS).reobservation?.copyStaging.columns;
  if (submissions.length === 0 || !columns) return 0;
  const rowOf = reobservationRowOf(REDDIT_SUBMISSIONS);
  const at = new Date(FIRST_OBSERVATION);
  const rows = new BinaryCopyRows(columns, 1 << 20);
  let bytes = 0;
  for (const submission of submissions) bytes += rows.add(rowOf(submission, at))?.length ?? 0;
  for (const chunk of rows.finish()) bytes += chunk.length;
  return bytes / submissions.length;
}

/**
 * The four phases, run into the same `raw_submissions` hypertable, in `runs` rounds. Each round runs
 * every phase once, in order: baseline COPY and new rows into an emptied table, then an unchanged and
 * a changed re-ingest of the rows just stored. Interleaving the phases (rather than running one phase
 * `runs` times, then the next) makes a burst of background load hit every phase alike, so the ratios
 * stay comparable on a shared machine. Use once.
 */
export class WritePathBench {
  private readonly options: WritePathBenchOptions;
  private readonly runsMs: Record<PhaseName, number[]> = { copy: [], new: [], unchanged: [], changed: [] };
  private readonly runsCost: Record<PhaseName, PhaseCost[]> = { copy: [], new: [], unchanged: [], changed: [] };
  private observations = 0;
  private checkpointed = true;

  constructor(options: WritePathBenchOptions) {
    this.options = options;
  }

  /** Runs every round and returns the timings. */
  async measure(): Promise<WritePathMeasurements> {
    const changed = withChangedEngagement(this.options.submissions, 1);
    let copyTextBytes = 0;
    let storedBytesPerRow = 0;
    for (let run = 1; run <= this.options.runs; run++) {
      copyTextBytes = await this.copyRun(run);
      await this.newRowsRun(run);
      if (run === 1) storedBytesPerRow = await readAverageRowBytes(this.options.pool);
      await this.reingestRuns(run, changed);
    }
    const rows = this.options.submissions.length;
    return {
      runsMs: this.runsMs,
      runsCost: this.runsCost,
      copyTextBytesPerRow: rows > 0 ? copyTextBytes / rows : 0,
      storedBytesPerRow,
      reobservationBytesPerRow: reobservationBytesPerRow(this.options.submissions),
      checkpointed: this.checkpointed,
    };
  }

  private async copyRun(run: number): Promise<number> {
    // The baseline and the new-rows run both start from an empty hypertable (TRUNCATE drops the chunks).
    await emptyTables(this.options.pool);
    await this.settle();
    const mark = await markCost(this.options.pool);
    const { ms, result } = await timeCopy(this.options.pool, this.options.submissions, this.nextObservedAt());
    this.record('copy', run, ms, await costSince(this.options.pool, mark, false));
    return result.bytes;
  }

  private async newRowsRun(run: number): Promise<void> {
    await emptyTables(this.options.pool);
    await this.settle();
    await this.writeRun('new', this.options.submissions, run);
  }

  private async reingestRuns(run: number, changed: readonly Submission[]): Promise<void> {
    // Fairness: a freshly loaded table has no hint bits, visibility map or statistics, and its first
    // reader pays for setting them. In production autovacuum has done that long before a re-ingest.
    await vacuumAnalyze(this.options.pool);
    await this.settle();
    await this.writeRun('unchanged', this.options.submissions, run);
    // An unchanged re-ingest rewrites nothing, so the changed run meets the same vacuumed table.
    await this.settle();
    await this.writeRun('changed', changed, run);
  }

  private async writeRun(phase: WriterPhase, submissions: readonly Submission[], run: number): Promise<void> {
    const { batchSize, signal, inFlight } = this.options;
    // A re-ingest of the rows just stored is a re-observation: the writer is told they are stored.
    const knownStored = phase !== 'new';
    const mark = await markCost(this.options.pool);
    const { ms, result } = await timeWriter(this.options.writer, submissions, { batchSize, signal, observedAt: this.nextObservedAt(), knownStored, inFlight });
    const cost = await costSince(this.options.pool, mark, knownStored);
    assertWrote(phase, run, expectedWrite(phase, submissions.length), result);
    this.record(phase, run, ms, cost);
  }

  /** Every write gets its own observation time, as a scraper's successive polls would. */
  private nextObservedAt(): Date {
    return new Date(FIRST_OBSERVATION + 60_000 * this.observations++);
  }

  private async settle(): Promise<void> {
    this.options.signal.throwIfAborted();
    this.checkpointed = (await checkpoint(this.options.pool)) && this.checkpointed;
  }

  private record(phase: PhaseName, run: number, ms: number, cost: PhaseCost): void {
    this.runsMs[phase].push(ms);
    this.runsCost[phase].push(cost);
    this.options.progress(`${phase} run ${run}/${this.options.runs}: ${Math.round(ms)} ms`);
  }
}

function assertWrote(phase: WriterPhase, run: number, expected: WriteCounts, actual: WriteCounts): void {
  const mismatch = describeMismatch(expected, actual);
  if (mismatch) throw new BenchInvariantError(`Phase "${phase}" run ${run} did not write what it measures: ${mismatch}.`);
}
