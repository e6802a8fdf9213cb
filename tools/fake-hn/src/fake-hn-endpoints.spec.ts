import type { FakeHnItem, HnItemType } from './fake-hn.types';
import { apiGet, getItem, send, startHarness, type Harness } from './testing/http-harness';

const HOUR = 3600_000;

/** The keys the API may send per type, in Firebase's (alphabetical) order. */
const KEYS: Record<HnItemType, string[]> = {
  story: ['by', 'dead', 'descendants', 'id', 'kids', 'score', 'text', 'time', 'title', 'type', 'url'],
  comment: ['by', 'dead', 'id', 'kids', 'parent', 'text', 'time', 'type'],
  job: ['by', 'id', 'score', 'text', 'time', 'title', 'type', 'url'],
  poll: ['by', 'dead', 'descendants', 'id', 'kids', 'parts', 'score', 'text', 'time', 'title', 'type'],
  pollopt: ['by', 'id', 'poll', 'score', 'text', 'time', 'type'],
};
const REQUIRED: Record<HnItemType, string[]> = {
  story: ['by', 'descendants', 'id', 'score', 'time', 'title', 'type'],
  comment: ['by', 'id', 'parent', 'time', 'type'],
  job: ['by', 'id', 'score', 'time', 'title', 'type'],
  poll: ['by', 'descendants', 'id', 'parts', 'score', 'text', 'time', 'title', 'type'],
  pollopt: ['by', 'id', 'poll', 'score', 'text', 'time', 'type'],
};

