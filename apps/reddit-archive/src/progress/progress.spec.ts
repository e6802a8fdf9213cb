import { PassThrough } from 'node:stream';
import type { Log } from '@sentiment-ingest/runtime';
import { BarProgress } from './bar-progress';
import { LogProgress } from './log-progress';
import { formatBytesShort, progressFigures, type ProgressSnapshot } from './progress';

const snapshot = (over: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  file: 'RS_2023-01.zst',
  fileBytesRead: 250,
  fileTotalBytes: 1000,
  lines: 5000,
  matched: 100,
  stored: 80,
  rejected: 2,
  elapsedMs: 10_000,
  ...over,
});

describe('progressFigures', () => {
  it('gives rates, percentage and ETA of the file', () => {
    const f = progressFigures(snapshot(), 5_000);
    expect(f.linesPerSecond).toBe(500);
    expect(f.rowsPerSecond).toBe(8);
    expect(f.bytesPerSecond).toBe(50);
    expect(f.percent).toBe(25);
    expect(f.etaSeconds).toBe(15);
  });
  it('has no percentage or ETA for stdin', () => {
    const f = progressFigures(snapshot({ fileTotalBytes: null }), 5_000);
    expect([f.percent, f.etaSeconds]).toEqual([null, null]);
  });
});

describe('LogProgress', () => {
  it('logs one JSON progress line per interval at most', () => {
    const lines: Record<string, unknown>[] = [];
    const log: Log = { debug: () => undefined, info: (fields, message) => lines.push({ ...fields, message }), warn: () => undefined, error: () => undefined };
    let now = 0;
    const progress = new LogProgress(log, 10_000, () => now);
    progress.startFile('RS_2023-01.zst', 1000);
    progress.update(snapshot());
    now = 5_000;
    progress.update(snapshot());
    now = 10_000;
    progress.update(snapshot({ fileBytesRead: 500 }));
    const progressLines = lines.filter((l) => l['message'] === 'progress');
    expect(progressLines).toHaveLength(2);
    expect(progressLines[1]).toMatchObject({ bytesRead: 500, totalBytes: 1000, lines: 5000, stored: 80, rowsPerSecond: 8, percent: 50, etaSeconds: 10 });
  });
});

describe('formatBytesShort', () => {
  it('uses decimal units', () => {
    expect(formatBytesShort(999)).toBe('999 B');
    expect(formatBytesShort(1_500_000)).toBe('1.5 MB');
    expect(formatBytesShort(31_000_000_000)).toBe('31.0 GB');
  });
});

describe('BarProgress', () => {
  it('draws bytes read, lines, rows stored/s and the ETA on a terminal stream', () => {
    const out = Object.assign(new PassThrough(), { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let written = '';
    out.on('data', (chunk: Buffer) => (written += chunk.toString()));
    let now = 0;
    const bar = new BarProgress(out as unknown as NodeJS.WriteStream, () => now);
    bar.startFile('RS_2023-01.zst', 1_000_000);
    now = 2_000;
    bar.update(snapshot({ fileBytesRead: 500_000, lines: 12_345, stored: 800 }));
    bar.stop();
    expect(written).toContain('RS_2023-01.zst');
    expect(written).toContain('500.0 kB/1.0 MB');
    expect(written).toContain('12,345 lines');
    expect(written).toContain('800 stored');
    expect(written).toMatch(/ETA/);
  });
});
