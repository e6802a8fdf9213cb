import { apiGet, getItem, startHarness, walk, type Harness } from './testing/http-harness';

describe('FakeHackerNews null lag and holes', () => {
  let harness: Harness;

  afterEach(() => harness.fake.stop());

  it('answers null for a fresh id until its visibleAtMs, then the item; maxitem already counts it', async () => {
    harness = await startHarness({ seed: 31, nullLagMs: 4000, lateRate: 0, holeRate: 0, bursts: false });
    harness.clock.advance(10 * 60_000);
    harness.fake.addBurst(1);
    const id = harness.fake.maxItem();
    expect(Number((await apiGet(harness, '/maxitem.json')).text)).toBe(id);
    const truth = harness.fake.item(id)!;
    expect(truth.visibleAtMs - truth.createdMs).toBeGreaterThanOrEqual(2000);
    expect(truth.visibleAtMs - truth.createdMs).toBeLessThanOrEqual(4000);
    expect(truth.json).toBeNull();
    expect(await getItem(harness, id)).toBeNull();
    harness.clock.advance(truth.visibleAtMs - harness.clock.now() - 1);
    expect(await getItem(harness, id)).toBeNull();
    harness.clock.advance(1);
    expect(await getItem(harness, id)).toEqual(harness.fake.item(id)!.json);
    expect(harness.fake.itemRequests(id)).toBe(3);
  });

  it('answers null for lateLagMs for the late share of items', async () => {
    harness = await startHarness({ seed: 32, lateRate: 0.05, lateLagMs: 60_000, holeRate: 0 });
    harness.clock.advance(5 * 60_000);
    const late = harness.fake.items().filter((item) => item.visibleAtMs - item.createdMs === 60_000);
    expect(late.length).toBeGreaterThan(0);
    const pending = late.filter((item) => item.visibleAtMs > harness.clock.now());
    for (const item of pending) expect(await getItem(harness, item.id)).toBeNull();
    harness.clock.advance(60_000);
    for (const item of pending) expect(await getItem(harness, item.id)).toMatchObject({ id: item.id });
  });

  it('keeps holes null forever, and tells which ids they are', async () => {
    harness = await startHarness({ seed: 33, holeRate: 0.05 });
    harness.clock.advance(60 * 60_000);
    const holes = harness.fake.holes();
    expect(holes.length).toBeGreaterThan(5);
    for (const id of holes) expect(harness.fake.item(id)).toBeUndefined();
    harness.clock.advance(24 * 3600_000);
    const answers = await walk(harness, holes[0]!, holes[holes.length - 1]!);
    for (const id of holes) expect(answers.get(id)).toBeNull();
    expect([...answers.values()].filter((json) => json === null)).toHaveLength(holes.length);
  });

  it('answers null above maxitem and counts those requests', async () => {
    harness = await startHarness({ seed: 34 });
    harness.clock.advance(60_000);
    const next = harness.fake.maxItem() + 1;
    expect(await getItem(harness, next)).toBeNull();
    expect(await getItem(harness, next + 1000)).toBeNull();
    expect(harness.fake.stats().futureItemRequests).toBe(2);
  });

  it('holds an item back by hand with setVisibleAt', async () => {
    harness = await startHarness({ seed: 35, holeRate: 0 });
    harness.clock.advance(10 * 60_000);
    const id = harness.fake.firstId + 3;
    harness.fake.setVisibleAt(id, harness.clock.now() + 30_000);
    expect(await getItem(harness, id)).toBeNull();
    harness.clock.advance(30_000);
    expect(await getItem(harness, id)).toMatchObject({ id });
    expect(() => harness.fake.setVisibleAt(harness.fake.maxItem() + 5, 0)).toThrow(/has been generated/);
  });
});
