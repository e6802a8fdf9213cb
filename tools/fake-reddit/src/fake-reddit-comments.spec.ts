import { normalizeT1Thing } from '@sentiment-ingest/models';
import { apiGet, appToken, idsOf, startHarness, type Harness } from './testing/http-harness';

const NOW = () => new Date(Date.UTC(2100, 0, 1));

describe('FakeReddit comments', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness({
      subreddits: [
        { name: 'news', postsPerMinute: 10, commentsPerMinute: 60 },
        { name: 'quiet', postsPerMinute: 2 },
        { name: 'secretclub', postsPerMinute: 5, commentsPerMinute: 10, status: 'private' },
      ],
      listingLimit: 300,
    });
    token = await appToken(harness);
    harness.clock.advance(10 * 60_000);
  });
  afterEach(() => harness.fake.stop());

  it('makes comments on posts made before them, with increasing ids, replies among them', () => {
    const comments = harness.fake.comments().filter((c) => c.subreddit === 'news');
    expect(comments.length).toBeGreaterThan(400);
    const ids = comments.map((c) => parseInt(c.id, 36));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const comment of comments) {
      const post = harness.fake.post(comment.linkId);
      expect(post?.subreddit).toBe('news');
      expect(post!.createdMs).toBeLessThanOrEqual(comment.createdMs);
    }
    const replies = comments.filter((c) => c.parentId.startsWith('t1_'));
    expect(replies.length).toBeGreaterThan(comments.length * 0.2);
    for (const reply of replies) expect(harness.fake.comment(reply.parentId)?.linkId).toBe(reply.linkId);
  });

  it('is deterministic: advancing in steps or at once makes the same comments', async () => {
    const other = await startHarness({ subreddits: [{ name: 'news', postsPerMinute: 10, commentsPerMinute: 60 }, { name: 'quiet', postsPerMinute: 2 }, { name: 'secretclub', postsPerMinute: 5, commentsPerMinute: 10, status: 'private' }], listingLimit: 300 });
    try {
      for (let i = 0; i < 10; i++) {
        other.clock.advance(60_000);
        other.fake.comments();
      }
      const strip = (c: { id: string; linkId: string; parentId: string; createdMs: number }) => [c.id, c.linkId, c.parentId, c.createdMs];
      expect(other.fake.comments().map(strip)).toEqual(harness.fake.comments().map(strip));
    } finally {
      await other.fake.stop();
    }
  });

  it('serves /r/{multi}/comments newest first, paged with after, ending at the listing limit', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await apiGet(harness, `/r/news+quiet/comments?limit=100&raw_json=1${after ? `&after=${after}` : ''}`, token);
      expect(response.status).toBe(200);
      const children = response.json.data.children as { kind: string; data: { created_utc: number } }[];
      expect(children.every((child) => child.kind === 't1')).toBe(true);
      seen.push(...idsOf(response.json));
      after = response.json.data.after;
      pages += 1;
    } while (after !== null && pages < 20);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    const truth = harness.fake.comments().filter((c) => c.subreddit === 'news');
    const oldestSeen = Math.min(...seen.map((id) => harness.fake.comment(id)!.createdUtc));
    // every comment newer than the oldest one listed was listed (equal seconds are ordered by a tie key)
    for (const c of truth) if (c.createdUtc > oldestSeen) expect(seen).toContain(c.id);
  });

  it('serves t1 JSON that the scraper normalises, with the ground truth values', async () => {
    const response = await apiGet(harness, '/r/news/comments?limit=100&raw_json=1', token);
    for (const child of response.json.data.children as { data: Record<string, unknown> }[]) {
      const truth = harness.fake.comment(child.data['id'] as string)!;
      expect(child.data).toMatchObject({ name: truth.name, link_id: truth.linkId, parent_id: truth.parentId, body: truth.body, author: truth.author, score: truth.score, created_utc: truth.createdUtc, subreddit: 'news', edited: truth.edited });
      const normalised = normalizeT1Thing(child, { redactDeleted: true, now: NOW() });
      expect(normalised.ok).toBe(true);
    }
  });

  it('shows deleted and removed comments with their markers, as Reddit does', () => {
    harness.clock.advance(12 * 3600_000);
    const comments = harness.fake.comments();
    const deleted = comments.filter((c) => c.removedByCategory === 'deleted');
    const removed = comments.filter((c) => c.removedByCategory === 'moderator');
    expect(deleted.length).toBeGreaterThan(0);
    expect(removed.length).toBeGreaterThan(0);
    for (const c of deleted) expect([c.body, c.author, c.data['author_fullname']]).toEqual(['[deleted]', '[deleted]', undefined]);
    for (const c of removed) expect(c.body).toBe('[removed]');
  });

  it('answers /api/info for t1 fullnames, mixed with posts, in request order', async () => {
    const [a, b] = harness.fake.comments().filter((c) => c.subreddit === 'news');
    const post = harness.fake.posts().find((p) => p.subreddit === 'news')!;
    const response = await apiGet(harness, `/api/info?id=${b!.name},${post.name},t1_zzzzzzzz,${a!.name}`, token);
    expect(response.json.data.children.map((c: { kind: string; data: { id: string } }) => `${c.kind}_${c.data.id}`)).toEqual([
      `t1_${b!.id}`,
      `t3_${post.id}`,
      `t1_${a!.id}`,
    ]);
  });

  it('adds comment bursts and answers private subreddits as /new does', async () => {
    const before = harness.fake.comments().filter((c) => c.subreddit === 'quiet').length;
    harness.fake.addCommentBurst('quiet', 250);
    expect(harness.fake.comments().filter((c) => c.subreddit === 'quiet')).toHaveLength(before + 250);
    expect((await apiGet(harness, '/r/quiet+secretclub/comments', token)).status).toBe(403);
    expect(() => harness.fake.addCommentBurst('nowhere', 1)).toThrow(/unknown subreddit "nowhere"/);
  });

  it('applies faults and corruptions to comments', async () => {
    harness.fake.injectFaults([{ status: 503 }, { malformedItems: 2, path: 'comments' }]);
    expect((await apiGet(harness, '/r/news/comments?limit=10', token)).status).toBe(503);
    const broken = await apiGet(harness, '/r/news/comments?limit=10&raw_json=1', token);
    const results = broken.json.data.children.map((child: unknown) => normalizeT1Thing(child, { redactDeleted: true, now: NOW() }).ok);
    expect(results.filter((ok: boolean) => !ok)).toHaveLength(2);
    const target = harness.fake.comments().at(-1)!;
    harness.fake.corruptComment(target.name, { kind: 't3' });
    const corrupted = await apiGet(harness, `/api/info?id=${target.name}`, token);
    expect(corrupted.json.data.children[0].kind).toBe('t3');
  });
});
