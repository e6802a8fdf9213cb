import { formatReport, toJsonSummary, type BenchContext } from './bench-report';
import { summarisePhases } from './phase-stats';

const context: BenchContext = {
  rows: 100_000,
  batchSize: 5_000,
  inFlight: 1,
  runs: 3,
  node: 'v20.20.2',
  cpus: 2,
  server: { version: '15.20', timescaledb: '2.19.3 (apache license)', settings: { fsync: 'off' } },
  copyTextBytesPerRow: 1_203.4,
  storedBytesPerRow: 1_087.6,
  reobservationBytesPerRow: 131.2,
  checkpointed: true,
};
const cost = (nodeCpuMs: number, serverCpuMs: number | null, deadTuples: number) => ({ nodeCpuMs, serverCpuMs, deadTuples });
const phases = summarisePhases(
  100_000,
  { copy: [1010, 1000, 1020], new: [1260, 1250, 1270], unchanged: [610, 600, 620], changed: [1210, 1200, 1220] },
  {
    copy: [cost(900, 1000, 0), cost(800, 950, 0), cost(900, 1000, 0)],
    new: [cost(1, 1, 0), cost(700, 1400, 0), cost(1, 1, 0)],
    unchanged: [cost(1, 1, 0), cost(150, 400, 0), cost(1, 1, 0)],
    changed: [cost(1, 1, 1), cost(300, null, 100_000), cost(1, 1, 1)],
  },
);

describe('formatReport', () => {
  it('prints one aligned row per phase with ratio, target and verdict', () => {
    const table = formatReport(context, phases).split('\n').slice(6);
    expect(table[0]).toMatch(/^phase +rows\/s +best ms +runs ms +ratio +target +verdict/);
    expect(table[1]).toMatch(/^COPY FROM STDIN \(baseline\) +100,000 +1,000 +1010, 1000, 1020 +1\.00 +- +- +0\.80 +0\.95 +0$/);
    expect(table[2]).toMatch(/^writer: new rows +80,000 +1,250 +1260, 1250, 1270 +0\.80 +>= 0\.90 +MISS /);
    expect(table[3]).toMatch(/^writer: unchanged re-observation +166,667 .* 1\.67 +>= 1\.50 +PASS /);
    expect(table[4]).toMatch(/ 0\.83 +>= 0\.80 +PASS /);
    const ratioEnd = table[0]!.indexOf('ratio') + 'ratio'.length;
    expect(table.slice(1).map((line) => line.slice(ratioEnd - 4, ratioEnd))).toEqual(['1.00', '0.80', '1.67', '0.83']);
  });

  it("prints the CPU of both sides and the dead rows of each phase's fastest run ('-' when the server's CPU is unknown)", () => {
    const table = formatReport(context, phases).split('\n').slice(6);
    expect(table[0]).toMatch(/verdict +node cpu s +server cpu s +dead rows$/);
    expect(table[2]).toMatch(/PASS|MISS/);
    expect(table[2]).toMatch(/ 0\.70 +1\.40 +0$/);
    expect(table[3]).toMatch(/ 0\.15 +0\.40 +0$/);
    expect(table[4]).toMatch(/ 0\.30 +- +100,000$/);
  });

  it('states the statistic, the row size and the versions', () => {
    const head = formatReport(context, phases);
    expect(head).toContain('best of 3 interleaved run(s), SubmissionWriter batches of 5,000, 1 in flight');
    expect(head).toContain('row size: 1,203 B of COPY text, 1,088 B stored (pg_column_size); a re-observation sends 131 B of binary COPY');
    expect(head).toContain('node v20.20.2 on 2 CPU(s); PostgreSQL 15.20, TimescaleDB 2.19.3 (apache license)');
  });
});

describe('toJsonSummary', () => {
  it('is one line of JSON with every phase', () => {
    const line = toJsonSummary(context, phases);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({
      rows: 100_000,
      statistic: 'best',
      bytesPerRow: { copyText: 1203, stored: 1088, reobservation: 131 },
      phases: {
        copy: { ratio: 1, target: null, nodeCpuMs: 800, serverCpuMs: 950, deadTuples: 0 },
        changed: { ratio: 0.83, target: 0.8, verdict: 'PASS', serverCpuMs: null, deadTuples: 100_000 },
      },
    });
  });
});
