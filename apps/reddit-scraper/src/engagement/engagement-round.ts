import type { ScrapeCheckpoint } from '@sentiment-ingest/models';
import { refreshEvery, type RefreshCadenceOptions } from '@sentiment-ingest/scraper-kit';

/**
 * The last complete engagement round, as kept in the engagement stream's checkpoint row (one row,
 * rewritten in the transaction of each complete round's last batch) so that a restart knows when
 * posts were last checked without a write per post.
 */
export interface EngagementRound {
  /** when the round decided what was due (its `now`) */
  readonly at: Date;
  /** creation time of the newest post the round considered: newer ones were not stored yet */
  readonly coveredUntil: Date;
  /** id of that post */
  readonly coveredUntilId: string;
}

/** The checkpoint row that records a complete round of `stream`. */
export function roundCheckpoint(source: string, stream: string, round: EngagementRound): ScrapeCheckpoint {
  return {
    source,
    stream,
    newestCreatedUtc: round.coveredUntil,
    newestId: round.coveredUntilId,
    state: { roundAt: round.at.toISOString() },
  };
}

/**
 * The round a checkpoint records; null when there is none yet, or when the row does not hold one
 * (written by another version): then every recent post is treated as never checked, as before.
 */
export function roundFromCheckpoint(checkpoint: ScrapeCheckpoint | null): EngagementRound | null {
  if (checkpoint === null || checkpoint.newestCreatedUtc === null || checkpoint.newestId === null) return null;
  const at = checkpoint.state['roundAt'];
  if (typeof at !== 'string') return null;
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) return null;
  return { at: time, coveredUntil: checkpoint.newestCreatedUtc, coveredUntilId: checkpoint.newestId };
}

/**
 * When a post was last checked, as far as the last complete round tells (null: never, so its
 * creation is its baseline). A post the round considered (created no later than `coveredUntil`)
 * that would be due at the round even if never checked before was refreshed by it; any other post
 * was not (too young at the round, too old to follow, or created after it).
 *
 * What a restart may still get wrong, once per post:
 * - late: a post the round considered but that was not due then (it had been checked less than one
 *   interval of its age before) is taken as checked at the round, so its next refresh comes up to
 *   one interval late (5 min for a post in its first hour, 1 h for one under a day: DEFAULT_CADENCE).
 *   So does a post created in the same millisecond as `coveredUntil` but stored after the round.
 * - early: only complete rounds are recorded. A round cut short by `perRound` (more due than one
 *   round may check) or by shutdown or a failed write leaves the previous round in place, so the
 *   posts it did check are refreshed again soon after a restart. A round with nothing due writes
 *   nothing, and needs not: nothing was checked.
 */
export function lastCheckFromRound(post: { readonly createdAt: Date }, round: EngagementRound | null, options: RefreshCadenceOptions): Date | null {
  if (round === null || post.createdAt.getTime() > round.coveredUntil.getTime()) return null;
  const age = round.at.getTime() - post.createdAt.getTime();
  if (age >= options.maxAgeMs) return null;
  return age >= refreshEvery(age, options.cadence) ? round.at : null;
}
