import type { ScrapeCheckpoint } from '@sentiment-ingest/models';

/** The stream name of the id walk in scrape_checkpoints, logs and metrics. */
export const HN_WALK_STREAM = 'items';

/**
 * An id the API answered `null` for longer than the null retry allows, recorded absent so that the
 * walk moves on. It is asked again now and then until `expiresAt`, and stored if it ever answers.
 */
export interface AbsentId {
  readonly id: number;
  /** ms since the epoch: when to stop asking */
  readonly expiresAt: number;
  /** ms since the epoch: when it was last asked */
  readonly checkedAt: number;
}

/** Where the walk stands, as its checkpoint row keeps it. */
export interface WalkPosition {
  /** every id at or below it is stored, quarantined or known absent */
  readonly frontier: number;
  /** creation time of the newest item stored at or below the frontier (the stream's lag is measured to it) */
  readonly newestCreatedAt: Date | null;
  readonly absent: readonly AbsentId[];
}

/** Most absent ids carried in the checkpoint (the oldest are dropped first). */
export const MAX_ABSENT_IDS = 2_000;

/**
 * The walk's position from its checkpoint row: `newest_id` holds the frontier, `state.absent` the
 * absent ids still asked (`[id, expiresAt, checkedAt]` triples, compact because the row is rewritten
 * with every batch). Null when there is no checkpoint (a first run) or it is not a walk's.
 */
export function positionOf(checkpoint: ScrapeCheckpoint | null): WalkPosition | null {
  if (checkpoint === null || checkpoint.newestId === null || !/^\d+$/.test(checkpoint.newestId)) return null;
  const frontier = Number(checkpoint.newestId);
  if (!Number.isSafeInteger(frontier)) return null;
  const triples = Array.isArray(checkpoint.state['absent']) ? (checkpoint.state['absent'] as unknown[]) : [];
  const absent: AbsentId[] = [];
  for (const triple of triples) {
    if (!Array.isArray(triple) || triple.length !== 3 || !triple.every((n) => Number.isSafeInteger(n))) continue;
    const [id, expiresAt, checkedAt] = triple as [number, number, number];
    absent.push({ id, expiresAt, checkedAt });
  }
  return { frontier, newestCreatedAt: checkpoint.newestCreatedUtc, absent };
}

/** The checkpoint row of a position (the inverse of {@link positionOf}). */
export function checkpointOf(source: string, position: WalkPosition): ScrapeCheckpoint {
  return {
    source,
    stream: HN_WALK_STREAM,
    newestId: String(position.frontier),
    newestCreatedUtc: position.newestCreatedAt,
    state: { absent: position.absent.map((a) => [a.id, a.expiresAt, a.checkedAt]) },
  };
}

/** The absent ids still worth asking at `now`, at most {@link MAX_ABSENT_IDS} (the newest kept). */
export function liveAbsentIds(absent: readonly AbsentId[], now: number): AbsentId[] {
  const live = absent.filter((a) => a.expiresAt > now);
  live.sort((a, b) => a.id - b.id);
  return live.slice(-MAX_ABSENT_IDS);
}
