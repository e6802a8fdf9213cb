import { deriveWalkFigures, formatWalkReport, toWalkJson, type WalkBenchFigures } from './walk-bench-report';

const figures: WalkBenchFigures = {
  firstId: 40_000_000,
  maxItem: 40_099_999,
  expectedItems: 99_700,
  storedItems: 99_700,
  walkMs: 50_000,
  requests: { maxitem: 3, item: 100_300 },
  concurrency: 32,
  writeBatch: 500,
  httpMs: 1_500_000,
  writes: { count: 200, ms: 20_000 },
  normalizeUsPerItem: 12.5,
  cpuMs: { walker: 40_000, fake: 20_000, postgres: 15_000, machine: 90_000 },
  cores: 2,
  walkerEventLoopUtilization: 0.81,
  walkerPeakRssMb: 150.4,
  walkerHeapUsedMb: 40.2,
  transport: 'fetch',
  nodeOptions: '--max-old-space-size=128',
  fakePeakRssMb: 300,
  warnings: 0,
};

describe('deriveWalkFigures', () => {
  it('derives items/s, requests per item and the verdicts', () => {
    expect(deriveWalkFigures(figures)).toEqual({
      seconds: 50,
      itemsPerSecond: 1_994,
      totalRequests: 100_303,
      requestsPerItem: 100_303 / 99_700,
      correct: true,
      meetsThroughput: true,
      meetsRss: true,
    });
  });

  it('fails what is missed, and divides nothing by zero', () => {
    expect(deriveWalkFigures({ ...figures, storedItems: 99_699, walkMs: 100_000, walkerPeakRssMb: 200 })).toMatchObject({
      correct: false,
      meetsThroughput: false,
      meetsRss: false,
    });
    expect(deriveWalkFigures({ ...figures, storedItems: 0, walkMs: 0 })).toMatchObject({ itemsPerSecond: 0, requestsPerItem: 0 });
  });
});

describe('formatWalkReport', () => {
  it('prints the figures and where the time goes', () => {
    expect(formatWalkReport(figures)).toBe(
      [
        'hn id walk: ids 40000000..40099999 (100,000), concurrency 32, write batch 500, transport fetch, walker node --max-old-space-size=128',
        "items stored         99,700 of 99,700 expected (the fake's items in the range, holes left out): correct",
        'seconds              50.0',
        'items/s              1,994 (target >= 1,500: met)',
        'requests per item    1.006 (100,303 requests: item 100,300, maxitem 3)',
        "walker peak RSS      150 MB (target < 200 MB: met; heap used at the end 40 MB); the fake's process: 300 MB",
        'warnings logged      0',
        '',
        'where the time goes (wall time of the walk, and CPU time during it):',
        '  HTTP, item requests        1500.0 s summed over overlapping requests: 14.96 ms each, 30.0 in flight on average of 32',
        '  database writes            20.0 s in 200 transactions (100.0 ms each, one at a time): 40% of the wall time',
        '  normalisation (estimated)  1.3 s of CPU (12.5 us per payload, timed on a sample)',
        '  walker event loop busy     81% of the wall time',
        '  CPU (2 cores = 100.0 s)   walker 40.0 s (80% of a core), fake 20.0 s, postgres 15.0 s, other 15.0 s; machine busy 90%',
        '  walker CPU per item        0.40 ms (a whole core would walk about 2,493 items/s)',
      ].join('\n'),
    );
  });

  it('says WRONG and MISSED when the count or a target is off', () => {
    const text = formatWalkReport({ ...figures, storedItems: 99_000, walkMs: 99_000, walkerPeakRssMb: 250 });
    expect(text).toContain('99,000 of 99,700 expected');
    expect(text).toContain(': WRONG');
    expect(text).toContain('(target >= 1,500: MISSED)');
    expect(text).toContain('(target < 200 MB: MISSED;');
  });
});

describe('toWalkJson', () => {
  it('is one line of rounded figures', () => {
    const json = toWalkJson(figures);
    expect(json).not.toContain('\n');
    expect(JSON.parse(json)).toMatchObject({
      bench: 'hn-walk',
      ids: 100_000,
      items: 99_700,
      correct: true,
      seconds: 50,
      itemsPerSecond: 1_994,
      requestsPerItem: 1.006,
      walkerPeakRssMb: 150,
      cpuMs: { walker: 40_000, fake: 20_000, postgres: 15_000, machine: 90_000 },
      walkerEventLoopUtilization: 0.81,
      walkerCpuMsPerItem: 0.401,
    });
  });
});
