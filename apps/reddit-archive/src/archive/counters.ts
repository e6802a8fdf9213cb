import { REJECT_REASONS, type RejectReason } from './reject-reasons';

/** What an import has done so far. Mutable, owned by the import loop; read by progress and the summary. */
export class ImportCounters {
  /** compressed (on-disk) bytes read, over all inputs */
  bytesRead = 0;
  /** decoded bytes of lines read */
  decodedBytes = 0;
  linesRead = 0;
  /** lines committed by an earlier, interrupted run: decoded again, not parsed (not in `linesRead`) */
  resumedPast = 0;
  /** lines of other subreddits or outside --since/--until (not rejects: they were not asked for) */
  skipped = 0;
  /** lines that passed every filter and were handed to the writer */
  matched = 0;
  inserted = 0;
  updated = 0;
  /** already stored, the same or newer: not rewritten */
  unchanged = 0;
  /** open scrape gaps a fully imported file covered and resolved (resolution 'archive') */
  gapsResolved = 0;
  readonly rejected = new Map<RejectReason, number>();

  reject(reason: RejectReason, n = 1): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + n);
  }

  get rejectedTotal(): number {
    let total = 0;
    for (const n of this.rejected.values()) total += n;
    return total;
  }

  /** rows written (inserted or updated) */
  get stored(): number {
    return this.inserted + this.updated;
  }
}

/** Per second over `ms`; 0 for an empty interval. */
export const perSecond = (n: number, ms: number): number => (ms > 0 ? (n * 1000) / ms : 0);

/** `1,234,567` */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `1h 02m 03s`, `4m 05s`, `6.1s` */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${rest}s` : `${m}m ${rest}s`;
}

/**
 * The end-of-run table: lines read, matched, inserted, updated, unchanged, skipped, rejected (by
 * reason, in a fixed order, only those that occurred), scrape gaps resolved, duration and rows/s. Pure.
 */
export function formatSummary(c: ImportCounters, durationMs: number): string {
  const rows: [string, string][] = [
    ['lines read', formatCount(c.linesRead)],
    ...(c.resumedPast > 0 ? [['lines passed over (imported by an earlier run)', formatCount(c.resumedPast)] as [string, string]] : []),
    ['skipped (other subreddits, outside --since/--until)', formatCount(c.skipped)],
    ['matched', formatCount(c.matched)],
    ['inserted', formatCount(c.inserted)],
    ['updated', formatCount(c.updated)],
    ['unchanged (already stored)', formatCount(c.unchanged)],
    ['rejected', formatCount(c.rejectedTotal)],
  ];
  for (const reason of REJECT_REASONS) {
    const n = c.rejected.get(reason);
    if (n) rows.push([`  ${reason}`, formatCount(n)]);
  }
  rows.push(['gaps resolved', formatCount(c.gapsResolved)]);
  rows.push(['duration', formatElapsed(durationMs)]);
  rows.push(['rows/s (inserted + updated)', formatCount(perSecond(c.stored, durationMs))]);
  rows.push(['lines/s', formatCount(perSecond(c.linesRead, durationMs))]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const rule = `${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}`;
  return ['import summary', rule, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value.padStart(valueWidth)}`), rule, ''].join('\n');
}
