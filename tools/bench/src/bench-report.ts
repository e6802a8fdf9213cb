import type { PhaseSummary } from './phase-stats';

/** Everything the report says besides the phases themselves. */
export interface BenchContext {
  readonly rows: number;
  readonly batchSize: number;
  readonly inFlight: number;
  readonly runs: number;
  readonly node: string;
  readonly cpus: number;
  readonly server: { readonly version: string; readonly timescaledb: string; readonly settings: Readonly<Record<string, string>> };
  readonly copyTextBytesPerRow: number;
  readonly storedBytesPerRow: number;
  /** binary COPY bytes of a re-observation row (the unchanged and changed phases) */
  readonly reobservationBytesPerRow: number;
  readonly checkpointed: boolean;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');

const COLUMNS = [
  { title: 'phase', width: 34, align: 'left' },
  { title: 'rows/s', width: 9, align: 'right' },
  { title: 'best ms', width: 8, align: 'right' },
  { title: 'runs ms', width: 22, align: 'left' },
  { title: 'ratio', width: 6, align: 'right' },
  { title: 'target', width: 7, align: 'right' },
  { title: 'verdict', width: 7, align: 'left' },
  { title: 'node cpu s', width: 10, align: 'right' },
  { title: 'server cpu s', width: 12, align: 'right' },
  { title: 'dead rows', width: 9, align: 'right' },
] as const;

function formatRow(cells: readonly string[]): string {
  return COLUMNS.map((column, i) => (column.align === 'left' ? (cells[i] ?? '').padEnd(column.width) : (cells[i] ?? '').padStart(column.width)))
    .join('  ')
    .trimEnd();
}

/** The human-readable report: context lines, then one table row per phase. */
export function formatReport(context: BenchContext, phases: readonly PhaseSummary[]): string {
  const settings = Object.entries(context.server.settings).map(([name, value]) => `${name}=${value}`).join(', ');
  const lines = [
    `write path: ${int(context.rows)} rows per phase, best of ${context.runs} interleaved run(s), SubmissionWriter batches of ${int(context.batchSize)}, ${context.inFlight} in flight`,
    `node ${context.node} on ${context.cpus} CPU(s); PostgreSQL ${context.server.version}, TimescaleDB ${context.server.timescaledb}`,
    `server settings: ${settings}${context.checkpointed ? '' : ' (CHECKPOINT refused: runs are noisier)'}`,
    `row size: ${int(context.copyTextBytesPerRow)} B of COPY text, ${int(context.storedBytesPerRow)} B stored (pg_column_size); ` +
      `a re-observation sends ${int(context.reobservationBytesPerRow)} B of binary COPY`,
    "cpu and dead rows: of each phase's fastest run; server cpu sums the server's processes (/proc: '-' for a server on another host)",
    '',
    formatRow(COLUMNS.map((c) => c.title)),
    ...phases.map((p) =>
      formatRow([
        p.label,
        int(p.rowsPerSecond),
        int(p.bestMs),
        p.runsMs.map((ms) => String(Math.round(ms))).join(', '),
        p.ratio.toFixed(2),
        p.target === null ? '-' : `>= ${p.target.toFixed(2)}`,
        p.verdict ?? '-',
        p.cost ? (p.cost.nodeCpuMs / 1000).toFixed(2) : '-',
        p.cost?.serverCpuMs == null ? '-' : (p.cost.serverCpuMs / 1000).toFixed(2),
        p.cost ? int(p.cost.deadTuples) : '-',
      ]),
    ),
  ];
  return lines.join('\n');
}

/** The one-line JSON summary, for notes and comparisons between runs. */
export function toJsonSummary(context: BenchContext, phases: readonly PhaseSummary[]): string {
  return JSON.stringify({
    bench: 'write-path',
    rows: context.rows,
    batchSize: context.batchSize,
    inFlight: context.inFlight,
    runs: context.runs,
    statistic: 'best',
    node: context.node,
    cpus: context.cpus,
    postgres: context.server.version,
    timescaledb: context.server.timescaledb,
    bytesPerRow: {
      copyText: Math.round(context.copyTextBytesPerRow),
      stored: Math.round(context.storedBytesPerRow),
      reobservation: Math.round(context.reobservationBytesPerRow),
    },
    phases: Object.fromEntries(
      phases.map((p) => [
        p.name,
        {
          rowsPerSecond: Math.round(p.rowsPerSecond),
          ratio: p.ratio,
          target: p.target,
          verdict: p.verdict,
          runsMs: p.runsMs.map(Math.round),
          nodeCpuMs: p.cost ? Math.round(p.cost.nodeCpuMs) : null,
          serverCpuMs: p.cost?.serverCpuMs == null ? null : Math.round(p.cost.serverCpuMs),
          deadTuples: p.cost ? p.cost.deadTuples : null,
        },
      ]),
    ),
  });
}
