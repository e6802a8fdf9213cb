import { FakeHackerNewsConfigError } from './errors';
import { FakeHackerNews } from './fake-hn';
import type { FakeHackerNewsOptions, FakeHnItem } from './fake-hn.types';
import { ManualClock, T0 } from './testing/http-harness';

const HOUR = 3600_000;

function fakeAt(options: Partial<FakeHackerNewsOptions>, hours: number): { fake: FakeHackerNews; clock: ManualClock } {
  const clock = new ManualClock(T0);
  const fake = new FakeHackerNews({ clock, ...options });
  clock.advance(hours * HOUR);
  return { fake, clock };
}

/** What identifies an item's content and place, for comparisons. */
const summary = (item: FakeHnItem) => [item.id, item.type, item.createdMs, item.parent, item.author, item.title, item.text, item.score];

describe('FakeHackerNews simulation', () => {
  it('creates the same items from the same seed, and other items from another', () => {
    const a = fakeAt({ seed: 7 }, 6).fake.items();
    const b = fakeAt({ seed: 7 }, 6).fake.items();
    expect(a.length).toBeGreaterThan(2000);
    expect(b.map(summary)).toEqual(a.map(summary));
    expect(b.map((item) => item.json)).toEqual(a.map((item) => item.json));
    const other = fakeAt({ seed: 8 }, 6).fake.items();
    expect(other.map((item) => item.text)).not.toEqual(a.map((item) => item.text));
  });

  it('creates the same items and events whether the clock moves in small steps or in one jump', () => {
    const clock = new ManualClock(T0);
    const stepped = new FakeHackerNews({ clock, seed: 3 });
    for (let i = 0; i < 6 * 60; i++) {
      clock.advance(60_000);
      stepped.maxItem();
    }
    const jumped = fakeAt({ seed: 3 }, 6).fake;
    expect(stepped.items().map((item) => item.json)).toEqual(jumped.items().map((item) => item.json));
    expect(stepped.deletedIds()).toEqual(jumped.deletedIds());
  });

  it('gives every id a place: dense from firstId to maxitem, items and holes, times growing with the id', () => {
    const { fake } = fakeAt({ seed: 5, holeRate: 0.01 }, 12);
    const items = fake.items();
    const holes = fake.holes();
    const ids = [...items.map((item) => item.id), ...holes].sort((x, y) => x - y);
    expect(ids[0]).toBe(fake.firstId);
    expect(ids).toEqual(Array.from({ length: fake.maxItem() - fake.firstId + 1 }, (_, i) => fake.firstId + i));
    expect(holes.length).toBeGreaterThan(ids.length * 0.005);
    expect(items.every((item, i) => i === 0 || (item.createdMs >= items[i - 1]!.createdMs && item.time >= items[i - 1]!.time))).toBe(true);
    expect(items.every((item) => item.createdMs > T0 && item.createdMs <= T0 + 12 * HOUR)).toBe(true);
  });

  it('creates about itemsPerMinute items with bursts on top, and a burst by hand', () => {
    const { fake, clock } = fakeAt({ seed: 6, itemsPerMinute: 10, bursts: { everyMinutes: 60, size: 100, spreadSeconds: 10 } }, 24);
    const created = fake.maxItem() - fake.firstId + 1;
    expect(created).toBeGreaterThan(14_400 + 10 * 100);
    expect(created).toBeLessThan(14_400 * 1.1 + 40 * 100);
    const before = fake.maxItem();
    fake.addBurst(500);
    expect(fake.maxItem()).toBe(before + 500 + countPollOptions(fake, before + 1));
    const burst = fake.items({ from: before + 1 });
    expect(burst.every((item) => item.createdMs > clock.now() - 1000 && item.createdMs <= clock.now())).toBe(true);
  });

  it('refuses a burst that would put ids before older ones, or a nonsense count', () => {
    const { fake, clock } = fakeAt({ seed: 6 }, 1);
    expect(() => fake.addBurst(10, { at: clock.now() - HOUR })).toThrow(/must not be before the newest item/);
    expect(() => fake.addBurst(0)).toThrow(FakeHackerNewsConfigError);
  });

  it('queues a burst for later, created when the clock gets there', () => {
    const { fake, clock } = fakeAt({ seed: 6, itemsPerMinute: 0, bursts: false }, 0);
    fake.addBurst(20, { at: clock.now() + 60_000 });
    expect(fake.maxItem()).toBe(fake.firstId - 1);
    clock.advance(60_000);
    expect(fake.maxItem()).toBeGreaterThanOrEqual(fake.firstId + 19);
  });

  it('starts at startAt, so a scraper can backfill a window by time', () => {
    const { fake } = fakeAt({ seed: 2, startAt: T0 - 24 * HOUR }, 0);
    const items = fake.items();
    expect(items.length).toBeGreaterThan(24 * 60 * 7 * 0.9);
    expect(items[0]!.createdMs).toBeGreaterThan(T0 - 24 * HOUR);
    expect(items[0]!.createdMs).toBeLessThan(T0 - 23 * HOUR);
  });

  it('grows comment trees: kids and parents agree, storyId is the root, descendants count live comments', () => {
    const { fake } = fakeAt({ seed: 11 }, 8);
    const items = fake.items();
    const byId = new Map(items.map((item) => [item.id, item]));
    const comments = items.filter((item) => item.type === 'comment');
    expect(comments.length).toBeGreaterThan(items.length * 0.7);
    for (const comment of comments) {
      const parent = byId.get(comment.parent!)!;
      expect(parent.id).toBeLessThan(comment.id);
      expect(parent.kids).toContain(comment.id);
      expect(['story', 'poll', 'comment']).toContain(parent.type);
      const root = byId.get(comment.storyId!)!;
      expect(['story', 'poll']).toContain(root.type);
      expect(parent.type === 'comment' ? parent.storyId : parent.id).toBe(comment.storyId);
    }
    for (const story of items.filter((item) => item.type === 'story' || item.type === 'poll')) {
      const live = comments.filter((c) => c.storyId === story.id && !c.deleted && !c.dead).length;
      expect(story.descendants).toBe(live);
    }
    expect(Math.max(...items.map((item) => item.descendants ?? 0))).toBeGreaterThan(20);
  });

  it('makes stories, comments, jobs, polls and their options in HN-like shares', () => {
    const { fake } = fakeAt({ seed: 12 }, 72);
    const items = fake.items();
    const share = (type: string) => items.filter((item) => item.type === type).length / items.length;
    expect(share('comment')).toBeGreaterThan(0.75);
    expect(share('story')).toBeGreaterThan(0.12);
    expect(share('job')).toBeGreaterThan(0);
    const polls = items.filter((item) => item.type === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) {
      expect(poll.parts.length).toBeGreaterThanOrEqual(2);
      expect(poll.parts).toEqual(poll.parts.map((_, i) => poll.id + 1 + i));
      for (const part of poll.parts) expect(fake.item(part)).toMatchObject({ type: 'pollopt', poll: poll.id, createdMs: poll.createdMs });
    }
  });

  it('serves ids below firstId from a frozen archive whose time keeps growing with the id', () => {
    const { fake, clock } = fakeAt({ seed: 13 }, 1);
    const ids = [1, 64, 65, 1_000_000, 20_000_000, fake.firstId - 2, fake.firstId - 1];
    const archived = ids.map((id) => fake.item(id));
    const present = archived.filter((item): item is FakeHnItem => item !== undefined);
    expect(present.length).toBeGreaterThan(4);
    expect(present.every((item) => item.archive && item.createdMs < T0)).toBe(true);
    expect(present.every((item, i) => i === 0 || item.createdMs > present[i - 1]!.createdMs)).toBe(true);
    const story = fake.item(64_000)!;
    expect(story.type).toBe('story');
    for (const kid of story.kids) expect(fake.item(kid)!.parent).toBe(story.id);
    clock.advance(48 * HOUR);
    expect(fake.item(64_000)!.json).toEqual(story.json);
    expect(new FakeHackerNews({ clock, archive: false }).item(64_000)).toBeUndefined();
  });

  it('keeps a month of items (300k ids) in a small table', () => {
    const { fake } = fakeAt({ seed: 1, startAt: T0 - 30 * 24 * HOUR }, 0);
    expect(fake.maxItem() - fake.firstId).toBeGreaterThan(300_000);
    expect(fake.tableBytes()).toBeLessThan(25_000_000);
  });
});

function countPollOptions(fake: FakeHackerNews, from: number): number {
  return fake.items({ from }).filter((item) => item.type === 'pollopt').length;
}