describe('FakeHackerNews endpoints', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ seed: 21, startAt: Date.UTC(2024, 4, 1, 12) - 24 * HOUR });
  });
  afterAll(() => harness.fake.stop());

  let truth: { atMs: number; items: FakeHnItem[] } | undefined;

  /** The first item passing `test`, from the ground truth at the current instant. */
  function firstOf(test: (item: FakeHnItem) => boolean): FakeHnItem {
    if (truth?.atMs !== harness.clock.now()) truth = { atMs: harness.clock.now(), items: harness.fake.items() };
    const item = truth.items.find(test);
    if (item === undefined) throw new Error('no such item in the simulation');
    return item;
  }

  it.each(['story', 'comment', 'job', 'poll', 'pollopt'] as const)('serves a live %s in the API shape, keys in alphabetical order', async (type) => {
    const truth = firstOf((item) => item.type === type && !item.deleted && !item.dead && item.kids.length > (type === 'story' ? 0 : -1));
    const json = await getItem(harness, truth.id);
    const keys = Object.keys(json);
    expect(keys).toEqual([...keys].sort());
    expect(keys.every((key) => KEYS[type].includes(key))).toBe(true);
    expect(keys).toEqual(expect.arrayContaining(REQUIRED[type]));
    expect(json).toMatchObject({ id: truth.id, type, time: truth.time, by: truth.author });
    expect(Number.isInteger(json.time) && json.time === Math.floor(truth.createdMs / 1000)).toBe(true);
    if (type === 'comment') expect(json.text).toBe(truth.text);
  });

  it('serves a link story with url and no text, an Ask HN with text and no url', async () => {
    const link = firstOf((item) => item.type === 'story' && item.url !== null && item.text === null && !item.dead && !item.deleted);
    expect(await getItem(harness, link.id)).toMatchObject({ url: link.url, title: link.title });
    const ask = firstOf((item) => item.type === 'story' && item.title!.startsWith('Ask HN: ') && !item.dead && !item.deleted);
    const json = await getItem(harness, ask.id);
    expect(json).not.toHaveProperty('url');
    expect(json.text).toBe(ask.text);
  });

  it('lists kids for a story with comments, and leaves kids out when there are none', async () => {
    const story = firstOf((item) => item.type === 'story' && item.kids.length > 2 && !item.deleted);
    expect((await getItem(harness, story.id)).kids).toEqual(story.kids);
    const lonely = firstOf((item) => item.type === 'story' && item.kids.length === 0 && !item.deleted);
    const json = await getItem(harness, lonely.id);
    expect(json).not.toHaveProperty('kids');
    expect(json.descendants).toBe(0);
  });

  it('answers /v0/maxitem.json with the highest id as a bare number', async () => {
    const response = await apiGet(harness, '/maxitem.json');
    expect(response.text).toBe(String(harness.fake.maxItem()));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers /v0/updates.json with recently changed item ids and profiles', async () => {
    harness.clock.advance(60_000);
    const response = await apiGet(harness, '/updates.json');
    expect(Object.keys(response.json)).toEqual(['items', 'profiles']);
    const { items, profiles } = response.json as { items: number[]; profiles: string[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(100);
    expect(new Set(items).size).toBe(items.length);
    expect(items.every((id) => Number.isInteger(id) && id <= harness.fake.maxItem())).toBe(true);
    expect(profiles.length).toBeGreaterThan(0);
    expect(profiles.every((name) => typeof name === 'string')).toBe(true);
    const since = harness.clock.now() - 120_000;
    expect(items.every((id) => harness.fake.changedIds(since).includes(id))).toBe(true);
  });

  it('answers newstories and topstories with up to 500 live story ids, newest first for new', async () => {
    const newest = (await apiGet(harness, '/newstories.json')).json as number[];
    const top = (await apiGet(harness, '/topstories.json')).json as number[];
    for (const list of [newest, top]) {
      expect(list.length).toBeGreaterThan(100);
      expect(list.length).toBeLessThanOrEqual(500);
      for (const id of list.slice(0, 50)) expect(harness.fake.item(id)).toMatchObject({ deleted: false, dead: false });
    }
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    expect(top).not.toEqual(newest);
  });

  it('answers /v0/user/<id>.json for an author, with their submitted ids, and null for a stranger', async () => {
    const item = firstOf((i) => i.type === 'comment' && !i.deleted);
    const user = (await apiGet(harness, `/user/${item.author}.json`)).json;
    expect(user).toMatchObject({ id: item.author });
    expect(Number.isInteger(user.created) && Number.isInteger(user.karma)).toBe(true);
    expect(user.submitted).toContain(item.id);
    expect(user.submitted).toEqual([...user.submitted].sort((a: number, b: number) => b - a));
    expect((await apiGet(harness, '/user/nobody-at-all.json')).text).toBe('null');
  });

  it('answers null for paths that hold nothing, 404 without .json and 401 to writes, as Firebase does', async () => {
    expect((await apiGet(harness, '/item/0.json')).text).toBe('null');
    expect((await apiGet(harness, '/item/007.json')).text).toBe('null');
    expect((await apiGet(harness, '/nosuchlist.json')).text).toBe('null');
    expect((await apiGet(harness, '/maxitem')).status).toBe(404);
    const write = await send(`${harness.baseUrl}/item/1.json`, { method: 'PUT', body: '{}' });
    expect(write.status).toBe(401);
    expect(write.json).toEqual({ error: 'Permission denied' });
  });

  it('pretty-prints with ?print=pretty and ignores other query parameters', async () => {
    const id = harness.fake.firstId;
    const pretty = await apiGet(harness, `/item/${id}.json?print=pretty`);
    expect(pretty.text).toContain('\n  "by"');
    expect((await apiGet(harness, `/item/${id}.json?auth=x`)).json).toEqual(pretty.json);
  });

  it('counts requests by endpoint and status', () => {
    const { requests } = harness.fake.stats();
    expect(requests['maxitem']).toEqual({ '200': 1 });
    expect(requests['item']!['200']).toBeGreaterThan(5);
    // /item/0.json, /item/007.json and /nosuchlist.json hold nothing
    expect(requests['unknown']).toEqual({ '200': 3, '401': 1, '404': 1 });
  });
});
