import { commentsBudgetWaitMs, MIN_BUDGET_WAIT_MS, POSTS_HEADROOM_REQUESTS, requestsBetween, requestsPerMinute } from './comments-budget';

const NOW = 1_764_403_200_000;

describe('commentsBudgetWaitMs', () => {
  const base = { now: NOW, resetAt: NOW + 300_000, postsRequestsPerMinute: 20, pollCost: 3 };

  it('lets a comments poll go when the window covers the posts until the reset and the poll', () => {
    // posts need 20/min x 5 min + headroom = 110; 120 left covers that and 3 more
    expect(commentsBudgetWaitMs({ ...base, remaining: 100 + POSTS_HEADROOM_REQUESTS + 3 })).toBe(0);
  });

  it('waits until the window resets when the posts would be left short', () => {
    expect(commentsBudgetWaitMs({ ...base, remaining: 100 + POSTS_HEADROOM_REQUESTS + 2 })).toBe(300_000);
    expect(commentsBudgetWaitMs({ ...base, remaining: 0 })).toBe(300_000);
  });

  it('gives the comments what the posts do not use: idle posts leave all but the headroom', () => {
    expect(commentsBudgetWaitMs({ ...base, postsRequestsPerMinute: 0, remaining: POSTS_HEADROOM_REQUESTS + 1, pollCost: 1 })).toBe(0);
    expect(commentsBudgetWaitMs({ ...base, postsRequestsPerMinute: 0, remaining: POSTS_HEADROOM_REQUESTS, pollCost: 1 })).toBe(300_000);
  });

  it('needs less reserve as the reset nears, and waits at least a second after a reset that is due', () => {
    expect(commentsBudgetWaitMs({ ...base, resetAt: NOW + 30_000, remaining: 25 })).toBe(0);
    expect(commentsBudgetWaitMs({ ...base, resetAt: NOW - 5, remaining: 0 })).toBe(MIN_BUDGET_WAIT_MS);
  });

  it('counts a poll as at least one request', () => {
    expect(commentsBudgetWaitMs({ ...base, postsRequestsPerMinute: 0, remaining: POSTS_HEADROOM_REQUESTS, pollCost: 0 })).toBe(300_000);
  });
});

describe('requestsPerMinute', () => {
  it('averages the last ten minutes of usage; one task alone counts over a minute', () => {
    expect(requestsPerMinute([], NOW)).toBe(0);
    expect(requestsPerMinute([{ at: NOW - 10_000, requests: 4 }], NOW)).toBe(4);
    expect(requestsPerMinute([{ at: NOW - 11 * 60_000, requests: 100 }, { at: NOW - 60_000, requests: 6 }], NOW)).toBe(6);
  });

  it('reads n regular tasks as n intervals, so a short history gives the true rate', () => {
    // 5 requests every 10 s is 30 a minute, from the second task on
    const every10s = (n: number) => Array.from({ length: n }, (_, i) => ({ at: NOW - (n - 1 - i) * 10_000, requests: 5 }));
    expect(requestsPerMinute(every10s(2), NOW)).toBe(30);
    expect(requestsPerMinute(every10s(6), NOW)).toBe(30);
    expect(requestsPerMinute(every10s(60), NOW)).toBeCloseTo(30, 0);
    expect(requestsPerMinute([{ at: NOW, requests: 5 }, { at: NOW, requests: 5 }], NOW)).toBe(60);
  });
});

describe('requestsBetween', () => {
  it('counts from zero when the window reset during the task', () => {
    expect(requestsBetween(10, 13)).toBe(3);
    expect(requestsBetween(590, 2)).toBe(2);
  });
});
