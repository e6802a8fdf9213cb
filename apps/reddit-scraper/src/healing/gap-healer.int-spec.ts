import { groupSubreddits } from '../polling/subreddit-groups';
import { buildScraper, useScraperAgainstFake, type ScraperFixture } from '../testing/scraper-harness';
import type { HealAllowance } from './gap-healer';
import { LATE_LISTING_MS } from './heal-plan';

const START = Date.UTC(2026, 10, 29, 10, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TWELVE = Array.from({ length: 12 }, (_, i) => `sub${String(i + 1).padStart(2, '0')}`);
const [GROUP] = groupSubreddits(TWELVE, 50);
const signal = () => new AbortController().signal;
const allowance = (requests: number): HealAllowance => ({ requests, mayRequest: () => true });

async function storedIds(env: ScraperFixture, table = 'raw_submissions'): Promise<string[]> {
  const { rows } = await env.db.query<{ id: string }>(`select id from ${table} order by id`);
  return rows.map((r) => r.id);
}

async function gaps(env: ScraperFixture) {
  const { rows } = await env.db.query(
    'select id, stream, gap_start, gap_end, resolved_at, resolution, recovered_items, absent_items from scrape_gaps order by id',
  );
  return rows;
}

/** Heal rounds of `requests` each until a round resolves nothing and spends nothing, or `max` rounds. */
async function healUntilIdle(env: ScraperFixture, requests: number, max = 50): Promise<number> {
  let spent = 0;
  for (let round = 0; round < max; round++) {
    const outcome = await env.scraper.healer.healRound(signal(), allowance(requests));
    spent += outcome.requests;
    if (outcome.requests === 0) return spent;
  }
  throw new Error(`healing still spent requests after ${max} rounds`);
}

describe('gap healer: a burst past the listing end', () => {
  const env = useScraperAgainstFake({
    start: START,
    seed: 21,
    historyMs: 30 * MINUTE,
    subreddits: TWELVE.map((name) => ({ name, postsPerMinute: 1, commentsPerMinute: 2 })),
  });
  const poll = () => env.scraper.poller.poll(GROUP!, signal());
  const truthIds = () => env.fake.posts().map((p) => p.id).sort();

  it('recovers a 1,500-post burst in one subreddit of a group of 12 (re-poll alone, then id walk), across a restart mid-walk', async () => {
    await poll();
    env.fake.addBurst('sub05', 1_500, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).not.toBeNull();
    const missing = truthIds().length - (await storedIds(env)).length;
    expect(missing).toBeGreaterThan(400);

    // re-polling the twelve alone costs 10 pages for sub05 and one for each other; two walk chunks more
    const first = await env.scraper.healer.healRound(signal(), allowance(23));
    expect(first).toMatchObject({ requests: 23, resolved: 0 });
    expect((await gaps(env))[0].resolved_at).toBeNull();

    // a restart: the walk resumes from its stored cursor, without re-polling (that alone would cost 21)
    await env.scraper.close();
    env.scraper = await buildScraper(env);
    const second = await env.scraper.healer.healRound(signal(), allowance(100));
    expect(second.resolved).toBe(1);
    expect(second.requests).toBeLessThan(21);
    expect(env.scraper.log.lines.map((l) => l.message)).toContain('resuming the id walk of a gap');

    expect(await storedIds(env)).toEqual(truthIds());
    const [gap] = await gaps(env);
    expect(gap).toMatchObject({ resolution: 'repoll+id-walk', recovered_items: missing });
    expect(gap.resolved_at).toBeInstanceOf(Date);
    expect(gap.absent_items).toBeGreaterThanOrEqual(0);
    const { rows: dup } = await env.db.query('select id from raw_submissions group by id having count(*) > 1');
    expect(dup).toEqual([]);
    // nothing left to do
    expect(await env.scraper.healer.healRound(signal(), allowance(100))).toMatchObject({ requests: 0, gaps: 0 });
  });

  it('heals by re-polling alone when every subreddit of the group fits its own listing', async () => {
    await poll();
    env.fake.addBurst('sub03', 600, env.time.nowMs + 1_000);
    env.fake.addBurst('sub07', 600, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    expect((await poll()).gap).not.toBeNull();
    const spent = await healUntilIdle(env, 7);
    expect(await storedIds(env)).toEqual(truthIds());
    expect(await gaps(env)).toEqual([expect.objectContaining({ resolution: 'repoll', absent_items: null })]);
    // 7 pages for each burst subreddit, one for each of the ten others
    expect(spent).toBe(7 + 7 + 10);
  });

  it('leaves a gap open, with its reason, when the id walk would be longer than REDDIT_HEAL_MAX_HOURS', async () => {
    await env.scraper.close();
    env.scraper = await buildScraper({ ...env, healMaxWalkMs: 0 });
    await poll();
    env.fake.addBurst('sub05', 1_500, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    await poll();
    const spent = await healUntilIdle(env, 100);
    expect(spent).toBe(21);
    expect(await gaps(env)).toEqual([expect.objectContaining({ resolved_at: null })]);
    const { rows } = await env.db.query("select state from scrape_checkpoints where stream like 'heal:%'");
    expect(rows).toEqual([{ state: { stage: 'unhealable', reason: expect.stringContaining('REDDIT_HEAL_MAX_HOURS=0') } }]);
    // a new process does not spend on it again
    await env.scraper.close();
    env.scraper = await buildScraper({ ...env, healMaxWalkMs: 0 });
    expect(await env.scraper.healer.healRound(signal(), allowance(100))).toMatchObject({ requests: 0, gaps: 1 });
  });

  it('leaves a comments gap a re-poll cannot close open for the archive importer', async () => {
    const pollComments = () => env.scraper.commentsPoller.poll(GROUP!, signal());
    await pollComments();
    env.fake.addCommentBurst('sub05', 1_500, env.time.nowMs + 1_000);
    env.time.advance(MINUTE);
    expect((await pollComments()).gap).not.toBeNull();
    const spent = await healUntilIdle(env, 100);
    expect(spent).toBe(10 + 11);
    const [gap] = await gaps(env);
    expect(gap).toMatchObject({ stream: `comments:${TWELVE.join('+')}`, resolved_at: null });
    const { rows } = await env.db.query("select state from scrape_checkpoints where stream like 'heal:%'");
    expect(rows[0].state.reason).toContain('comment ids cannot be walked: left for the archive importer');
  });
});

describe('gap healer: a first run with REDDIT_HISTORY_SINCE', () => {
  const env = useScraperAgainstFake({
    start: START,
    seed: 22,
    // Reddit has posts before any history asked for: the walk ends on them
    historyMs: 3 * HOUR + 10 * MINUTE,
    // sub01 alone has ~1,080 posts in three hours: more than its own listing holds
    subreddits: TWELVE.map((name, i) => ({ name, postsPerMinute: i === 0 ? 6 : 1 })),
  });

  it('stores every post of the fake three-hour history, and resolves the history gap', async () => {
    await env.scraper.close();
    env.scraper = await buildScraper({ ...env, historySince: { kind: 'age', ms: 3 * HOUR } });
    const outcome = await env.scraper.poller.poll(GROUP!, signal());
    expect(outcome.gap).toMatchObject({ gapStart: new Date(START - 3 * HOUR) });
    expect(outcome.gap?.reason).toContain('REDDIT_HISTORY_SINCE');
    await healUntilIdle(env, 30);
    const truth = env.fake.posts().filter((p) => p.createdUtc * 1000 >= START - 3 * HOUR).map((p) => p.id).sort();
    expect(truth.length).toBeGreaterThan(3_000);
    const stored = await storedIds(env);
    expect(truth.filter((id) => !stored.includes(id))).toEqual([]);
    // and nothing older than healing's look-back before the history start
    const lookedAt = new Set(env.fake.posts().filter((p) => p.createdUtc * 1000 >= START - 3 * HOUR - LATE_LISTING_MS).map((p) => p.id));
    expect(stored.filter((id) => !lookedAt.has(id))).toEqual([]);
    expect(await gaps(env)).toEqual([expect.objectContaining({ resolution: 'repoll+id-walk' })]);
  });

  it('records no history gap without REDDIT_HISTORY_SINCE', async () => {
    const outcome = await env.scraper.poller.poll(GROUP!, signal());
    expect(outcome.gap).toBeNull();
    expect(await gaps(env)).toEqual([]);
  });
});
