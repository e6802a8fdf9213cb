import { lastCheckFromRound, roundCheckpoint, roundFromCheckpoint, type EngagementRound } from './engagement-round';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const AT = new Date(Date.UTC(2026, 10, 30, 12));
const ROUND: EngagementRound = { at: AT, coveredUntil: new Date(AT.getTime() - MINUTE), coveredUntilId: 'zz9' };
const OPTIONS = { maxAgeMs: 48 * HOUR };
const createdAgo = (ms: number) => ({ createdAt: new Date(AT.getTime() - ms) });

describe('lastCheckFromRound', () => {
  it('takes a post that was due at the round as checked then', () => {
    expect(lastCheckFromRound(createdAgo(10 * MINUTE), ROUND, OPTIONS)).toEqual(AT);
    expect(lastCheckFromRound(createdAgo(30 * HOUR), ROUND, OPTIONS)).toEqual(AT);
  });

  it('takes a post too young to be due at the round as never checked', () => {
    expect(lastCheckFromRound(createdAgo(4 * MINUTE), ROUND, OPTIONS)).toBeNull();
  });

  it('takes a post created after the newest one the round covered as never checked', () => {
    const post = { createdAt: new Date(ROUND.coveredUntil.getTime() + 1) };
    expect(lastCheckFromRound(post, { ...ROUND, coveredUntil: new Date(AT.getTime() - 20 * MINUTE) }, OPTIONS)).toBeNull();
    expect(lastCheckFromRound(post, ROUND, OPTIONS)).toBeNull();
  });

  it('takes a post already too old to follow at the round as never checked by it', () => {
    expect(lastCheckFromRound(createdAgo(48 * HOUR), ROUND, OPTIONS)).toBeNull();
  });

  it('knows nothing without a round', () => {
    expect(lastCheckFromRound(createdAgo(10 * MINUTE), null, OPTIONS)).toBeNull();
  });
});

describe('the round in the checkpoint row', () => {
  it('round-trips', () => {
    const checkpoint = roundCheckpoint('reddit', 'engagement', ROUND);
    expect(checkpoint).toEqual({
      source: 'reddit',
      stream: 'engagement',
      newestCreatedUtc: ROUND.coveredUntil,
      newestId: 'zz9',
      state: { roundAt: AT.toISOString() },
    });
    expect(roundFromCheckpoint(checkpoint)).toEqual(ROUND);
  });

  it('is none when there is no row, or the row holds no round', () => {
    expect(roundFromCheckpoint(null)).toBeNull();
    const checkpoint = roundCheckpoint('reddit', 'engagement', ROUND);
    expect(roundFromCheckpoint({ ...checkpoint, state: {} })).toBeNull();
    expect(roundFromCheckpoint({ ...checkpoint, state: { roundAt: 'yesterday' } })).toBeNull();
    expect(roundFromCheckpoint({ ...checkpoint, newestCreatedUtc: null })).toBeNull();
  });
});
