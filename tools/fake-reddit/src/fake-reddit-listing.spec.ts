import { apiGet, appToken, idsOf, startHarness, USER_AGENT, type Harness } from './testing/http-harness';

describe('FakeReddit /r/{multi}/new', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness({
      subreddits: [
        { name: 'news', postsPerMinute: 6 },
        { name: 'AskReddit', postsPerMinute: 12 },
      ],
    });
    token = await appToken(harness);
  });
  afterEach(() => harness.fake.stop());

  it('answers a Listing envelope with Reddit keys and t3 children', async () => {
    harness.clock.advance(10 * 60_000);
    const response = await apiGet(harness, '/r/news+AskReddit/new?limit=5', token);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      kind: 'Listing',
      data: { after: expect.stringMatching(/^t3_/), dist: 5, modhash: null, geo_filter: '', children: expect.any(Array), before: null },
    });
    expect(response.json.data.children.every((child: { kind: string }) => child.kind === 't3')).toBe(true);
  });

  it('lists newest first by created_utc, across the subreddits of the multi', async () => {
    harness.clock.advance(30 * 60_000);
    const response = await apiGet(harness, '/r/news+askreddit/new?limit=100&raw_json=1', token);
    const created: number[] = response.json.data.children.map((c: { data: { created_utc: number } }) => c.data.created_utc);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const subreddits = new Set(response.json.data.children.map((c: { data: { subreddit: string } }) => c.data.subreddit));
    expect(subreddits).toEqual(new Set(['news', 'AskReddit']));
  });

  it('orders posts that share a created_utc otherwise than by id', async () => {
    harness.fake.addBurst('news', 60);
    const response = await apiGet(harness, '/r/news/new?limit=100&raw_json=1', token);
    const children: { data: { id: string; created_utc: number } }[] = response.json.data.children;
    const tiedPairs = children.slice(1).filter((child, i) => child.data.created_utc === children[i]!.data.created_utc);
    expect(tiedPairs.length).toBeGreaterThan(20);
    const outOfIdOrder = children.slice(1).filter((child, i) => {
      const previous = children[i]!.data;
      return child.data.created_utc === previous.created_utc && parseInt(child.data.id, 36) > parseInt(previous.id, 36);
    });
    expect(outOfIdOrder.length).toBeGreaterThan(0);
  });

  it('defaults limit to 25 and caps it at 100', async () => {
    harness.clock.advance(30 * 60_000);
    expect((await apiGet(harness, '/r/news+AskReddit/new', token)).json.data.dist).toBe(25);
    expect((await apiGet(harness, '/r/news+AskReddit/new?limit=500', token)).json.data.dist).toBe(100);
  });

  it('tolerates the .json suffix and subreddit names in any case, answering with their own spelling', async () => {
    harness.clock.advance(10 * 60_000);
    const plain = await apiGet(harness, '/r/NEWS/new?limit=10', token);
    const suffixed = await apiGet(harness, '/r/news/new.json?limit=10', token);
    expect(idsOf(suffixed.json)).toEqual(idsOf(plain.json));
    expect(plain.json.data.children[0].data.subreddit).toBe('news');
  });

  it('shows posts only once the fake clock has reached their creation', async () => {
    const empty = await apiGet(harness, '/r/news/new', token);
    expect(empty.json.data.children).toEqual([]);
    harness.clock.advance(5 * 60_000);
    const later = await apiGet(harness, '/r/news/new?limit=100&raw_json=1', token);
    const nowSeconds = harness.clock.now() / 1000;
    expect(later.json.data.dist).toBeGreaterThan(10);
    expect(later.json.data.children.every((c: { data: { created_utc: number } }) => c.data.created_utc <= nowSeconds)).toBe(true);
  });

  it('holds every post of a 350-post burst between two polls', async () => {
    harness.clock.advance(60_000);
    const first = await apiGet(harness, '/r/news/new?limit=100', token);
    const newestBefore: string = first.json.data.children[0].data.name;
    harness.clock.advance(5_000);
    harness.fake.addBurst('news', 350);
    const burst = harness.fake.posts().filter((p) => p.createdMs > harness.clock.now() - 1000);
    expect(burst).toHaveLength(350);
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const query: string = after === null ? 'limit=100' : `limit=100&after=${after}`;
      const page = await apiGet(harness, `/r/news/new?${query}`, token);
      for (const id of idsOf(page.json)) seen.add(id);
      after = page.json.data.after;
      if (seen.has(newestBefore.slice(3))) break;
    } while (after !== null);
    expect(burst.every((post) => seen.has(post.id))).toBe(true);
  });

  it('escapes & < > in strings without raw_json=1 and leaves them raw with it', async () => {
    harness.clock.advance(120 * 60_000);
    const raw = await apiGet(harness, '/r/news+AskReddit/new?limit=100&raw_json=1', token);
    const legacy = await apiGet(harness, '/r/news+AskReddit/new?limit=100', token);
    const index = raw.json.data.children.findIndex((c: { data: { title: string } }) => /[&<>]/.test(c.data.title));
    expect(index).toBeGreaterThanOrEqual(0);
    const rawTitle: string = raw.json.data.children[index].data.title;
    const legacyTitle: string = legacy.json.data.children[index].data.title;
    expect(legacyTitle).toBe(rawTitle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(legacyTitle).not.toMatch(/[<>]/);
    const link = raw.json.data.children.find((c: { data: { is_self: boolean } }) => !c.data.is_self);
    expect(link.data.url).toContain('&');
  });

  it('rejects a request with no User-Agent header at all (sent in process through fake.handle)', () => {
    const response = harness.fake.handle({ method: 'GET', url: '/r/news/new', headers: { authorization: `bearer ${token}` }, body: '' });
    expect(response.status).toBe(429);
    const ok = harness.fake.handle({
      method: 'GET',
      url: '/r/news/new',
      headers: { authorization: `bearer ${token}`, 'user-agent': USER_AGENT },
      body: '',
    });
    expect(ok.status).toBe(200);
  });
});
