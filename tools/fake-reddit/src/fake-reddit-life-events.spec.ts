import type { FakePost } from './fake-reddit.types';
import { apiGet, appToken, idsOf, pageAll, startHarness, type Harness } from './testing/http-harness';

/** Posts of one kind, at most 100 (one /api/info call). */
function pick(posts: FakePost[], test: (post: FakePost) => boolean): FakePost[] {
  const found = posts.filter(test).slice(0, 100);
  expect(found.length).toBeGreaterThan(0);
  return found;
}

describe('FakeReddit edits, deletions and removals', () => {
  let harness: Harness;
  let token: string;

  afterEach(() => harness.fake.stop());

  async function infoOf(posts: FakePost[]): Promise<Record<string, unknown>[]> {
    const response = await apiGet(harness, `/api/info?raw_json=1&id=${posts.map((p) => p.name).join(',')}`, token);
    return response.json.data.children.map((child: { data: Record<string, unknown> }) => child.data);
  }

  describe('by default', () => {
    beforeEach(async () => {
      harness = await startHarness({ subreddits: [{ name: 'news', postsPerMinute: 3 }], seed: 21 });
      token = await appToken(harness);
      harness.clock.advance(4 * 3600_000);
    });

    it('shows author deletions through /api/info: [deleted] author and text, no author_fullname', async () => {
      const deleted = pick(harness.fake.posts(), (p) => p.removedByCategory === 'deleted' && p.isSelf);
      for (const data of await infoOf(deleted)) {
        expect(data).toMatchObject({ author: '[deleted]', selftext: '[deleted]', removed_by_category: 'deleted' });
        expect(data).not.toHaveProperty('author_fullname');
      }
    });

    it('shows moderator removals through /api/info: [removed] text, category moderator', async () => {
      const removed = pick(harness.fake.posts(), (p) => p.removedByCategory === 'moderator' && p.isSelf);
      for (const data of await infoOf(removed)) expect(data).toMatchObject({ selftext: '[removed]', removed_by_category: 'moderator' });
    });

    it('shows edits through /api/info: edited is a timestamp in seconds after creation and the text has changed', async () => {
      const edited = pick(harness.fake.posts(), (p) => p.edited !== false && p.removedByCategory === null);
      const data = await infoOf(edited);
      data.forEach((item, i) => {
        expect(item['edited']).toBe(edited[i]!.edited);
        expect(item['edited'] as number).toBeGreaterThan(item['created_utc'] as number);
        expect(item['selftext']).toContain('\n\nEDIT: ');
      });
    });

    it('happens some time after creation, at a small rate', async () => {
      const posts = harness.fake.posts();
      const gone = posts.filter((p) => p.removedByCategory !== null).length / posts.length;
      expect(gone).toBeGreaterThan(0.01);
      expect(gone).toBeLessThan(0.1);
      const newest = posts.filter((p) => harness.clock.now() - p.createdMs < 30_000);
      expect(newest.every((p) => p.removedByCategory === null && p.edited === false)).toBe(true);
    });

    it('keeps removed and deleted posts in /new, with their markers', async () => {
      const { ids } = await pageAll(harness, 'news', token);
      const gone = harness.fake.posts().filter((p) => p.removedByCategory !== null);
      expect(gone.length).toBeGreaterThan(0);
      expect(gone.every((p) => ids.includes(p.id))).toBe(true);
    });
  });

  it('drops them from /new with hideRemovedFromListings, while /api/info still returns them', async () => {
    harness = await startHarness({ subreddits: [{ name: 'news', postsPerMinute: 3 }], seed: 21, hideRemovedFromListings: true });
    token = await appToken(harness);
    harness.clock.advance(4 * 3600_000);
    const posts = harness.fake.posts();
    expect(posts.length).toBeLessThan(1000);
    const gone = posts.filter((p) => p.removedByCategory !== null);
    const { ids } = await pageAll(harness, 'news', token);
    expect(ids).toHaveLength(posts.length - gone.length);
    expect(gone.some((p) => ids.includes(p.id))).toBe(false);
    expect(gone.every((p) => !p.listed)).toBe(true);
    const info = await apiGet(harness, `/api/info?id=${gone.slice(0, 100).map((p) => p.name).join(',')}`, token);
    expect(idsOf(info.json)).toEqual(gone.slice(0, 100).map((p) => p.id));
  });
});
