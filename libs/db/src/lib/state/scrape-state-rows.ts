import type { ScrapeCheckpoint, ScrapeGap } from '@sentiment-ingest/models';
import { toDate, type TimestampValue } from './timestamptz';

/** An open gap as stored: the gap, its id (to resolve it by) and when it was recorded. */
export interface OpenScrapeGap extends ScrapeGap {
  /** `scrape_gaps.id` (a bigint, kept as text) */
  readonly id: string;
  readonly detectedAt: Date;
}

/** How a gap was closed. */
export interface GapResolution {
  readonly resolvedAt: Date;
  /** what closed it, in a word or two: `backfilled`, `unrecoverable`, ... */
  readonly resolution: string;
  /** how many items the backfill recovered (0 when none could be) */
  readonly recoveredItems: number;
  /** how many items it looked for and the source no longer had; absent when it cannot tell */
  readonly absentItems?: number;
}

/** An item of a source's table, as an engagement refresh needs it. */
export interface RecentItem {
  readonly id: string;
  /** when the item was created (the hypertable's time column) */
  readonly time: Date;
}

export interface CheckpointRow {
  readonly newest_created_utc: TimestampValue | null;
  readonly newest_id: string | null;
  readonly state: Record<string, unknown> | null;
}

export interface OpenGapRow {
  readonly id: string | number;
  readonly gap_start: TimestampValue;
  readonly gap_end: TimestampValue;
  readonly reason: string;
  readonly detected_at: TimestampValue;
}

export interface OpenGapOfSourceRow extends OpenGapRow {
  readonly stream: string;
}

export interface RecentItemRow {
  readonly id: string;
  readonly time: TimestampValue;
}

export function toCheckpoint(source: string, stream: string, row: CheckpointRow): ScrapeCheckpoint {
  return {
    source,
    stream,
    newestCreatedUtc: row.newest_created_utc === null ? null : toDate(row.newest_created_utc),
    newestId: row.newest_id,
    state: row.state ?? {},
  };
}

export function toOpenGap(source: string, stream: string, row: OpenGapRow): OpenScrapeGap {
  return {
    id: String(row.id),
    source,
    stream,
    gapStart: toDate(row.gap_start),
    gapEnd: toDate(row.gap_end),
    reason: row.reason,
    detectedAt: toDate(row.detected_at),
  };
}

export function toRecentItem(row: RecentItemRow): RecentItem {
  return { id: row.id, time: toDate(row.time) };
}

/** The parameters of RESOLVE_GAP_SQL; refuses a resolution the table could not hold or that says nothing. */
export function resolveGapParams(gap: Pick<OpenScrapeGap, 'id' | 'source' | 'stream'>, how: GapResolution): unknown[] {
  const problems: string[] = [];
  if (!/^[1-9][0-9]*$/.test(gap.id)) problems.push(`gap id "${gap.id}" is not an id of scrape_gaps (take it from openGaps)`);
  if (how.resolution.trim() === '') problems.push('say how the gap was resolved (resolution, e.g. "backfilled")');
  for (const [name, count] of [['recoveredItems', how.recoveredItems], ['absentItems', how.absentItems]] as const) {
    if (count === undefined || (Number.isSafeInteger(count) && count >= 0 && count <= 2_147_483_647)) continue;
    problems.push(`${name} must be a whole number from 0 to 2147483647, not ${count}`);
  }
  if (Number.isNaN(how.resolvedAt.getTime())) problems.push('resolvedAt is an invalid date');
  if (problems.length > 0) throw new RangeError(`Cannot resolve gap ${gap.id} of ${gap.source}/${gap.stream}: ${problems.join('; ')}.`);
  return [gap.id, gap.source, gap.stream, how.resolvedAt, how.resolution, how.recoveredItems, how.absentItems ?? null];
}
