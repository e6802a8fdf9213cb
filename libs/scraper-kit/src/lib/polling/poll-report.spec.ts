import { MemoryLog } from '../../testing/memory-log';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { reportPoll, type PollReport } from './poll-report';

const NOW = Date.parse('2026-11-30T12:00:00Z');

const poll = (overrides: Partial<PollReport> = {}): PollReport => ({
  stream: 'hn:new',
  pages: 2,
  fetched: 150,
  inserted: 40,
  updated: 3,
  rejected: 1,
  gap: null,
  interrupted: false,
  newestCreatedAt: new Date(NOW - 90_000),
  ...overrides,
});

describe('reportPoll', () => {
  it('counts the poll in the shared series, its lag to the newest stored item, and logs one line', async () => {
    const metrics = new ScrapeMetrics({ source: 'hn' });
    const log = new MemoryLog();
    reportPoll({ metrics, log, now: NOW }, poll(), NOW - 2_500);
    const text = await metrics.registry.metrics();
    expect(text).toContain('scrape_items_fetched_total{source="hn",stream="hn:new"} 150');
    expect(text).toContain('scrape_items_inserted_total{source="hn",stream="hn:new"} 40');
    expect(text).toContain('scrape_items_updated_total{source="hn",stream="hn:new"} 3');
    expect(text).toContain('scrape_stream_lag_seconds{source="hn",stream="hn:new"} 90');
    expect(text).toContain('scrape_poll_duration_seconds_sum{source="hn",stream="hn:new"} 2.5');
    expect(text).not.toMatch(/scrape_gaps_total\{/);
    expect(log.lines).toEqual([
      { level: 'info', message: 'poll complete', fields: { stream: 'hn:new', pages: 2, fetched: 150, inserted: 40, updated: 3, rejected: 1 } },
    ]);
  });

  it('warns of a gap with its bounds and counts it; says when a poll was cut short', async () => {
    const metrics = new ScrapeMetrics({ source: 'hn' });
    const log = new MemoryLog();
    const gap = { gapStart: new Date('2026-11-30T10:00:00Z'), gapEnd: new Date('2026-11-30T11:00:00Z') };
    reportPoll({ metrics, log, now: NOW }, poll({ gap, interrupted: true, newestCreatedAt: null }), NOW);
    expect(await metrics.registry.metrics()).toContain('scrape_gaps_total{source="hn",stream="hn:new"} 1');
    expect(await metrics.registry.metrics()).not.toMatch(/scrape_stream_lag_seconds\{/);
    expect(log.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'gap recorded: the listing ended before the checkpoint'],
      ['info', 'poll interrupted; rows written, checkpoint kept'],
    ]);
    expect(log.lines[0]?.fields).toMatchObject({ gapStart: '2026-11-30T10:00:00.000Z', gapEnd: '2026-11-30T11:00:00.000Z' });
  });
});
