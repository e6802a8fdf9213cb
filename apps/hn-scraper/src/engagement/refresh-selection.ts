import { dueForRefresh, nextRefreshAt, type CadenceStep } from '@sentiment-ingest/scraper-kit';

/** The stream name of engagement refreshes in logs, metrics and rejected_items. */
export const HN_ENGAGEMENT_STREAM = 'engagement';

/** The item types with a score or comment count worth following (comments have neither). */
export const HN_ENGAGEMENT_TYPES: readonly string[] = Object.freeze(['story', 'poll', 'job']);

/** A stored story (or poll, or job) young enough to follow. */
export interface RecentStory {
  readonly id: number;
  readonly createdAt: Date;
}

/** What one round refreshes, and when the next round is worth running. */
export interface RefreshPlan {
  /** ids to request, `/v0/updates.json`'s first, each once */
  readonly ids: number[];
  /** the ids of `ids` that are followed recent stories (their last-checked time moves) */
  readonly followed: number[];
  /** due stories left for a later round (the round's bound was reached) */
  readonly leftOver: number;
  /** when the earliest story not refreshed this round becomes due (ms), or null */
  readonly nextDueAt: number | null;
}

/** Inputs of {@link planRefresh}. */
export interface RefreshInputs {
  readonly now: Date;
  readonly stories: readonly RecentStory[];
  /** when this process last refreshed each story */
  readonly lastChecked: ReadonlyMap<number, Date>;
  /** what `/v0/updates.json` listed */
  readonly updates: readonly number[];
  /**
   * The id walk's checkpoint: every id at or below it is stored, quarantined or known absent; null
   * before the walk's first batch. An updated id above it is left to the walk, unless stored already.
   */
  readonly walkFrontier: number | null;
  readonly maxAgeMs: number;
  /** most ids per round */
  readonly limit: number;
  readonly cadence?: readonly CadenceStep[];
}

/**
 * Picks a round's ids: those `/v0/updates.json` lists that the walk has passed (or that are stored
 * recent stories), then the recent stories due by the age cadence, longest unchecked first, at most
 * `limit` in all. Pure.
 */
export function planRefresh(inputs: RefreshInputs): RefreshPlan {
  const { now, stories, lastChecked, walkFrontier, maxAgeMs, limit, cadence } = inputs;
  const storyIds = new Set(stories.map((s) => s.id));
  const chosen = new Set<number>();
  for (const id of inputs.updates) {
    if (chosen.size >= limit) break;
    if (storyIds.has(id) || (walkFrontier !== null && id <= walkFrontier)) chosen.add(id);
  }
  const tracked = stories.map((s) => ({ id: s.id, createdAt: s.createdAt, lastCheckedAt: lastChecked.get(s.id) ?? null }));
  const due = dueForRefresh(tracked, now, { maxAgeMs, cadence, limit: Number.MAX_SAFE_INTEGER }).filter((t) => !chosen.has(t.id));
  const room = Math.max(0, limit - chosen.size);
  for (const t of due.slice(0, room)) chosen.add(t.id);
  const ids = [...chosen];
  let nextDueAt: number | null = null;
  for (const t of tracked) {
    if (now.getTime() - t.createdAt.getTime() >= maxAgeMs) continue;
    // a story refreshed this round counts from now
    const at = nextRefreshAt(chosen.has(t.id) ? { ...t, lastCheckedAt: now } : t, { maxAgeMs, cadence });
    if (at !== null && (nextDueAt === null || at < nextDueAt)) nextDueAt = at;
  }
  return { ids, followed: ids.filter((id) => storyIds.has(id)), leftOver: Math.max(0, due.length - room), nextDueAt };
}

/** The shortest wait between two rounds that are not catching up: stories coming due together share a round. */
export const MIN_ROUND_SPACING_MS = 10_000;

/**
 * The wait before the next round: none while due stories are left over, else until the next story
 * is due (at least {@link MIN_ROUND_SPACING_MS}), at most `pollIntervalMs`, since the ids
 * `/v0/updates.json` lists are read once per round.
 */
export function delayUntilNextRound(plan: Pick<RefreshPlan, 'leftOver' | 'nextDueAt'>, now: number, pollIntervalMs: number): number {
  if (plan.leftOver > 0) return 0;
  if (plan.nextDueAt === null) return pollIntervalMs;
  return Math.min(pollIntervalMs, Math.max(MIN_ROUND_SPACING_MS, plan.nextDueAt - now));
}
