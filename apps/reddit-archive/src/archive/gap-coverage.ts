import { parseRedditStreamKey } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { TimeWindow } from './time-window';

/**
 * Which open scrape gaps an import resolves.
 *
 * The rule ("covers"): a fully imported file (read to its end and decoded cleanly; not one that failed
 * or was interrupted) covers, for each kind, the closed range [earliest, latest] of the `created_utc` of
 * the lines of that kind this run read from it that belong to the selected subreddits (`--subreddits`,
 * case-insensitive; every subreddit when none is given) and normalised cleanly, intersected with
 * `--since` (inclusive) / `--until` (exclusive). Lines of other subreddits (skipped unparsed) and
 * rejected lines do not widen it; a resumed file covers only what this run read after the resume point.
 *
 * An open gap of source `reddit` is resolved by a coverage of its kind when its stream is one of the
 * live scraper's streams of that kind (`new:a+b+c` for submissions, `comments:a+b+c` for comments),
 * every subreddit of the stream is selected and has at least one line of that kind in the file, and
 * coverage.from <= gap_start and gap_end <= coverage.to. The "has a line" condition keeps a
 * per-subreddit file (or a file of a few subreddits) from closing the gaps of subreddits it does not
 * hold, whatever `--subreddits` says; its price is that a subreddit with no item of that kind in the
 * whole file keeps its group's gap open. A gap that overlaps the coverage without lying inside it
 * stays open (reported as partly covered), and so does one whose subreddits the file lacks (reported
 * with them). Comments gaps are the ones the live scraper's healer leaves open (comment ids cannot be
 * walked), so a comments dump is what closes them.
 */

/** The resolution written to `scrape_gaps.resolution` by an archive import. */
export const ARCHIVE_RESOLUTION = 'archive';

/** A closed time range, both ends included. */
export interface Coverage {
  readonly from: Date;
  readonly to: Date;
}

/** The earliest and latest creation time, and the subreddits, seen per kind in the selected lines of one file. Mutable. */
export class CoverageTracker {
  private readonly seen = new Map<ArchiveKind, { earliest: number; latest: number }>();
  private readonly subredditsSeen = new Map<ArchiveKind, Set<string>>();

  note(kind: ArchiveKind, createdUtc: Date, subreddit: string): void {
    const t = createdUtc.getTime();
    if (Number.isNaN(t)) return;
    const names = this.subredditsSeen.get(kind) ?? new Set<string>();
    if (names.size === 0) this.subredditsSeen.set(kind, names);
    names.add(subreddit.toLowerCase());
    const range = this.seen.get(kind);
    if (!range) this.seen.set(kind, { earliest: t, latest: t });
    else {
      if (t < range.earliest) range.earliest = t;
      if (t > range.latest) range.latest = t;
    }
  }

  /** [earliest, latest] of a kind ∩ the window (since inclusive, until exclusive); null when nothing is left. */
  coverage(kind: ArchiveKind, window: TimeWindow): Coverage | null {
    const range = this.seen.get(kind);
    return range ? coveredRange(range.earliest, range.latest, window) : null;
  }

  /** The subreddits (lower-case) of the noted lines of a kind. */
  subreddits(kind: ArchiveKind): ReadonlySet<string> {
    return this.subredditsSeen.get(kind) ?? new Set();
  }
}

/** [earliest, latest] ∩ [since, until): null when empty. `until` is exclusive: the range ends 1 ms before it. Pure. */
export function coveredRange(earliest: number, latest: number, window: TimeWindow): Coverage | null {
  const from = window.since ? Math.max(earliest, window.since.getTime()) : earliest;
  const to = window.until ? Math.min(latest, window.until.getTime() - 1) : latest;
  return from <= to ? { from: new Date(from), to: new Date(to) } : null;
}

/**
 * The subreddits of a live scraper stream of `kind` (`new:a+b+c` for submissions, `comments:a+b+c`
 * for comments), lower-case; null for a stream of another kind, or any other stream. Pure.
 */
export function subredditsOfStream(stream: string, kind: ArchiveKind = 'submissions'): string[] | null {
  const parsed = parseRedditStreamKey(stream);
  return parsed?.kind === kind ? parsed.subreddits.map((s) => s.toLowerCase()) : null;
}

/** A gap as this module needs it. */
export interface GapLike {
  readonly stream: string;
  readonly gapStart: Date;
  readonly gapEnd: Date;
}

/**
 * The open gaps an import of `subreddits` (lower-case; empty: all) could resolve for `kind`: those of
 * the live streams of that kind whose subreddits are all selected, with their subreddits. Pure.
 */
export function candidateGaps<G extends GapLike>(
  kind: ArchiveKind,
  subreddits: ReadonlySet<string>,
  gaps: readonly G[],
): { readonly gap: G; readonly subreddits: readonly string[] }[] {
  const out: { gap: G; subreddits: string[] }[] = [];
  for (const gap of gaps) {
    const members = subredditsOfStream(gap.stream, kind);
    if (!members) continue;
    if (subreddits.size > 0 && !members.every((s) => subreddits.has(s))) continue;
    out.push({ gap, subreddits: members });
  }
  return out;
}

/** How a coverage meets a gap: inside it (resolved), overlapping it only partly (stays open), or apart. */
export type GapVerdict = 'resolved' | 'partly covered' | 'not covered';

/** Inside: coverage.from <= gap_start and gap_end <= coverage.to (ends included). Pure. */
export function gapVerdict(coverage: Coverage | null, gap: GapLike): GapVerdict {
  if (!coverage) return 'not covered';
  const start = gap.gapStart.getTime();
  const end = gap.gapEnd.getTime();
  const from = coverage.from.getTime();
  const to = coverage.to.getTime();
  if (from <= start && end <= to) return 'resolved';
  if (start <= to && end >= from) return 'partly covered';
  return 'not covered';
}

/** A gap inside a file's time coverage, but with subreddits that have no line in the file. */
export interface UnseenGap<G> {
  readonly gap: G;
  readonly missing: readonly string[];
}

/**
 * The gaps a file's coverage resolves, those it covers only partly in time, and those it covers in
 * time but not in subreddits (`seen`: the lower-case subreddits of the file's noted lines), from the
 * candidates. Pure.
 */
export function gapsResolvedBy<G extends GapLike>(
  coverage: Coverage | null,
  candidates: readonly { readonly gap: G; readonly subreddits: readonly string[] }[],
  seen: ReadonlySet<string>,
): { readonly resolved: G[]; readonly partly: G[]; readonly unseen: UnseenGap<G>[] } {
  const resolved: G[] = [];
  const partly: G[] = [];
  const unseen: UnseenGap<G>[] = [];
  for (const { gap, subreddits } of candidates) {
    const verdict = gapVerdict(coverage, gap);
    if (verdict === 'partly covered') partly.push(gap);
    if (verdict !== 'resolved') continue;
    const missing = subreddits.filter((s) => !seen.has(s));
    if (missing.length > 0) unseen.push({ gap, missing });
    else resolved.push(gap);
  }
  return { resolved, partly, unseen };
}
