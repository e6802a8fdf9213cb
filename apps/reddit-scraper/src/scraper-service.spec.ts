import type { PollOutcome } from './polling/stream-poller';
import type { StreamGroup } from './polling/subreddit-groups';
import { RedditAuthError, RedditSubredditUnavailableError } from './reddit';
import { ScraperService } from './scraper-service';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { pollOutcome } from './testing/poll-outcome';

const outcome = (group: StreamGroup, inserted = 0): PollOutcome => pollOutcome(group.stream, { fetched: inserted, inserted });

function service(poll: (group: StreamGroup) => Promise<PollOutcome>, options: { subreddits: string[]; stopAfter: number }) {
  const clock = new FakeClock({ autoAdvance: true });
  const log = new MemoryLog();
  const controller = new AbortController();
  const polls: { at: number; stream: string }[] = [];
  const svc = new ScraperService({
    poller: {
      poll: async (group) => {
        polls.push({ at: clock.now(), stream: group.stream });
        if (polls.length >= options.stopAfter) controller.abort();
        return poll(group);
      },
    },
    refresher: null,
    clock,
    log,
    subreddits: options.subreddits,
    subredditsPerRequest: 2,
    pollMinIntervalMs: 10_000,
    pollMaxIntervalMs: 300_000,
  });
  return { svc, clock, log, polls, run: () => svc.run(controller.signal) };
}

describe('ScraperService', () => {
  it('polls every group, and a quiet stream less and less often up to the maximum interval', async () => {
    const { polls, run } = service(async (g) => outcome(g, 0), { subreddits: ['a1', 'b1', 'c1'], stopAfter: 12 });
    await run();
    const streams = new Set(polls.map((p) => p.stream));
    expect(streams).toEqual(new Set(['new:a1+b1', 'new:c1']));
    const gaps = polls.filter((p) => p.stream === 'new:c1').map((p, i, all) => (i === 0 ? 0 : p.at - all[i - 1]!.at));
    expect(gaps.slice(1, 3)).toEqual([10_000, 300_000]);
  });

  it('polls a busy stream at the minimum interval', async () => {
    const { polls, run } = service(async (g) => outcome(g, 500), { subreddits: ['a1'], stopAfter: 4 });
    await run();
    expect(polls.map((p, i) => (i === 0 ? 0 : p.at - polls[i - 1]!.at)).slice(1)).toEqual([10_000, 10_000, 10_000]);
  });

  it('splits a group with an unavailable subreddit until it stands alone, skips it, and keeps polling the others', async () => {
    const bad = 'gone1';
    const { polls, run, log } = service(
      async (g) => {
        if (g.subreddits.includes(bad)) throw new RedditSubredditUnavailableError({ endpoint: 'listing', status: 404, subreddits: g.subreddits, reason: 'banned' });
        return outcome(g);
      },
      { subreddits: ['aaa', bad], stopAfter: 6 },
    );
    await run();
    expect(polls[0]?.stream).toBe('new:aaa+gone1');
    expect(polls.slice(1).map((p) => p.stream)).toContain('new:aaa');
    expect(polls.filter((p) => p.stream === 'new:gone1')).toHaveLength(1);
    expect(log.lines.some((l) => l.message === 'subreddit unavailable; skipped' && l.fields['subreddit'] === bad)).toBe(true);
  });

  it('gives up when Reddit rejects the credentials', async () => {
    const { run } = service(async () => {
      throw new RedditAuthError({ endpoint: 'token', status: 401 });
    }, { subreddits: ['a1'], stopAfter: 100 });
    await expect(run()).rejects.toBeInstanceOf(RedditAuthError);
  });

  it('backs off a stream whose polls fail for other reasons', async () => {
    const { polls, run } = service(async () => {
      throw new Error('boom');
    }, { subreddits: ['a1'], stopAfter: 3 });
    await run();
    expect(polls.map((p, i) => (i === 0 ? 0 : p.at - polls[i - 1]!.at)).slice(1)).toEqual([20_000, 40_000]);
  });
});
