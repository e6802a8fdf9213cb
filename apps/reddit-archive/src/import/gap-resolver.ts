import { REDDIT_SUBMISSIONS, type OpenScrapeGap, type ScrapeStateRepository } from '@sentiment-ingest/db';
import type { Log } from '@sentiment-ingest/runtime';
import type { ArchiveKind } from '../cli/args';
import type { ImportCounters } from '../archive/counters';
import { ARCHIVE_RESOLUTION, candidateGaps, gapsResolvedBy, type CoverageTracker } from '../archive/gap-coverage';
import type { TimeWindow } from '../archive/time-window';
import { ARCHIVE_SOURCE } from './db-batch-writer';

type GapState = Pick<ScrapeStateRepository, 'openGapsOfSource' | 'countItems' | 'resolveGap'>;

/** A candidate gap and how many of its subreddits' posts the table held in its range before the file. */
interface Candidate {
  readonly gap: OpenScrapeGap;
  readonly subreddits: readonly string[];
  readonly before: number;
}

/**
 * Resolves the open scrape gaps a fully imported file covers (the rule: archive/gap-coverage.ts).
 * `prepare` runs before the file is read: the open gaps of `/new` streams whose subreddits are all
 * selected, each with the count of its subreddits' submissions created in [gap_start, gap_end]. `finish`
 * runs only after the file was read to its end and decoded cleanly: each gap inside the coverage is
 * resolved with resolution `archive` and recovered_items = the count now less the count before (the
 * rows this run inserted in the gap; a resumed file's earlier run is not counted). A gap the coverage
 * meets only partly, or one with a subreddit the file has no post of, stays open, and is logged.
 */
export class GapResolver {
  constructor(private readonly deps: { state: GapState; log: Log; now: () => Date }) {}

  async prepare(fileKind: ArchiveKind | null, subreddits: ReadonlySet<string>): Promise<readonly Candidate[]> {
    // a submissions or mixed file can close the live scraper's gaps (posts); a comments file cannot yet
    if (fileKind === 'comments') return [];
    const open = await this.deps.state.openGapsOfSource(ARCHIVE_SOURCE);
    const candidates: Candidate[] = [];
    for (const { gap, subreddits: members } of candidateGaps('submissions', subreddits, open)) {
      candidates.push({ gap, subreddits: members, before: await this.count(gap, members) });
    }
    return candidates;
  }

  async finish(file: string, candidates: readonly Candidate[], coverage: CoverageTracker, window: TimeWindow, counters: ImportCounters): Promise<void> {
    if (candidates.length === 0) return;
    const covered = coverage.coverage('submissions', window);
    const byGap = new Map(candidates.map((c) => [c.gap, c]));
    const { resolved, partly, unseen } = gapsResolvedBy(covered, candidates, coverage.subreddits('submissions'));
    const range = covered ? { coveredFrom: covered.from.toISOString(), coveredTo: covered.to.toISOString() } : {};
    for (const gap of resolved) {
      const candidate = byGap.get(gap) as Candidate;
      const recoveredItems = Math.max(0, (await this.count(gap, candidate.subreddits)) - candidate.before);
      const done = await this.deps.state.resolveGap(gap, { resolvedAt: this.deps.now(), resolution: ARCHIVE_RESOLUTION, recoveredItems });
      if (!done) continue; // resolved meanwhile by someone else: the first resolution stays
      counters.gapsResolved++;
      this.deps.log.info(
        { file, gapId: gap.id, stream: gap.stream, gapStart: gap.gapStart.toISOString(), gapEnd: gap.gapEnd.toISOString(), recoveredItems, ...range },
        `resolved gap ${gap.id} of ${gap.stream} (${gap.gapStart.toISOString()} to ${gap.gapEnd.toISOString()}): ${recoveredItems} posts recovered from ${file}`,
      );
    }
    for (const gap of partly) {
      this.deps.log.info(
        { file, gapId: gap.id, stream: gap.stream, gapStart: gap.gapStart.toISOString(), gapEnd: gap.gapEnd.toISOString(), ...range },
        `gap ${gap.id} of ${gap.stream} is only partly covered by ${file}: it stays open`,
      );
    }
    for (const { gap, missing } of unseen) {
      this.deps.log.info(
        { file, gapId: gap.id, stream: gap.stream, gapStart: gap.gapStart.toISOString(), gapEnd: gap.gapEnd.toISOString(), missing, ...range },
        `gap ${gap.id} of ${gap.stream} stays open: ${file} has no post of ${missing.join(', ')}`,
      );
    }
  }

  private count(gap: OpenScrapeGap, subreddits: readonly string[]): Promise<number> {
    return this.deps.state.countItems(REDDIT_SUBMISSIONS, { from: gap.gapStart, to: gap.gapEnd }, { column: 'subreddit', anyOf: subreddits });
  }
}
