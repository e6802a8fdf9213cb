import type { ScrapeGap, Submission } from '@sentiment-ingest/models';

/** How many listing pages one poll may read: Reddit's listings end around 1000 items (10 x 100). */
export const MAX_PAGES = 10;

/** What the stream stored last: the newest submission written under its checkpoint. */
export interface StreamPosition {
  readonly newestCreatedUtc: Date | null;
  readonly newestId: string | null;
}

/** The next step of a poll after reading one page of `/new` (newest first). */
export type WalkDecision =
  | { readonly kind: 'next'; readonly after: string }
  /** this page reaches what the stream already stored: everything newer has been read */
  | { readonly kind: 'overlap' }
  /** the stream has no checkpoint yet, and the listing (or the page cap) ended */
  | { readonly kind: 'first-run-end' }
  /** the listing ended before reaching the checkpoint: the posts in between cannot be seen */
  | { readonly kind: 'listing-end' };

/**
 * Decides whether a poll pages further back. A poll stops at the first page that contains a
 * submission at or before the stream's position (the overlap), so a burst of any size up to the
 * listing's end is read whole; duplicates from the overlap are harmless (the upsert is idempotent).
 */
export function decideAfterPage(input: {
  position: StreamPosition;
  page: { readonly submissions: readonly Submission[]; readonly after: string | null };
  pagesRead: number;
}): WalkDecision {
  const { position, page } = input;
  const hasPosition = position.newestCreatedUtc !== null;
  if (hasPosition && page.submissions.some((s) => reaches(s, position))) return { kind: 'overlap' };
  const more = page.after !== null && input.pagesRead < MAX_PAGES;
  if (more) return { kind: 'next', after: page.after as string };
  return hasPosition ? { kind: 'listing-end' } : { kind: 'first-run-end' };
}

function reaches(submission: Submission, position: StreamPosition): boolean {
  if (position.newestId !== null && submission.id === position.newestId) return true;
  return position.newestCreatedUtc !== null && submission.createdUtc.getTime() <= position.newestCreatedUtc.getTime();
}

/** The newer of two positions: by creation time, then by id (base36 ids grow with time). */
export function advancePosition(position: StreamPosition, submissions: readonly Submission[]): StreamPosition {
  let best = position;
  for (const s of submissions) {
    if (best.newestCreatedUtc === null || compare(s, best) > 0) best = { newestCreatedUtc: s.createdUtc, newestId: s.id };
  }
  return best;
}

function compare(s: Submission, p: StreamPosition): number {
  const dt = s.createdUtc.getTime() - (p.newestCreatedUtc?.getTime() ?? 0);
  if (dt !== 0) return dt;
  return compareBase36(s.id, p.newestId ?? '');
}

/** Orders base36 ids numerically (a longer id is a later one). */
export function compareBase36(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The period a poll could not see when the listing ended before its checkpoint: from the stored
 * position to the oldest submission this poll did read.
 */
export function gapFor(input: {
  source: string;
  stream: string;
  position: StreamPosition;
  submissions: readonly Submission[];
}): ScrapeGap | null {
  const from = input.position.newestCreatedUtc;
  if (from === null || input.submissions.length === 0) return null;
  const oldest = Math.min(...input.submissions.map((s) => s.createdUtc.getTime()));
  if (oldest <= from.getTime()) return null;
  return {
    source: input.source,
    stream: input.stream,
    gapStart: from,
    gapEnd: new Date(oldest),
    reason: `listing ended after ${input.submissions.length} submissions without reaching the checkpoint; older posts are past Reddit's ~1000-item listing end`,
  };
}
