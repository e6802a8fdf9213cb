import { apiGet, appToken, idsOf, pageAll, startHarness, type Harness } from './testing/http-harness';

describe('FakeReddit listing paging', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness({ subreddits: [{ name: 'news', postsPerMinute: 20 }], listingLimit: 1000 });
    token = await appToken(harness);
  });
  afterEach(() => harness.fake.stop());

  it('pages with after from the newest to the oldest with no duplicates and no gaps', async () => {
    harness.clock.advance(15 * 60_000);
    const truth = harness.fake.posts().map((post) => post.id);
    expect(truth.length).toBeGreaterThan(200);
    const { ids, pages } = await pageAll(harness, 'news', token, 100);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(truth));
    expect(pages).toBe(Math.ceil(truth.length / 100));
  });

  it('answers before=X with the items just newer than X, newest first', async () => {
    harness.clock.advance(10 * 60_000);
    const first = await apiGet(harness, '/r/news/new?limit=100', token);
    const anchor: string = first.json.data.children[0].data.name;
    harness.clock.advance(3 * 60_000);
    const all = idsOf((await apiGet(harness, '/r/news/new?limit=100', token)).json);
    const anchorIndex = all.indexOf(anchor.slice(3));
    const newer = await apiGet(harness, `/r/news/new?limit=100&before=${anchor}`, token);
    expect(idsOf(newer.json)).toEqual(all.slice(0, anchorIndex));
    const nearest = await apiGet(harness, `/r/news/new?limit=2&before=${anchor}`, token);
    expect(idsOf(nearest.json)).toEqual(all.slice(anchorIndex - 2, anchorIndex));
  });

  it('leaves the response before null unless the client sends count, as Reddit does', async () => {
    harness.clock.advance(10 * 60_000);
    const page1 = await apiGet(harness, '/r/news/new?limit=25', token);
    const after: string = page1.json.data.after;
    const page2 = await apiGet(harness, `/r/news/new?limit=25&after=${after}`, token);
    expect(page2.json.data.before).toBeNull();
    const counted = await apiGet(harness, `/r/news/new?limit=25&after=${after}&count=25`, token);
    expect(counted.json.data.before).toBe(counted.json.data.children[0].data.name);
  });

  it('stops at the listing limit: past the 1000 newest items after is null and older posts are unreachable', async () => {
    harness.clock.advance(60 * 60_000);
    harness.fake.addBurst('news', 500);
    const truth = harness.fake.posts();
    expect(truth.length).toBeGreaterThan(1000);
    const { ids, pages } = await pageAll(harness, 'news', token, 100);
    expect(ids).toHaveLength(1000);
    expect(pages).toBe(11);
    const oldest = truth[0]!;
    expect(ids).not.toContain(oldest.id);
  });

  it('answers an empty listing to an after that has left the window', async () => {
    harness.clock.advance(20 * 60_000);
    const old = await apiGet(harness, '/r/news/new?limit=100', token);
    const oldest: string = old.json.data.children.at(-1).data.name;
    harness.fake.addBurst('news', 1000);
    const response = await apiGet(harness, `/r/news/new?limit=100&after=${oldest}`, token);
    expect(response.json.data).toMatchObject({ children: [], after: null, before: null, dist: 0 });
  });

  it('answers an empty listing to an after that names no post', async () => {
    harness.clock.advance(5 * 60_000);
    const response = await apiGet(harness, '/r/news/new?after=t3_zzzzzzz', token);
    expect(response.json.data.children).toEqual([]);
  });
});
