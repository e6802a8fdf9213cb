import type { ImportCounters } from '../archive/counters';
import { perSecond } from '../archive/counters';

/** What a person watching an import wants to know, at one moment. */
export interface ProgressSnapshot {
  /** the input being read */
  readonly file: string;
  /** bytes of the current file read (compressed for a .zst) */
  readonly fileBytesRead: number;
  /** size of the current file on disk; null for stdin */
  readonly fileTotalBytes: number | null;
  readonly lines: number;
  readonly matched: number;
  readonly stored: number;
  readonly rejected: number;
  readonly elapsedMs: number;
}

/** The figures derived from a snapshot: rates, percentage, ETA of the current file. */
export interface ProgressFigures {
  readonly linesPerSecond: number;
  readonly rowsPerSecond: number;
  readonly bytesPerSecond: number;
  /** 0–100 of the current file; null when its size is unknown */
  readonly percent: number | null;
  /** seconds left for the current file at the mean speed so far; null when unknown */
  readonly etaSeconds: number | null;
}

/** Rates over the whole run; the ETA assumes the rest of the file reads at the mean speed of this file. Pure. */
export function progressFigures(s: ProgressSnapshot, fileElapsedMs: number): ProgressFigures {
  const bytesPerSecond = perSecond(s.fileBytesRead, fileElapsedMs);
  const known = s.fileTotalBytes !== null && s.fileTotalBytes > 0;
  const percent = known ? Math.min(100, (100 * s.fileBytesRead) / (s.fileTotalBytes as number)) : null;
  const etaSeconds = known && bytesPerSecond > 0 ? Math.max(0, ((s.fileTotalBytes as number) - s.fileBytesRead) / bytesPerSecond) : null;
  return {
    linesPerSecond: perSecond(s.lines, s.elapsedMs),
    rowsPerSecond: perSecond(s.stored, s.elapsedMs),
    bytesPerSecond,
    percent,
    etaSeconds,
  };
}

/** A snapshot from the counters and the current input. */
export function snapshotOf(counters: ImportCounters, file: string, fileBytesRead: number, fileTotalBytes: number | null, elapsedMs: number): ProgressSnapshot {
  return {
    file,
    fileBytesRead,
    fileTotalBytes,
    lines: counters.linesRead,
    matched: counters.matched,
    stored: counters.stored,
    rejected: counters.rejectedTotal,
    elapsedMs,
  };
}

/** Port: shows progress. `update` is called often; a sink decides how often it shows anything. */
export interface ProgressSink {
  /** a new input starts */
  startFile(file: string, totalBytes: number | null): void;
  update(snapshot: ProgressSnapshot): void;
  /** the run ended (whatever the outcome): leave the terminal clean */
  stop(): void;
}

/** `1.2 MB`, `3.4 GB` (decimal units, like zstd and ls -h --si). Pure. */
export function formatBytesShort(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
