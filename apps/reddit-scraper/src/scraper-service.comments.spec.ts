import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { POSTS_HEADROOM_REQUESTS } from './polling/comments-budget';
import type { PollOutcome } from './polling/stream-poller';
import { commentsStreamKey, type StreamGroup } from './polling/subreddit-groups';
import { RedditSubredditUnavailableError, type RateLimitSnapshot } from './reddit';
import { ScraperService } from './scraper-service';
import { pollOutcome } from './testing/poll-outcome';

const T0 = Date.UTC(2024, 0, 1);

const outcome = (stream: string, pages = 1, inserted = 0): PollOutcome => pollOutcome(stream, { pages, inserted });

/**
 * A service with posts and comments pollers on virtual time; each request a poll makes is taken from
 * a rate window of `budget` requests that resets every `windowMs`.
 */
function service(options: {
  subreddits: string[];
  budget: number;
  windowMs?: number;
  postsPages?: number;
  commentsPoll?: (group: StreamGroup) => PollOutcome;
  stop: (polls: string[]) => boolean;
}) {
  const clock = new FakeClock({ now: T0, autoAdvance: true });
  const controller = new AbortController();
  const polls: string[] = [];
  const windowMs = options.windowMs ?? 600_000;
  let window = { used: 0, resetAt: T0 + windowMs };
  const rateLimit = (): RateLimitSnapshot => {
    while (clock.now() >= window.resetAt) window = { used: 0, resetAt: window.resetAt + windowMs };
    return { remaining: options.budget - window.used, used: window.used, resetAt: window.resetAt };
  };
  const spend = (requests: number) => {
    rateLimit();
    window.used += requests;
  };
  const at = () => clock.now() - T0;
  const svc = new ScraperService({
    poller: {
      poll: async (group) => {
        polls.push(`${group.stream}@${at()}`);
        spend(options.postsPages ?? 1);
        if (options.stop(polls)) controller.abort();
        // 50 new posts a poll keep the posts at the shortest interval
        return outcome(group.stream, options.postsPages ?? 1, 50);
      },
    },
    commentsPoller: {
      streamOf: (group) => commentsStreamKey(group.subreddits),
      poll: async (group) => {
        const stream = commentsStreamKey(group.subreddits);
        polls.push(`${stream}@${at()}`);
        const result = options.commentsPoll?.(group) ?? outcome(stream);
        spend(result.pages);
        if (options.stop(polls)) controller.abort();
        return result;
      },
    },
    rateLimit,
    refresher: null,
    clock,
    log: new MemoryLog(),
    subreddits: options.subreddits,
    subredditsPerRequest: 2,
    pollMinIntervalMs: 10_000,
    pollMaxIntervalMs: 60_000,
  });
  return { svc, polls, run: () => svc.run(controller.signal) };
}

describe('ScraperService with comments', () => {
  it("adds each group's comments stream after its posts stream, polled after it when both are due", async () => {
    const { svc, polls, run } = service({ subreddits: ['aaa', 'bbb', 'ccc'], budget: 1000, stop: (p) => p.length >= 4 });
    expect(svc.streamKeys()).toEqual(['new:aaa+bbb', 'new:ccc', 'comments:aaa+bbb', 'comments:ccc']);
    await run();
    expect(polls).toEqual(['new:aaa+bbb@0', 'comments:aaa+bbb@0', 'new:ccc@0', 'comments:ccc@0']);
  });

  it('keeps the budget for posts: comments wait for the window to reset when posts would be left short', async () => {
    // posts spend 5 requests per poll every 10 s (30/min); a window of 600 s needs 300 for them
    const { polls, run } = service({
      subreddits: ['aaa'],
      budget: 300 + POSTS_HEADROOM_REQUESTS + 40,
      windowMs: 600_000,
      postsPages: 5,
      commentsPoll: (group) => outcome(commentsStreamKey(group.subreddits), 20),
      stop: (p) => p.some((x) => x.startsWith('comments:') && !x.endsWith('@0')) && p.filter((x) => x.startsWith('comments:')).length >= 3,
    });
    await run();
    const comments = polls.filter((p) => p.startsWith('comments:')).map((p) => Number(p.split('@')[1]));
    const posts = polls.filter((p) => p.startsWith('new:'));
    // the first poll comes before any posts' usage is known; later ones only after a reset
    expect(comments[0]).toBe(0);
    expect(comments.slice(1).every((ms) => ms >= 600_000)).toBe(true);
    // posts were never held back: one poll every 10 s from the start
    expect(posts.slice(0, 60).map((p) => Number(p.split('@')[1]))).toEqual(Array.from({ length: 60 }, (_, i) => i * 10_000));
  });

  it('drops the comments stream with its group when a subreddit is unavailable, and splits both', async () => {
    const { svc, run } = service({
      subreddits: ['aaa', 'gone1'],
      budget: 1000,
      commentsPoll: (group) => {
        if (group.subreddits.includes('gone1')) {
          throw new RedditSubredditUnavailableError({ endpoint: 'comments', status: 403, subreddits: group.subreddits, reason: 'private' });
        }
        return outcome(commentsStreamKey(group.subreddits));
      },
      stop: (p) => p.filter((x) => x.startsWith('comments:aaa@')).length >= 2,
    });
    await run();
    expect(svc.streamKeys()).toEqual(['new:aaa', 'comments:aaa']);
  });
});
