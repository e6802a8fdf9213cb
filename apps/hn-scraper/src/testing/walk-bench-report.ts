/** The figures of one id-walk benchmark run, and how they are printed (pure: tested in walk-bench-report.spec.ts). */

/** What one run measured. Times in ms, sizes in MB. */
export interface WalkBenchFigures {
  readonly firstId: number;
  readonly maxItem: number;
  /** generated items in [firstId, maxItem], holes left out: what hn_items must hold */
  readonly expectedItems: number;
  /** count(*) of hn_items after the walk */
  readonly storedItems: number;
  readonly walkMs: number;
  /** requests the fake served, by endpoint */
  readonly requests: Readonly<Record<string, number>>;
  readonly concurrency: number;
  readonly writeBatch: number;
  /** wall time of the walker's item requests, added up over all of them (they overlap) */
  readonly httpMs: number;
  readonly writes: { readonly count: number; readonly ms: number };
  readonly normalizeUsPerItem: number;
  /** CPU time during the walk */
  readonly cpuMs: { readonly walker: number; readonly fake: number; readonly postgres: number; readonly machine: number };
  readonly cores: number;
  readonly walkerEventLoopUtilization: number;
  readonly walkerPeakRssMb: number;
  readonly walkerHeapUsedMb: number;
  /** how the walker sent its requests */
  readonly transport: string;
  readonly nodeOptions: string;
  readonly fakePeakRssMb: number;
  readonly warnings: number;
}

/** The issue's targets: at least 1,500 items/s end to end, and a walker under 200 MB. */
export const WALK_TARGETS = Object.freeze({ itemsPerSecond: 1_500, peakRssMb: 200 });

/** Figures derived from the measured ones. */
export interface WalkBenchDerived {
  readonly seconds: number;
  readonly itemsPerSecond: number;
  readonly totalRequests: number;
  readonly requestsPerItem: number;
  readonly correct: boolean;
  readonly meetsThroughput: boolean;
  readonly meetsRss: boolean;
}

