import { apiGet, startHarness, walk, type Harness } from './testing/http-harness';

const HOUR = 3600_000;

describe('FakeHackerNews ground truth agrees with the API', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ seed: 61, startAt: Date.UTC(2024, 4, 1, 12) - 3 * HOUR, holeRate: 0.01, deleteRate: 0.05, deadRate: 0.05 });
    harness.clock.advance(10 * 60_000);
  });
  afterAll(() => harness.fake.stop());

  it('serves exactly the items of the ground truth, id by id, and null for its holes and lagging ids', async () => {
    const max = Number((await apiGet(harness, '/maxitem.json')).text);
    expect(max).toBe(harness.fake.maxItem());
    const answers = await walk(harness, harness.fake.firstId, max, 16);
    const items = harness.fake.items();
    expect(items.length).toBeGreaterThan(1200);
    for (const item of items) expect(answers.get(item.id)).toEqual(item.json);
    const lagging = items.filter((item) => item.json === null).map((item) => item.id);
    const nulls = [...answers].filter(([, json]) => json === null).map(([id]) => id);
    expect(nulls.sort((a, b) => a - b)).toEqual([...harness.fake.holes(), ...lagging].sort((a, b) => a - b));
    expect(items.some((item) => item.deleted) && items.some((item) => item.dead)).toBe(true);
  }, 30_000);

  it('counts the requests of every item id', () => {
    const { firstId } = harness.fake;
    const max = harness.fake.maxItem();
    for (let id = firstId; id <= max; id += 97) expect(harness.fake.itemRequests(id)).toBe(1);
    expect(harness.fake.stats().requests['item']).toEqual({ '200': max - firstId + 1 });
  });

  it('serves archive ids as the ground truth says', async () => {
    const ids = [1, 2, 64, 640_000, 640_001, 640_002, harness.fake.firstId - 1];
    for (const id of ids) {
      const answer = (await apiGet(harness, `/item/${id}.json`)).json;
      expect(answer).toEqual(harness.fake.item(id)?.json ?? null);
    }
  });
});
