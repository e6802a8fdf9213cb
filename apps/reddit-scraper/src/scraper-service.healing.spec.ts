import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { HealAllowance, HealRoundOutcome } from './healing/gap-healer';
import { HEAL_ROUND_MS } from './healing/heal-plan';
import type { PollOutcome } from './polling/stream-poller';
import type { RateLimitSnapshot } from './reddit';
import { ScraperService } from './scraper-service';
import { pollOutcome } from './testing/poll-outcome';

const T0 = Date.UTC(2024, 0, 1);

const outcome = (stream: string): PollOutcome => pollOutcome(stream);

/** A service whose healer records each round's allowance and what `mayRequest` said then, for `rounds` rounds. */
function serviceWithHealer(options: { healBudgetPct?: number; rounds: number; rateLimit?: () => RateLimitSnapshot }) {
  const clock = new FakeClock({ now: T0, autoAdvance: true });
  const controller = new AbortController();
  const rounds: { at: number; requests: number; mayRequest: boolean }[] = [];
  const svc = new ScraperService({
    poller: { poll: async (group) => outcome(group.stream) },
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    refresher: null,
    healer: {
      healRound: async (_signal: AbortSignal, allowance: HealAllowance): Promise<HealRoundOutcome> => {
        rounds.push({ at: clock.now() - T0, requests: allowance.requests, mayRequest: allowance.mayRequest() });
        if (rounds.length >= options.rounds) controller.abort();
        return { requests: 0, gaps: 0, resolved: 0 };
      },
    },
    ...(options.healBudgetPct === undefined ? {} : { healBudgetPct: options.healBudgetPct }),
    clock,
    log: new MemoryLog(),
    subreddits: ['news'],
    subredditsPerRequest: 50,
    pollMinIntervalMs: 60_000,
    pollMaxIntervalMs: 300_000,
  });
  return { rounds, run: () => svc.run(controller.signal) };
}

describe('ScraperService healing rounds', () => {
  it(`gives the healer a round every ${HEAL_ROUND_MS / 1000} s with its share of the budget (default 30% of 100 a minute)`, async () => {
    const { rounds, run } = serviceWithHealer({ rounds: 3 });
    await run();
    expect(rounds.map((r) => r.at)).toEqual([HEAL_ROUND_MS, 2 * HEAL_ROUND_MS, 3 * HEAL_ROUND_MS]);
    // 30% of 100 requests a minute, over 15 s
    expect(rounds.map((r) => r.requests)).toEqual([7, 7, 7]);
  });

  it('scales the share with REDDIT_HEAL_BUDGET_PCT', async () => {
    const { rounds, run } = serviceWithHealer({ rounds: 1, healBudgetPct: 100 });
    await run();
    expect(rounds[0]?.requests).toBe(25);
  });

  it('lets the healer request only while the rate window has room beyond what posts need (posts come first)', async () => {
    let remaining = 600;
    const rateLimit = () => ({ remaining, used: 600 - remaining, resetAt: T0 + 600_000 });
    const roomy = serviceWithHealer({ rounds: 1, rateLimit });
    await roomy.run();
    expect(roomy.rounds[0]?.mayRequest).toBe(true);
    remaining = 3;
    const tight = serviceWithHealer({ rounds: 1, rateLimit });
    await tight.run();
    expect(tight.rounds[0]?.mayRequest).toBe(false);
  });

  it('never schedules the healer with REDDIT_HEAL_BUDGET_PCT=0', async () => {
    const clock = new FakeClock({ now: T0, autoAdvance: true });
    const controller = new AbortController();
    let healRounds = 0;
    let polls = 0;
    const svc = new ScraperService({
      poller: {
        poll: async (group) => {
          if (++polls >= 5) controller.abort();
          return outcome(group.stream);
        },
      },
      refresher: null,
      healer: { healRound: async () => ({ requests: 0, gaps: 0, resolved: healRounds++ }) },
      healBudgetPct: 0,
      clock,
      log: new MemoryLog(),
      subreddits: ['news'],
      subredditsPerRequest: 50,
      pollMinIntervalMs: 60_000,
      pollMaxIntervalMs: 60_000,
    });
    await svc.run(controller.signal);
    expect(polls).toBe(5);
    expect(healRounds).toBe(0);
  });
});
