import { WriteFailedError } from '@sentiment-ingest/db';
import { FakeClock, MemoryLog } from '../../testing';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { DurableWriter } from './durable-writer';

const batch = { items: ['a', 'b'] };
const ok = { inserted: 2, updated: 0, unchanged: 0, observations: 2, rejected: [] };
const outage = () => new WriteFailedError('connection refused', { retryable: true, sqlState: null });

function writerWith(results: (Error | typeof ok)[], graceMs = 10_000) {
  const clock = new FakeClock({ autoAdvance: true });
  const log = new MemoryLog();
  const metrics = new ScrapeMetrics({ source: 'test' });
  let calls = 0;
  const write = async () => {
    const next = results[Math.min(calls, results.length - 1)];
    calls += 1;
    if (next instanceof Error) throw next;
    return next as typeof ok;
  };
  const writer = new DurableWriter<typeof batch>({
    write,
    rowsOf: (b) => b.items.length,
    clock,
    log,
    metrics,
    backoffMs: (a) => 1000 * a,
    shutdownGraceMs: graceMs,
  });
  return { writer, clock, log, metrics, calls: () => calls };
}

describe('DurableWriter', () => {
  it('retries through a database outage with backoff and stores the batch once it is back', async () => {
    const { writer, clock, log, metrics, calls } = writerWith([outage(), outage(), ok]);
    await expect(writer.write(batch, new AbortController().signal)).resolves.toEqual(ok);
    expect(calls()).toBe(3);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000, 2000]);
    expect(log.lines.filter((l) => l.message === 'database write failed; retrying').map((l) => l.fields['rows'])).toEqual([2, 2]);
    expect(await metrics.registry.metrics()).toContain('scrape_db_write_failures_total{source="test",retryable="true"} 2');
  });

  it('does not retry a write that cannot succeed (a constraint violation)', async () => {
    const broken = new WriteFailedError('check violation', { retryable: false, sqlState: '23514' });
    const { writer, calls } = writerWith([broken]);
    await expect(writer.write(batch, new AbortController().signal)).rejects.toBe(broken);
    expect(calls()).toBe(1);
  });

  it('at shutdown keeps trying for the grace period, then gives up without throwing', async () => {
    const { writer, log, clock } = writerWith([outage()], 5_000);
    const controller = new AbortController();
    controller.abort();
    await expect(writer.write(batch, controller.signal)).resolves.toBeNull();
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000, 2000]);
    expect(log.lines.at(-1)?.message).toMatch(/batch not stored, it will be read again on restart/);
  });
});
