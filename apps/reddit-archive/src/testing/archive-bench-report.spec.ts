import { derive, formatArchiveReport, toArchiveJson, type ArchiveBenchFigures, type ScenarioFigures } from './archive-bench-report';

const all: ScenarioFigures = {
  name: 'all',
  subreddits: [],
  importMs: 10_000,
  expectedRows: 1000,
  storedRows: 1000,
  copyRawMs: 8_000,
  copyAllMs: 9_000,
  importerPeakRssMb: 120,
  zstdPeakRssMb: 900,
  cpuMs: { importer: 9_000, zstd: 1_000, postgres: 6_000, machine: 17_000 },
};
const five: ScenarioFigures = { ...all, name: 'five-percent', subreddits: ['stocks'], importMs: 3_000, expectedRows: 50, storedRows: 49, copyRawMs: 500, copyAllMs: 1_000 };
const figures: ArchiveBenchFigures = { kind: 'submissions', seed: 42, decompressedBytes: 2 ** 20, compressedBytes: 2 ** 18, lines: 1010, generateMs: 1, zstdDecodeMs: 1_500, cores: 2, scenarios: [all, five] };

describe('archive bench report', () => {
  it('derives rows/s, the ratio to COPY and the time against decode + COPY', () => {
    expect(derive(all, 1_500, 1010)).toMatchObject({ rowsPerS: 100, copyRawRowsPerS: 125, ratioToCopyRaw: 0.8, ratioToCopyAll: 0.9, correct: true });
    expect(derive(five, 1_500, 1010)).toMatchObject({ timeOverDecodePlusCopyRaw: 1.5, timeOverDecodePlusCopyAll: 3_000 / 2_500, correct: false });
  });

  it('prints both scenarios against their targets, and every figure as one JSON line', () => {
    const text = formatArchiveReport(figures);
    expect(text).toContain('ratio to COPY     0.80x (raw table)');
    expect(text).toContain('import / (decode + COPY)  1.50x (raw table)');
    expect(text).toContain('49 rows stored (expected 50: WRONG)');
    const json = JSON.parse(toArchiveJson(figures)) as { scenarios: { ratioToCopyRaw: number }[] };
    expect(json.scenarios[0]?.ratioToCopyRaw).toBe(0.8);
  });
});
