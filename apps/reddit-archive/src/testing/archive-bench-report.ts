/** Figures of one scenario of the archive-import benchmark. */
export interface ScenarioFigures {
  readonly name: 'all' | 'five-percent';
  readonly subreddits: readonly string[];
  readonly importMs: number;
  readonly expectedRows: number;
  readonly storedRows: number;
  /** COPY of the stored rows into the truncated raw hypertable alone */
  readonly copyRawMs: number;
  /** COPY of every table the import wrote (keys, raw hypertable, metrics hypertable) */
  readonly copyAllMs: number;
  readonly importerPeakRssMb: number;
  readonly zstdPeakRssMb: number;
  /** CPU ms during the import: the importer (node), its zstd, PostgreSQL's processes, the whole machine */
  readonly cpuMs: { readonly importer: number; readonly zstd: number; readonly postgres: number; readonly machine: number };
}

/** Figures of one run. */
export interface ArchiveBenchFigures {
  readonly kind: string;
  readonly seed: number;
  readonly decompressedBytes: number;
  readonly compressedBytes: number;
  readonly lines: number;
  readonly generateMs: number;
  readonly zstdDecodeMs: number;
  readonly cores: number;
  readonly scenarios: readonly ScenarioFigures[];
}

/** Derived figures of a scenario. Pure. */
export function derive(s: ScenarioFigures, zstdDecodeMs: number, lines: number) {
  return {
    rowsPerS: s.importMs > 0 ? (s.storedRows * 1000) / s.importMs : 0,
    linesPerS: s.importMs > 0 ? (lines * 1000) / s.importMs : 0,
    copyRawRowsPerS: s.copyRawMs > 0 ? (s.storedRows * 1000) / s.copyRawMs : 0,
    /** throughput relative to COPY into the raw hypertable (target ≥ 0.8 at 100%) */
    ratioToCopyRaw: s.importMs > 0 ? s.copyRawMs / s.importMs : 0,
    ratioToCopyAll: s.importMs > 0 ? s.copyAllMs / s.importMs : 0,
    /** import time over (zstd decode + COPY of the stored rows) (target ≤ 1.5 at ~5%) */
    timeOverDecodePlusCopyRaw: zstdDecodeMs + s.copyRawMs > 0 ? s.importMs / (zstdDecodeMs + s.copyRawMs) : 0,
    timeOverDecodePlusCopyAll: zstdDecodeMs + s.copyAllMs > 0 ? s.importMs / (zstdDecodeMs + s.copyAllMs) : 0,
    correct: s.storedRows === s.expectedRows,
  };
}

const f = (n: number, digits = 2) => n.toFixed(digits);
const s = (ms: number) => `${f(ms / 1000, 1)} s`;

/** The human-readable report. Pure. */
export function formatArchiveReport(r: ArchiveBenchFigures): string {
  const out = [
    `archive import: ${r.kind}, ${f(r.decompressedBytes / 2 ** 20, 0)} MiB decompressed (${r.lines} lines), ${f(r.compressedBytes / 2 ** 20, 1)} MiB .zst (--long=31), seed ${r.seed}, ${r.cores} cores`,
    `zstd -dc --long=31 > /dev/null: ${s(r.zstdDecodeMs)} (${f(r.decompressedBytes / 2 ** 20 / (r.zstdDecodeMs / 1000), 0)} MiB/s)`,
  ];
  for (const sc of r.scenarios) {
    const d = derive(sc, r.zstdDecodeMs, r.lines);
    out.push(
      '',
      sc.name === 'all' ? 'every line wanted (no --subreddits):' : `~5% wanted (--subreddits ${sc.subreddits.join(',')}):`,
      `  import            ${s(sc.importMs)}, ${sc.storedRows} rows stored (expected ${sc.expectedRows}${d.correct ? '' : ': WRONG'}), ${f(d.rowsPerS, 0)} rows/s, ${f(d.linesPerS, 0)} lines/s`,
      `  COPY stored rows  raw table ${s(sc.copyRawMs)} (${f(d.copyRawRowsPerS, 0)} rows/s); keys + raw + metrics ${s(sc.copyAllMs)}`,
      sc.name === 'all'
        ? `  ratio to COPY     ${f(d.ratioToCopyRaw)}x (raw table), ${f(d.ratioToCopyAll)}x (all three tables)  [target >= 0.8x]`
        : `  import / (decode + COPY)  ${f(d.timeOverDecodePlusCopyRaw)}x (raw table), ${f(d.timeOverDecodePlusCopyAll)}x (all three tables)  [target <= 1.5x]`,
      `  peak RSS          importer ${f(sc.importerPeakRssMb, 0)} MB (node, VmHWM) [target < 300 MB]; its zstd ${f(sc.zstdPeakRssMb, 0)} MB`,
      `  CPU during import importer ${s(sc.cpuMs.importer)}, zstd ${s(sc.cpuMs.zstd)}, postgres ${s(sc.cpuMs.postgres)}, machine ${s(sc.cpuMs.machine)} of ${s(sc.importMs * r.cores)} available`,
    );
  }
  return out.join('\n');
}

/** One JSON line of every figure, derived ones included. Pure. */
export function toArchiveJson(r: ArchiveBenchFigures): string {
  return JSON.stringify({ ...r, scenarios: r.scenarios.map((sc) => ({ ...sc, ...derive(sc, r.zstdDecodeMs, r.lines) })) });
}
