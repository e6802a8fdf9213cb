import { groupSubreddits } from './polling/subreddit-groups';
import { useScraperAgainstFake } from './testing/scraper-harness';

// Bad items that real Reddit data contains, served by the fake on every read: each must be
// stored repaired or quarantined, never block the items beside it, and never stall the stream.

const START = Date.UTC(2026, 10, 29, 10, 0, 0);
const MINUTE = 60_000;
const [GROUP] = groupSubreddits(['alpha', 'beta'], 50);

const env = useScraperAgainstFake({
  start: START,
  seed: 11,
  historyMs: 20 * MINUTE,
  subreddits: [
    { name: 'alpha', postsPerMinute: 3 },
    { name: 'beta', postsPerMinute: 2 },
  ],
});

const poll = () => env.scraper.poller.poll(GROUP!, new AbortController().signal);

async function storedIds(): Promise<string[]> {
  const { rows } = await env.db.query<{ id: string }>('select id from raw_submissions order by id');
  return rows.map((r) => r.id);
}

const truthIds = (except: readonly string[] = []) =>
  env.fake
    .posts()
    .map((p) => p.id)
    .filter((id) => !except.includes(id))
    .sort();

async function quarantine(): Promise<{ item_id: string; stage: string; reason: string }[]> {
  return (await env.db.query('select item_id, stage, reason from rejected_items order by item_id')).rows;
}

describe('reddit scraper with bad items from Reddit', () => {
  it('stores a post whose title is a lone UTF-16 surrogate (repaired to U+FFFD) and every post beside it', async () => {
    const victim = env.fake.posts().at(-2)!;
    env.fake.corruptPost(victim.id, { data: { title: '\ud83d' } });
    const outcome = await poll();
    expect(outcome).toMatchObject({ rejected: 0, interrupted: false });
    expect(await storedIds()).toEqual(truthIds());
    const { rows } = await env.db.query(`select title, raw->>'title' as raw_title from raw_submissions where id = $1`, [victim.id]);
    expect(rows).toEqual([{ title: '\ufffd', raw_title: '\ufffd' }]);
  });

  it('quarantines a post with a score past 32 bits, stores the others, and the stream goes on', async () => {
    const victim = env.fake.posts().at(-3)!;
    env.fake.corruptPost(victim.id, { data: { score: 1e10 } });
    const first = await poll();
    expect(first).toMatchObject({ rejected: 1, interrupted: false });
    expect(await storedIds()).toEqual(truthIds([victim.id]));
    expect(await quarantine()).toEqual([{ item_id: victim.id, stage: 'normalize', reason: 'score is outside the storable range (a 32-bit integer)' }]);
    expect(env.scraper.log.lines.some((l) => l.message === 'item rejected' && l.fields['id'] === victim.id)).toBe(true);
    // new posts keep coming and are stored; the bad one is seen again and stays one quarantined row
    env.time.advance(10 * MINUTE);
    const second = await poll();
    expect(second.inserted).toBeGreaterThan(0);
    expect(await storedIds()).toEqual(truthIds([victim.id]));
    const { rows } = await env.db.query('select times_seen from rejected_items');
    expect(rows).toEqual([{ times_seen: 2 }]);
    // once Reddit serves it intact, it is stored
    env.fake.corruptPost(victim.id, null);
    await env.scraper.refresher.refreshDue(new AbortController().signal);
    await poll();
    expect(await storedIds()).toEqual(truthIds());
  });

  it('does not let a post claiming created_utc 2096 cut a burst short: 150 new posts, all stored', async () => {
    await poll();
    env.time.advance(MINUTE);
    const liar = env.fake.posts().at(-1)!;
    env.fake.corruptPost(liar.id, { data: { created_utc: 4_000_000_000 } });
    await poll();
    env.fake.addBurst('alpha', 150, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).toBeNull();
    const stored = new Set(await storedIds());
    // every post is stored but the liar itself (quarantined, unless an earlier poll stored it intact)
    expect(truthIds([liar.id]).filter((id) => !stored.has(id))).toEqual([]);
    const { rows } = await env.db.query<{ newest: Date }>('select newest_created_utc as newest from scrape_checkpoints');
    expect(rows[0]!.newest.getTime()).toBeLessThanOrEqual(env.time.nowMs);
    expect((await quarantine()).map((r) => [r.item_id, r.reason.includes('in the future')])).toEqual([[liar.id, true]]);
  });

  it('rejects a child of another kind that carries t3-shaped data', async () => {
    const victim = env.fake.posts().at(-1)!;
    env.fake.corruptPost(victim.id, { kind: 't1' });
    expect((await poll()).rejected).toBe(1);
    expect(await storedIds()).toEqual(truthIds([victim.id]));
    expect(await quarantine()).toEqual([{ item_id: victim.id, stage: 'normalize', reason: 'kind "t1" is not a submission (t3)' }]);
  });

  it('keeps one row per id when Reddit later sends a post with another created_utc', async () => {
    await poll();
    const victim = env.fake.posts().at(-1)!;
    env.fake.corruptPost(victim.id, { data: { created_utc: victim.createdUtc - 7_200 } });
    env.time.advance(MINUTE);
    await poll();
    await env.scraper.refresher.refreshDue(new AbortController().signal);
    const { rows } = await env.db.query('select created_utc from raw_submissions where id = $1', [victim.id]);
    expect(rows).toEqual([{ created_utc: new Date(victim.createdUtc * 1000) }]);
  });

  it('refreshes the engagement of every other post when one refreshed post is bad', async () => {
    await poll();
    env.time.advance(60 * MINUTE);
    const victim = env.fake.posts().find((p) => p.createdMs < START)!;
    env.fake.corruptPost(victim.id, { data: { num_comments: -5e9 } });
    const result = await env.scraper.refresher.refreshDue(new AbortController().signal);
    expect(result.rejected).toBe(1);
    expect(result.updated).toBeGreaterThan(0);
    const truth = new Map(env.fake.posts().map((p) => [p.id, p]));
    const { rows } = await env.db.query<{ id: string; score: number }>('select id, score from raw_submissions where id <> $1', [victim.id]);
    expect(rows.every((r) => r.score === truth.get(r.id)!.score)).toBe(true);
    expect(await quarantine()).toEqual([{ item_id: victim.id, stage: 'normalize', reason: 'num_comments is outside the storable range (a 32-bit integer)' }]);
  });
});
