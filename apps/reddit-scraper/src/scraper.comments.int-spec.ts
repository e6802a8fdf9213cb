import { groupSubreddits } from './polling/subreddit-groups';
import { useScraperAgainstFake } from './testing/scraper-harness';

const START = Date.UTC(2026, 10, 29, 10, 0, 0);
const MINUTE = 60_000;
const [GROUP] = groupSubreddits(['alpha', 'beta', 'gamma'], 50);
const STREAM = 'comments:alpha+beta+gamma';

const env = useScraperAgainstFake({
  start: START,
  seed: 11,
  // a first poll reads the newest 1000 comments: ten minutes of history (~590) are all within it
  historyMs: 10 * MINUTE,
  subreddits: [
    { name: 'alpha', postsPerMinute: 6, commentsPerMinute: 40 },
    { name: 'beta', postsPerMinute: 3, commentsPerMinute: 15 },
    { name: 'gamma', postsPerMinute: 1, commentsPerMinute: 4 },
  ],
});

const pollComments = () => env.scraper.commentsPoller.poll(GROUP!, new AbortController().signal);

async function storedIds(): Promise<string[]> {
  const { rows } = await env.db.query<{ id: string }>('select id from raw_comments order by id');
  return rows.map((r) => r.id);
}

const truthIds = () => env.fake.comments().map((c) => c.id).sort();

describe('reddit scraper comments against the fake Reddit and TimescaleDB', () => {
  it('stores every comment exactly once across polls whose pages overlap, with the right fields', async () => {
    // 59 comments a minute: every poll after the first pages back over what the last one stored
    for (let i = 0; i < 5; i += 1) {
      const outcome = await pollComments();
      expect(outcome).toMatchObject({ stream: STREAM, gap: null, interrupted: false, rejected: 0 });
      env.time.advance(4 * MINUTE);
    }
    await pollComments();
    expect(await storedIds()).toEqual(truthIds());
    expect(truthIds().length).toBeGreaterThan(1_000);
    const { rows: dup } = await env.db.query('select id from raw_comments group by id having count(*) > 1');
    expect(dup).toEqual([]);
    const truth = new Map(env.fake.comments().map((c) => [c.id, c]));
    const { rows } = await env.db.query('select id, subreddit, link_id, parent_id, author, body, created_utc from raw_comments');
    for (const row of rows) {
      const comment = truth.get(row.id)!;
      expect({ subreddit: row.subreddit, link: `t3_${row.link_id}`, parent: row.parent_id, created: row.created_utc.getTime() }).toEqual({
        subreddit: comment.subreddit,
        link: comment.linkId,
        parent: comment.parentId,
        created: comment.createdUtc * 1000,
      });
      // deleted or removed: redacted as posts are (checked below); else as written when read
      if (!comment.removedByCategory && comment.edited === false) expect([row.author, row.body]).toEqual([comment.author, comment.body]);
    }
    const { rows: checkpoint } = await env.db.query('select newest_id from scrape_checkpoints where source = $1 and stream = $2', ['reddit', STREAM]);
    expect(checkpoint).toEqual([{ newest_id: truthIds().at(-1) }]);
  });

  it('redacts comments deleted or removed on Reddit', async () => {
    // comments are seldom gone within minutes of being written: serve two as Reddit shows them once gone
    const [deleted, removed] = env.fake.comments().slice(-2);
    env.fake.corruptComment(deleted!.id, { data: { body: '[deleted]', author: '[deleted]' } });
    env.fake.corruptComment(removed!.id, { data: { body: '[removed]' } });
    await pollComments();
    const { rows } = await env.db.query('select id, author, author_fullname, body, raw from raw_comments where id = any($1) order by id', [[deleted!.id, removed!.id]]);
    expect(rows.map((r) => [r.id, r.author, r.author_fullname, r.body, r.raw.redacted, r.raw.link_id])).toEqual([
      [deleted!.id, '[deleted]', null, '[deleted]', true, deleted!.linkId],
      [removed!.id, '[deleted]', null, '[removed]', true, removed!.linkId],
    ]);
  });

  it('quarantines a malformed comment and stores the rest of its page', async () => {
    await pollComments();
    env.time.advance(3 * MINUTE);
    env.fake.injectFaults([{ malformedItems: 1, path: 'comments' }]);
    const outcome = await pollComments();
    expect(outcome.rejected).toBe(1);
    const { rows } = await env.db.query('select source, stream, item_kind, item_id, stage, reason from rejected_items');
    expect(rows).toEqual([{ source: 'reddit', stream: STREAM, item_kind: 'comment', item_id: expect.any(String), stage: 'normalize', reason: expect.stringMatching(/created_utc/) }]);
    // every other comment was stored
    const stored = new Set(await storedIds());
    expect(truthIds().filter((id) => !stored.has(id))).toEqual([rows[0].item_id]);
  });

  it('records a gap when a comment burst passes the listing end, and stores what the listing shows', async () => {
    await pollComments();
    const before = (await storedIds()).length;
    env.fake.addCommentBurst('beta', 1_500, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    const outcome = await pollComments();
    expect(outcome.gap).not.toBeNull();
    const { rows } = await env.db.query('select source, stream, gap_end, reason from scrape_gaps');
    expect(rows).toEqual([{ source: 'reddit', stream: STREAM, gap_end: expect.any(Date), reason: expect.stringMatching(/^listing ended after 1000 comments/) }]);
    const stored = new Set(await storedIds());
    expect(stored.size).toBe(before + 1_000);
    const afterGap = env.fake.comments().filter((c) => c.createdUtc * 1000 > rows[0].gap_end.getTime());
    expect(afterGap.every((c) => stored.has(c.id))).toBe(true);
    // the posts' stream is untouched: its own checkpoint, no gap of its own
    const { rows: streams } = await env.db.query('select stream from scrape_checkpoints order by stream');
    expect(streams).toEqual([{ stream: STREAM }]);
  });
});
