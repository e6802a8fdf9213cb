import type { PollOutcome } from './polling/stream-poller';
import type { StreamGroup } from './polling/subreddit-groups';
import { RedditAuthError, RedditSubredditUnavailableError } from './reddit';
import { ENGAGEMENT_ROUND_MS, ScraperService, UNAVAILABLE_RETRY_MS } from './scraper-service';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { pollOutcome } from './testing/poll-outcome';

const T0 = Date.UTC(2024, 0, 1);
/** Virtual time after which a test stops anyway, so that a regression fails its assertions instead of looping forever. */
const GIVE_UP_AFTER_MS = 3 * UNAVAILABLE_RETRY_MS;

const outcome = (group: StreamGroup): PollOutcome => pollOutcome(group.stream);

const unavailable = (group: StreamGroup) =>
  new RedditSubredditUnavailableError({ endpoint: 'listing', status: 403, subreddits: group.subreddits, reason: 'private' });

/** A service on virtual time from T0 that stops once `stop` says so; its polls, rounds and health calls as `name@ms` (ms after T0). */
function service(options: {
  subreddits: string[];
  poll?: (group: StreamGroup) => PollOutcome;
  refresh?: (round: number) => void;
  stop: (seen: { polls: string[]; rounds: string[] }) => boolean;
}) {
  const clock = new FakeClock({ now: T0, autoAdvance: true });
  const controller = new AbortController();
  const seen = { polls: [] as string[], rounds: [] as string[], health: [] as string[] };
  const at = () => clock.now() - T0;
  const check = () => {
    if (options.stop(seen) || at() > GIVE_UP_AFTER_MS) controller.abort();
  };
  const svc = new ScraperService({
    poller: {
      poll: async (group) => {
        seen.polls.push(`${group.stream}@${at()}`);
        check();
        return (options.poll ?? outcome)(group);
      },
    },
    refresher: options.refresh
      ? {
          refreshDue: async () => {
            seen.rounds.push(`round@${at()}`);
            check();
            options.refresh?.(seen.rounds.length);
            return { checked: 0, updated: 0, missing: 0, rejected: 0 };
          },
        }
      : null,
    clock,
    log: new MemoryLog(),
    subreddits: options.subreddits,
    subredditsPerRequest: 2,
    pollMinIntervalMs: 10_000,
    pollMaxIntervalMs: 300_000,
    health: {
      success: (stream, when) => void seen.health.push(`success ${stream}@${when - T0}`),
      failure: (stream) => void seen.health.push(`failure ${stream}@${at()}`),
      forget: (stream) => void seen.health.push(`forget ${stream}@${at()}`),
    },
  });
  return { svc, seen, run: () => svc.run(controller.signal) };
}

describe('ScraperService tasks', () => {
  it('tries a skipped subreddit again after UNAVAILABLE_RETRY_MS, as a stream of its own, and skips it again while it stays unavailable', async () => {
    const keysWhilePolling: string[][] = [];
    const { svc, seen, run } = service({
      subreddits: ['aaa', 'gone1'],
      poll: (group) => {
        keysWhilePolling.push(svc.streamKeys());
        if (group.subreddits.includes('gone1')) throw unavailable(group);
        return outcome(group);
      },
      stop: ({ polls }) => polls.filter((p) => p.startsWith('new:gone1@')).length === 2,
    });
    await run();
    expect(seen.polls.filter((p) => p.includes('gone1'))).toEqual(['new:aaa+gone1@0', 'new:gone1@0', `new:gone1@${UNAVAILABLE_RETRY_MS}`]);
    expect(keysWhilePolling[3]).toEqual(['new:aaa']);
    expect(keysWhilePolling.at(-1)).toEqual(['new:aaa', 'new:gone1']);
    expect(seen.health.filter((h) => h.includes('gone1'))).toEqual(['forget new:aaa+gone1@0', 'forget new:gone1@0', `forget new:gone1@${UNAVAILABLE_RETRY_MS}`]);
    expect(svc.streamKeys()).toEqual(['new:aaa']);
  });

  it('polls a readmitted subreddit like any stream once it is available again', async () => {
    let available = false;
    const { seen, run } = service({
      subreddits: ['back1'],
      poll: (group) => {
        if (!available) {
          available = true;
          throw unavailable(group);
        }
        return outcome(group);
      },
      stop: ({ polls }) => polls.length === 3,
    });
    await run();
    expect(seen.polls).toEqual(['new:back1@0', `new:back1@${UNAVAILABLE_RETRY_MS}`, `new:back1@${UNAVAILABLE_RETRY_MS + 10_000}`]);
    expect(seen.health).toEqual(['forget new:back1@0', `success new:back1@${UNAVAILABLE_RETRY_MS}`, `success new:back1@${UNAVAILABLE_RETRY_MS + 10_000}`]);
  });

  it('refreshes engagement every ENGAGEMENT_ROUND_MS, also after a failed round, and reports each round to the health port', async () => {
    const { seen, run } = service({
      subreddits: ['a1'],
      refresh: (round) => {
        if (round === 2) throw new Error('info failed');
      },
      stop: ({ rounds }) => rounds.length === 3,
    });
    await run();
    expect(seen.rounds).toEqual([`round@${ENGAGEMENT_ROUND_MS}`, `round@${2 * ENGAGEMENT_ROUND_MS}`, `round@${3 * ENGAGEMENT_ROUND_MS}`]);
    expect(seen.health.filter((h) => h.includes('engagement'))).toEqual([
      `success engagement@${ENGAGEMENT_ROUND_MS}`,
      `failure engagement@${2 * ENGAGEMENT_ROUND_MS}`,
      `success engagement@${3 * ENGAGEMENT_ROUND_MS}`,
    ]);
  });

  it('runs the engagement round before a stream poll due at the same moment', async () => {
    let pollsBeforeRound: string[] = [];
    const { seen, run } = service({
      subreddits: ['a1'],
      poll: (group) => ({ ...outcome(group), inserted: 500 }), // busy: polled every 10 s, so also at 60 s
      refresh: () => void (pollsBeforeRound = [...seen.polls]),
      stop: ({ rounds }) => rounds.length === 1,
    });
    await run();
    expect(pollsBeforeRound.at(-1)).toBe('new:a1@50000');
    expect(seen.polls).toHaveLength(6);
  });

  it('gives up when Reddit rejects the credentials during an engagement round', async () => {
    const { run } = service({
      subreddits: ['a1'],
      refresh: () => {
        throw new RedditAuthError({ endpoint: 'token', status: 401 });
      },
      stop: () => false,
    });
    await expect(run()).rejects.toBeInstanceOf(RedditAuthError);
  });
});
