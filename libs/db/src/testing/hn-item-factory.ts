import { normalizeHnItem, type HnApiItem, type HnItem } from '@sentiment-ingest/models';

/** When the test items were read; their `time` is before it. */
export const HN_READ_AT = new Date('2026-11-30T12:00:00Z');

/**
 * An HnItem as the scraper stores it: a /v0/item payload (a story by default, `overrides` replacing
 * its fields) through the real normalisation.
 */
export function makeHnItem(id: number, overrides: Partial<HnApiItem> = {}, now: Date = HN_READ_AT): HnItem {
  const payload: HnApiItem = {
    by: `user${id % 97}`,
    id,
    time: Math.floor(now.getTime() / 1000) - 3600 + (id % 600),
    type: 'story',
    title: `Story ${id}`,
    url: `https://example.com/${id}`,
    score: 1 + (id % 50),
    descendants: 0,
    ...overrides,
  };
  const result = normalizeHnItem(payload, { now });
  if (!result.ok) throw new Error(`makeHnItem(${id}): ${JSON.stringify(result)}`);
  return result.item;
}

/** A comment on `parent` (a story or another comment), through the real normalisation. */
export function makeHnComment(id: number, parent: number, overrides: Partial<HnApiItem> = {}, now: Date = HN_READ_AT): HnItem {
  const payload: HnApiItem = {
    by: `user${id % 97}`,
    id,
    parent,
    text: `Comment <i>${id}</i> &amp; more`,
    time: Math.floor(now.getTime() / 1000) - 1800 + (id % 600),
    type: 'comment',
    ...overrides,
  };
  const result = normalizeHnItem(payload, { now });
  if (!result.ok) throw new Error(`makeHnComment(${id}): ${JSON.stringify(result)}`);
  return result.item;
}
