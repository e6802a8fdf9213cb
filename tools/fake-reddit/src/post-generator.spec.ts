import { PostTimeline } from './post-generator';

const START = Date.UTC(2024, 0, 1);
const timeline = (streams = [{ name: 'news', postsPerMinute: 30 }]) => new PostTimeline({ seed: 5, startAt: START, streams });

describe('PostTimeline', () => {
  it('creates nothing before startAt, then only posts due by the time asked', () => {
    const posts = timeline();
    expect(posts.advanceTo(START)).toEqual([]);
    const created = posts.advanceTo(START + 10 * 60_000);
    expect(created.length).toBeGreaterThan(200);
    expect(created.every((p) => p.createdMs > START && p.createdMs <= START + 10 * 60_000)).toBe(true);
    expect(posts.advanceTo(START + 10 * 60_000)).toEqual([]);
  });

  it('arrives at about postsPerMinute in each subreddit', () => {
    const created = timeline([
      { name: 'askreddit', postsPerMinute: 20 },
      { name: 'worldnews', postsPerMinute: 3 },
    ]).advanceTo(START + 600 * 60_000);
    const perMinute = (name: string) => created.filter((p) => p.subreddit === name).length / 600;
    expect(perMinute('askreddit')).toBeGreaterThan(19);
    expect(perMinute('askreddit')).toBeLessThan(21);
    expect(perMinute('worldnews')).toBeGreaterThan(2.7);
    expect(perMinute('worldnews')).toBeLessThan(3.3);
  });

  it('never posts in a subreddit at 0 posts per minute', () => {
    const posts = timeline([{ name: 'quiet', postsPerMinute: 0 }]);
    expect(posts.advanceTo(START + 24 * 3600_000)).toEqual([]);
  });

  it('gives most posts a whole-second created_utc, so several share one, and some milliseconds', () => {
    const created = timeline([{ name: 'busy', postsPerMinute: 600 }]).advanceTo(START + 10 * 60_000);
    const whole = created.filter((p) => Number.isInteger(p.createdUtc));
    expect(whole.length / created.length).toBeGreaterThan(0.8);
    expect(whole.length).toBeLessThan(created.length);
    expect(new Set(whole.map((p) => p.createdUtc)).size).toBeLessThan(whole.length);
    expect(created.every((p) => p.createdUtc * 1000 <= p.createdMs)).toBe(true);
  });

  it('spreads a burst over the second that ends at its instant', () => {
    const posts = timeline([{ name: 'news', postsPerMinute: 0 }]);
    posts.addBurst('news', 100, START + 5_000);
    const created = posts.advanceTo(START + 5_000);
    expect(created).toHaveLength(100);
    expect(created.every((p) => p.createdMs > START + 4_000 && p.createdMs <= START + 5_000)).toBe(true);
  });

  it('gives a back-dated burst newer ids than the posts created after it, as late approvals have', () => {
    const posts = timeline();
    const early = posts.advanceTo(START + 60_000);
    posts.addBurst('news', 5, START + 10_000);
    const late = posts.advanceTo(START + 60_000);
    expect(late).toHaveLength(5);
    const newestEarlyId = Math.max(...early.map((p) => p.idNumber));
    expect(late.every((p) => p.idNumber > newestEarlyId && p.createdMs < START + 10_001)).toBe(true);
  });

  it('draws each post from its own stream: adding a subreddit does not change another one’s posts', () => {
    const alone = timeline([{ name: 'news', postsPerMinute: 5 }]).advanceTo(START + 3600_000);
    const together = timeline([
      { name: 'news', postsPerMinute: 5 },
      { name: 'pics', postsPerMinute: 50 },
    ]).advanceTo(START + 3600_000);
    const news = together.filter((p) => p.subreddit === 'news');
    expect(news.map((p) => [p.createdMs, p.traits.title])).toEqual(alone.map((p) => [p.createdMs, p.traits.title]));
  });
});
