import type { RejectedItem } from '@sentiment-ingest/db';
import { MemoryLog } from '../../testing';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { reportRejected } from './rejection-report';

const item = (itemId: string, stage: RejectedItem['stage']): RejectedItem => ({
  source: 'test',
  stream: 'items',
  itemKind: 'story',
  itemId,
  stage,
  reason: 'bad',
  sqlState: stage === 'write' ? '22P02' : null,
  payload: {},
});

describe('reportRejected', () => {
  it('logs one warning per item with its id, stage, reason and SQLSTATE, and counts it by stage', async () => {
    const log = new MemoryLog();
    const metrics = new ScrapeMetrics({ source: 'test' });
    reportRejected(log, metrics, 'items', [item('a', 'normalize'), item('b', 'write'), item('c', 'write')]);
    expect(log.lines.map((l) => [l.level, l.message, l.fields])).toEqual([
      ['warn', 'item rejected', { stream: 'items', id: 'a', stage: 'normalize', reason: 'bad', sqlState: null }],
      ['warn', 'item rejected', { stream: 'items', id: 'b', stage: 'write', reason: 'bad', sqlState: '22P02' }],
      ['warn', 'item rejected', { stream: 'items', id: 'c', stage: 'write', reason: 'bad', sqlState: '22P02' }],
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('scrape_items_rejected_total{source="test",stream="items",stage="write"} 2');
    expect(text).toContain('scrape_items_rejected_total{source="test",stream="items",stage="normalize"} 1');
  });
});
