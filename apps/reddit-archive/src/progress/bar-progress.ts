import { SingleBar } from 'cli-progress';
import { formatBytesShort, progressFigures, type ProgressSink, type ProgressSnapshot } from './progress';

/** A progress bar for a terminal (cli-progress): compressed bytes read of the file, lines, rows stored/s, ETA. */
export class BarProgress implements ProgressSink {
  private bar: SingleBar | null = null;
  private fileStartedAt = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly now: () => number = Date.now,
  ) {}

  startFile(file: string, totalBytes: number | null): void {
    this.bar?.stop();
    this.fileStartedAt = this.now();
    this.bar = new SingleBar({
      stream: this.stream,
      format: `${file} [{bar}] {percentage}% | {read}/{size} | {lines} lines | {stored} stored | {rate} rows/s | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    });
    this.bar.start(totalBytes ?? 0, 0, { read: '0 B', size: totalBytes === null ? '?' : formatBytesShort(totalBytes), lines: 0, stored: 0, rate: 0 });
  }

  update(s: ProgressSnapshot): void {
    if (!this.bar) return;
    const f = progressFigures(s, this.now() - this.fileStartedAt);
    this.bar.update(s.fileBytesRead, {
      read: formatBytesShort(s.fileBytesRead),
      lines: s.lines.toLocaleString('en-US'),
      stored: s.stored.toLocaleString('en-US'),
      rate: Math.round(f.rowsPerSecond).toLocaleString('en-US'),
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
