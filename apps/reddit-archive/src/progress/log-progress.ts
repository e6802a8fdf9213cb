import type { Log } from '@sentiment-ingest/runtime';
import { progressFigures, type ProgressSink, type ProgressSnapshot } from './progress';

/**
 * Progress as plain JSON log lines, one every `intervalMs` at most (not a terminal: a log file,
 * a container, CI): bytes, lines, stored rows and rows/s, ETA of the current file.
 */
export class LogProgress implements ProgressSink {
  private lastAt = -Infinity;
  private fileStartedAt = 0;

  constructor(
    private readonly log: Log,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  startFile(file: string, totalBytes: number | null): void {
    this.fileStartedAt = this.now();
    this.log.info({ file, totalBytes }, 'reading');
  }

  update(s: ProgressSnapshot): void {
    const at = this.now();
    if (at - this.lastAt < this.intervalMs) return;
    this.lastAt = at;
    const f = progressFigures(s, at - this.fileStartedAt);
    this.log.info(
      {
        file: s.file,
        bytesRead: s.fileBytesRead,
        totalBytes: s.fileTotalBytes,
        percent: f.percent === null ? null : Math.round(f.percent * 10) / 10,
        lines: s.lines,
        matched: s.matched,
        stored: s.stored,
        rejected: s.rejected,
        rowsPerSecond: Math.round(f.rowsPerSecond),
        linesPerSecond: Math.round(f.linesPerSecond),
        etaSeconds: f.etaSeconds === null ? null : Math.round(f.etaSeconds),
      },
      'progress',
    );
  }

  stop(): void {
    // the summary follows; nothing to clean up
  }
}
