import { REDDIT_COMMENTS, REDDIT_SUBMISSIONS, type OpenScrapeGap, type ScrapeStateRepository } from '@sentiment-ingest/db';
import type { Log } from '@sentiment-ingest/runtime';
import { ARCHIVE_KINDS, type ArchiveKind } from '../cli/args';
import type { ImportCounters } from '../archive/counters';
import { ARCHIVE_RESOLUTION, candidateGaps, gapsResolvedBy, type CoverageTracker } from '../archive/gap-coverage';
import type { TimeWindow } from '../archive/time-window';
import { ARCHIVE_SOURCE } from './db-batch-writer';

type GapState = Pick<ScrapeStateRepository, 'openGapsOfSource' | 'countItems' | 'resolveGap'>;

/** A candidate gap, its kind, and how many of its subreddits' items of that kind the table held in its range before the file. */
interface Candidate {
  readonly gap: OpenScrapeGap;
  readonly kind: ArchiveKind;
  readonly subreddits: readonly string[];
  readonly before: number;
}

/** Where each kind's items are counted. */
const TABLE_OF: Readonly<Record<ArchiveKind, typeof REDDIT_SUBMISSIONS | typeof REDDIT_COMMENTS>> = { submissions: REDDIT_SUBMISSIONS, comments: REDDIT_COMMENTS };
/** What each kind's items are called in the log. */
const ITEMS_OF: Readonly<Record<ArchiveKind, string>> = { submissions: 'posts', comments: 'comments' };

/**
 * Resolves the open scrape gaps a fully imported file covers (the rule: archive/gap-coverage.ts).
 * `prepare` runs before the file is read: the open gaps of the live streams of the file's kind (`new:`
 * for submissions, `comments:` for comments, both for a file of both) whose subreddits are all
 * selected, each with the count of its subreddits' items of that kind created in [gap_start, gap_end].
 * `finish` runs only after the file was read to its end and decoded cleanly: each gap inside its
 * kind's coverage is resolved with resolution `archive` and recovered_items = the count now less the
 * count before (the rows this run inserted in the gap; a resumed file's earlier run is not counted).
 * A gap the coverage meets only partly, or one with a subreddit the file has no item of, stays open,
 * and is logged.
 */
export class GapResolver {
  constructor(private readonly deps: { state: GapState; log: Log; now: () => Date }) {}

  async prepare(fileKind: ArchiveKind | null, subreddits: ReadonlySet<string>): Promise<readonly Candidate[]> {
    const open = await this.deps.state.openGapsOfSource(ARCHIVE_SOURCE);
    const candidates: Candidate[] = [];
    for (const kind of fileKind === null ? ARCHIVE_KINDS : [fileKind]) {
      for (const { gap, subreddits: members } of candidateGaps(kind, subreddits, open)) {
        candidates.push({ gap, kind, subreddits: members, before: await this.count(gap, kind, members) });
      }
    }
    return candidates;
  }

  async finish(file: string, candidates: readonly Candidate[], coverage: CoverageTracker, window: TimeWindow, counters: ImportCounters): Promise<void> {
    for (const kind of ARCHIVE_KINDS) {
      const ofKind = candidates.filter((c) => c.kind === kind);
      if (ofKind.length > 0) await this.finishKind(file, kind, ofKind, coverage, window, counters);
    }
  }

  private async finishKind(file: string, kind: ArchiveKind, candidates: readonly Candidate[], coverage: CoverageTracker, window: TimeWindow, counters: ImportCounters): Promise<void> {
    const covered = coverage.coverage(kind, window);
    const byGap = new Map(candidates.map((c) => [c.gap, c]));
    const { resolved, partly, unseen } = gapsResolvedBy(covered, candidates, coverage.subreddits(kind));
    const range = covered ? { coveredFrom: covered.from.toISOString(), coveredTo: covered.to.toISOString() } : {};
    for (const gap of resolved) {
      const candidate = byGap.get(gap) as Candidate;
      const recoveredItems = Math.max(0, (await this.count(gap, kind, candidate.subreddits)) - candidate.before);
      const done = await this.deps.state.resolveGap(gap, { resolvedAt: this.deps.now(), resolution: ARCHIVE_RESOLUTION, recoveredItems });
      if (!done) continue; // resolved meanwhile by someone else: the first resolution stays
      counters.gapsResolved++;
      this.deps.log.info(
        { file, gapId: gap.id, stream: gap.stream, gapStart: gap.gapStart.toISOString(), gapEnd: gap.gapEnd.toISOString(), recoveredItems, ...range },
        `resolved gap ${gap.id} of ${gap.stream} (${gap.gapStart.toISOString()} to ${gap.gapEnd.toISOString()}): ${recoveredItems} ${ITEMS_OF[kind]} recovered from ${file}`,
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
        `gap ${gap.id} of ${gap.stream} stays open: ${file} has no ${ITEMS_OF[kind].slice(0, -1)} of ${missing.join(', ')}`,
      );
    }
  }

  private count(gap: OpenScrapeGap, kind: ArchiveKind, subreddits: readonly string[]): Promise<number> {
    return this.deps.state.countItems(TABLE_OF[kind], { from: gap.gapStart, to: gap.gapEnd }, { column: 'subreddit', anyOf: subreddits });
  }
}
