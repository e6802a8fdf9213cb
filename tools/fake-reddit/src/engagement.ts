import { unitFor } from './prng';
import type { PostTraits } from './post-traits';

// module-level aliases: global lookups are slow in hot code under Jest's vm context (see prng.ts)
const { exp, round, max, floor } = Math;

/** The numbers a post shows at one instant. */
export interface Engagement {
  readonly score: number;
  /** Reddit reports `ups` equal to the score and `downs` as 0 */
  readonly ups: number;
  readonly numComments: number;
  readonly upvoteRatio: number;
}

/** Reddit fuzzes scores; the fake re-draws its fuzz every this many seconds of age. */
export const SCORE_FUZZ_PERIOD_SECONDS = 30;

/**
 * Engagement at `ageSeconds` after creation: score and comments grow along a saturating curve
 * towards the post's seeded potential, the ratio drifts from 1.0 (only the author's vote) towards
 * its final value, and the score carries a small deterministic fuzz. Same inputs, same numbers.
 */
export function engagementAt(traits: PostTraits, ageSeconds: number, fuzzKey: string): Engagement {
  const age = max(0, ageSeconds);
  const progress = 1 - exp(-age / traits.growthSeconds);
  const trueScore = 1 + traits.potentialScore * progress;
  const score = max(0, round(trueScore + fuzzOf(trueScore, age, fuzzKey)));
  const numComments = floor(traits.potentialComments * (1 - exp(-age / (traits.growthSeconds * 1.5))));
  const ratio = traits.finalRatio + (1 - traits.finalRatio) * exp(-age / traits.growthSeconds);
  return { score, ups: score, numComments, upvoteRatio: round(ratio * 100) / 100 };
}

/** Up to ±3 % of the score (at least ±1 once the score is above 10), stable within a fuzz period. */
function fuzzOf(score: number, age: number, fuzzKey: string): number {
  const amplitude = score > 10 ? max(1, score * 0.03) : 0;
  const unit = unitFor('fuzz', fuzzKey, floor(age / SCORE_FUZZ_PERIOD_SECONDS));
  return (unit * 2 - 1) * amplitude;
}
