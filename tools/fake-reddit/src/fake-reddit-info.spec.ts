import { apiGet, appToken, idsOf, startHarness, type Harness } from './testing/http-harness';

describe('FakeReddit /api/info and subreddit statuses', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness({
      subreddits: [
        { name: 'news', postsPerMinute: 10 },
        { name: 'secretclub', postsPerMinute: 5, status: 'private' },
        { name: 'gone', postsPerMinute: 5, status: 'banned' },
        { name: 'nosuchplace', postsPerMinute: 5, status: 'missing' },
      ],
    });
    token = await appToken(harness);
    harness.clock.advance(10 * 60_000);
  });
  afterEach(() => harness.fake.stop());

  it('returns the found items in request order and silently drops unknown ids', async () => {
    const [a, b, c] = harness.fake.posts().filter((post) => post.subreddit === 'news');
    const query = [c!.name, 't3_zzzzzzzz', a!.name, 'garbage', b!.name].join(',');
    const response = await apiGet(harness, `/api/info?id=${query}`, token);
    expect(response.status).toBe(200);
    expect(idsOf(response.json)).toEqual([c!.id, a!.id, b!.id]);
    expect(response.json.data).toMatchObject({ after: null, before: null, dist: 3 });
  });

  it('answers 400 to more than 100 ids', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `t3_${(1000 + i).toString(36)}`).join(',');
    expect((await apiGet(harness, `/api/info?id=${ids}`, token)).status).toBe(400);
  });

  it('shows engagement that changes when the same post is fetched later', async () => {
    const post = harness.fake.posts().find((p) => p.subreddit === 'news')!;
    const before = (await apiGet(harness, `/api/info.json?id=${post.name}`, token)).json.data.children[0].data;
    harness.clock.advance(6 * 3600_000);
    const after = (await apiGet(harness, `/api/info.json?id=${post.name}`, token)).json.data.children[0].data;
    expect([after.score, after.num_comments, after.upvote_ratio]).not.toEqual([before.score, before.num_comments, before.upvote_ratio]);
    expect(after.score).toBe(harness.fake.post(post.id)!.score);
  });

  it('drops posts of private and banned subreddits from /api/info', async () => {
    const hidden = harness.fake.posts().filter((post) => post.subreddit !== 'news');
    expect(hidden.length).toBeGreaterThan(0);
    const response = await apiGet(harness, `/api/info?id=${hidden.slice(0, 100).map((p) => p.name).join(',')}`, token);
    expect(response.json.data.children).toEqual([]);
  });

  it('answers a private subreddit with 403 {"reason": "private"}', async () => {
    const response = await apiGet(harness, '/r/secretclub/new', token);
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ reason: 'private', message: 'Forbidden', error: 403 });
  });

  it('answers a banned subreddit with 404 {"reason": "banned"}', async () => {
    const response = await apiGet(harness, '/r/gone/new', token);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ reason: 'banned', message: 'Not Found', error: 404 });
  });

  it('redirects a missing or unknown subreddit to /subreddits/search.json?q=<name>', async () => {
    for (const name of ['nosuchplace', 'neverconfigured']) {
      const response = await apiGet(harness, `/r/${name}/new`, token);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/subreddits/search.json?q=${name}`);
    }
    const search = await apiGet(harness, '/subreddits/search.json?q=nosuchplace', token);
    expect(search.json).toMatchObject({ kind: 'Listing', data: { children: [] } });
  });

  it('answers a whole multi as its first bad subreddit would, so the caller must split it', async () => {
    expect((await apiGet(harness, '/r/news+secretclub/new', token)).status).toBe(403);
    expect((await apiGet(harness, '/r/news+gone+secretclub/new', token)).status).toBe(404);
    expect((await apiGet(harness, '/r/news+nosuchplace/new', token)).status).toBe(302);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
  });

  it('applies a status change made while running', async () => {
    harness.fake.setSubredditStatus('news', 'private');
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(403);
    expect(harness.fake.posts().some((post) => post.listed)).toBe(false);
  });
});
