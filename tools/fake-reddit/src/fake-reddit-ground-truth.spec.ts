import { FakeRedditConfigError } from './errors';
import { FakeReddit } from './fake-reddit';
import type { SubredditSpec } from './fake-reddit.types';
import { apiGet, appToken, ManualClock, pageAll, startHarness, T0 } from './testing/http-harness';

const SUBREDDITS: SubredditSpec[] = [
  { name: 'news', postsPerMinute: 5 },
  { name: 'worldnews', postsPerMinute: 3 },
  { name: 'askreddit', postsPerMinute: 20 },
];

function fakeAt(seed: number, minutes: number): FakeReddit {
  const clock = new ManualClock(T0);
  const fake = new FakeReddit({ clock, seed, subreddits: SUBREDDITS });
  clock.advance(minutes * 60_000);
  return fake;
}

describe('FakeReddit ground truth', () => {
  it('generates the same posts from the same seed, and other posts from another', () => {
    const a = fakeAt(7, 30).posts();
    const b = fakeAt(7, 30).posts();
    expect(a.length).toBeGreaterThan(500);
    expect(b).toEqual(a);
    const other = fakeAt(8, 30).posts();
    expect(other.map((p) => p.title)).not.toEqual(a.map((p) => p.title));
  });

  it('generates the same posts whether the clock moves in small steps or in one jump', () => {
    const clock = new ManualClock(T0);
    const stepped = new FakeReddit({ clock, seed: 3, subreddits: SUBREDDITS });
    for (let i = 0; i < 120; i++) {
      clock.advance(15_000);
      stepped.posts();
    }
    expect(stepped.posts().map((p) => [p.id, p.createdMs])).toEqual(fakeAt(3, 30).posts().map((p) => [p.id, p.createdMs]));
  });

  it('lists posts in creation order with increasing base36 ids that have holes', () => {
    const posts = fakeAt(5, 120).posts();
    const numbers = posts.map((p) => parseInt(p.id, 36));
    expect(posts.every((p) => /^[0-9a-z]{7}$/.test(p.id))).toBe(true);
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
    const holes = numbers.filter((n, i) => i > 0 && n - numbers[i - 1]! > 1).length;
    expect(holes).toBeGreaterThan(posts.length * 0.02);
    expect(posts.every((p, i) => i === 0 || p.createdMs >= posts[i - 1]!.createdMs)).toBe(true);
  });

  it('gives only the posts created by `until` when asked, each in its state now', () => {
    const clock = new ManualClock(T0);
    const fake = new FakeReddit({ clock, subreddits: SUBREDDITS });
    clock.advance(20 * 60_000);
    const until = T0 + 10 * 60_000;
    const early = fake.posts({ until });
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((p) => p.createdMs <= until)).toBe(true);
    expect(fake.posts().filter((p) => p.createdMs <= until)).toEqual(early);
    expect(fake.post(early[0]!.name)).toEqual(early[0]);
  });

  it('starts generation at startAt, so a fake can begin with history', () => {
    const clock = new ManualClock(T0);
    const fake = new FakeReddit({ clock, subreddits: SUBREDDITS, startAt: T0 - 60 * 60_000 });
    expect(fake.posts().length).toBeGreaterThan(1000);
    expect(fake.posts()[0]!.createdMs).toBeGreaterThanOrEqual(T0 - 60 * 60_000);
  });

  it('shows every post created by T exactly once when paging /new from the newest, as the API data', async () => {
    const harness = await startHarness({ subreddits: SUBREDDITS, seed: 9 });
    try {
      const token = await appToken(harness);
      harness.clock.advance(30 * 60_000);
      const truth = harness.fake.posts();
      expect(truth.length).toBeGreaterThan(500);
      expect(truth.length).toBeLessThan(1000);
      const { ids } = await pageAll(harness, 'news+worldnews+askreddit', token);
      expect(ids).toHaveLength(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth.map((p) => p.id)));
      const page = await apiGet(harness, '/r/news+worldnews+askreddit/new?limit=100&raw_json=1', token);
      for (const child of page.json.data.children) expect(child.data).toEqual(harness.fake.post(child.data.id)!.data);
    } finally {
      await harness.fake.stop();
    }
  });

  it('refuses a burst for a subreddit it does not simulate', () => {
    const fake = fakeAt(1, 1);
    expect(() => fake.addBurst('nope', 10)).toThrow(FakeRedditConfigError);
    expect(() => fake.addBurst('news', 0)).toThrow(/count must be a whole number/);
  });
});
