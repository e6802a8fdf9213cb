import { engagementAt, SCORE_FUZZ_PERIOD_SECONDS } from './engagement';
import { drawPostTraits, type PostTraits } from './post-traits';
import { mulberry32 } from './prng';

const traits: PostTraits = { ...drawPostTraits(mulberry32(1), 'abc'), potentialScore: 1000, potentialComments: 200, growthSeconds: 3600, finalRatio: 0.8 };

describe('engagementAt', () => {
  it('starts at score 1, ratio 1.0 and no comments', () => {
    expect(engagementAt(traits, 0, 'abc')).toEqual({ score: 1, ups: 1, numComments: 0, upvoteRatio: 1 });
  });

  it('grows along a saturating curve towards the potential', () => {
    const at = (hours: number) => engagementAt(traits, hours * 3600, 'abc');
    expect(at(1).score).toBeGreaterThan(600);
    expect(at(1).score).toBeLessThan(660);
    expect(at(3).numComments).toBeGreaterThan(at(1).numComments);
    expect(at(48).score).toBeGreaterThan(960);
    expect(at(48).score).toBeLessThan(1040);
    expect(at(48).upvoteRatio).toBe(0.8);
  });

  it('gives the same numbers for the same post and age', () => {
    expect(engagementAt(traits, 1234, 'abc')).toEqual(engagementAt(traits, 1234, 'abc'));
  });

  it('fuzzes the score by at most 3 %, changing between fuzz periods', () => {
    const late = Array.from({ length: 20 }, (_, i) => engagementAt(traits, 100 * 3600 + i * SCORE_FUZZ_PERIOD_SECONDS, 'abc').score);
    expect(new Set(late).size).toBeGreaterThan(1);
    expect(late.every((score) => score >= 1001 * 0.97 && score <= 1001 * 1.03)).toBe(true);
  });
});