/** Items/s, requests per item, and the verdicts. */
export function deriveWalkFigures(f: WalkBenchFigures): WalkBenchDerived {
  const seconds = f.walkMs / 1000;
  const itemsPerSecond = seconds > 0 ? f.storedItems / seconds : 0;
  const totalRequests = Object.values(f.requests).reduce((sum, n) => sum + n, 0);
  return {
    seconds,
    itemsPerSecond,
    totalRequests,
    requestsPerItem: f.storedItems > 0 ? totalRequests / f.storedItems : 0,
    correct: f.storedItems === f.expectedItems,
    meetsThroughput: itemsPerSecond >= WALK_TARGETS.itemsPerSecond,
    meetsRss: f.walkerPeakRssMb < WALK_TARGETS.peakRssMb,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The human-readable report. */
export function formatWalkReport(f: WalkBenchFigures): string {
  const d = deriveWalkFigures(f);
  const ids = f.maxItem - f.firstId + 1;
  const itemRequests = f.requests['item'] ?? 0;
  const others = Object.entries(f.requests)
    .filter(([endpoint]) => endpoint !== 'item')
    .map(([endpoint, n]) => `${endpoint} ${int(n)}`)
    .join(', ');
  const normalizeMs = (f.normalizeUsPerItem * itemRequests) / 1000;
  const cpuCapacity = f.walkMs * f.cores;
  const otherCpu = Math.max(0, f.cpuMs.machine - f.cpuMs.walker - f.cpuMs.fake - f.cpuMs.postgres);
  const walkerMsPerItem = f.storedItems > 0 ? f.cpuMs.walker / f.storedItems : 0;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    `hn id walk: ids ${f.firstId}..${f.maxItem} (${int(ids)}), concurrency ${f.concurrency}, write batch ${f.writeBatch}, transport ${f.transport}, walker node ${f.nodeOptions || 'defaults'}`,
    `items stored         ${int(f.storedItems)} of ${int(f.expectedItems)} expected (the fake's items in the range, holes left out): ${d.correct ? 'correct' : 'WRONG'}`,
    `seconds              ${d.seconds.toFixed(1)}`,
    `items/s              ${int(d.itemsPerSecond)} (target >= ${int(WALK_TARGETS.itemsPerSecond)}: ${verdict(d.meetsThroughput)})`,
    `requests per item    ${d.requestsPerItem.toFixed(3)} (${int(d.totalRequests)} requests: item ${int(itemRequests)}${others ? `, ${others}` : ''})`,
    `walker peak RSS      ${f.walkerPeakRssMb.toFixed(0)} MB (target < ${WALK_TARGETS.peakRssMb} MB: ${verdict(d.meetsRss)}; heap used at the end ${f.walkerHeapUsedMb.toFixed(0)} MB); the fake's process: ${f.fakePeakRssMb.toFixed(0)} MB`,
    `warnings logged      ${f.warnings}`,
    '',
    'where the time goes (wall time of the walk, and CPU time during it):',
    `  HTTP, item requests        ${secs(f.httpMs)} summed over overlapping requests: ${(f.httpMs / Math.max(1, itemRequests)).toFixed(2)} ms each, ${(f.httpMs / Math.max(1, f.walkMs)).toFixed(1)} in flight on average of ${f.concurrency}`,
    `  database writes            ${secs(f.writes.ms)} in ${int(f.writes.count)} transactions (${(f.writes.ms / Math.max(1, f.writes.count)).toFixed(1)} ms each, one at a time): ${pct(f.writes.ms, f.walkMs)} of the wall time`,
    `  normalisation (estimated)  ${secs(normalizeMs)} of CPU (${f.normalizeUsPerItem.toFixed(1)} us per payload, timed on a sample)`,
    `  walker event loop busy     ${pct(f.walkerEventLoopUtilization, 1)} of the wall time`,
    `  CPU (${f.cores} cores = ${secs(cpuCapacity)})   walker ${secs(f.cpuMs.walker)} (${pct(f.cpuMs.walker, f.walkMs)} of a core), fake ${secs(f.cpuMs.fake)}, postgres ${secs(f.cpuMs.postgres)}, other ${secs(otherCpu)}; machine busy ${pct(f.cpuMs.machine, cpuCapacity)}`,
    `  walker CPU per item        ${walkerMsPerItem.toFixed(2)} ms (a whole core would walk about ${int(walkerMsPerItem > 0 ? 1000 / walkerMsPerItem : 0)} items/s)`,
  ].join('\n');
}

/** The one-line JSON summary, for notes and comparisons between runs. */
export function toWalkJson(f: WalkBenchFigures): string {
  const d = deriveWalkFigures(f);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return JSON.stringify({
    bench: 'hn-walk',
    ids: f.maxItem - f.firstId + 1,
    items: f.storedItems,
    expectedItems: f.expectedItems,
    correct: d.correct,
    seconds: round1(d.seconds),
    itemsPerSecond: Math.round(d.itemsPerSecond),
    requestsPerItem: Math.round(d.requestsPerItem * 1000) / 1000,
    requests: f.requests,
    walkerPeakRssMb: Math.round(f.walkerPeakRssMb),
    fakePeakRssMb: Math.round(f.fakePeakRssMb),
    concurrency: f.concurrency,
    writeBatch: f.writeBatch,
    transport: f.transport,
    nodeOptions: f.nodeOptions,
    httpMs: Math.round(f.httpMs),
    writes: { count: f.writes.count, ms: Math.round(f.writes.ms) },
    normalizeUsPerItem: round1(f.normalizeUsPerItem),
    cpuMs: Object.fromEntries(Object.entries(f.cpuMs).map(([k, v]) => [k, Math.round(v)])),
    walkerCpuMsPerItem: f.storedItems > 0 ? Math.round((f.cpuMs.walker / f.storedItems) * 1000) / 1000 : 0,
    walkerEventLoopUtilization: Math.round(f.walkerEventLoopUtilization * 100) / 100,
  });
}
