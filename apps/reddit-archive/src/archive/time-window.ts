/** The --since (inclusive) / --until (exclusive) window on an item's creation time. */
export interface TimeWindow {
  readonly since: Date | null;
  readonly until: Date | null;
}

/** True when `created` falls in the window; an open end admits everything on its side. Pure. */
export function inTimeWindow(created: Date, window: TimeWindow): boolean {
  const t = created.getTime();
  if (window.since && t < window.since.getTime()) return false;
  if (window.until && t >= window.until.getTime()) return false;
  return true;
}
