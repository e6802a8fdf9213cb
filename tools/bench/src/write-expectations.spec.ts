import { describeMismatch, expectedWrite } from './write-expectations';

describe('describeMismatch', () => {
  it('is null when a run did what its phase expects', () => {
    expect(describeMismatch(expectedWrite('unchanged', 10), { inserted: 0, updated: 0, unchanged: 10, observations: 0 })).toBeNull();
  });

  it('names every count that differs, with the expected value', () => {
    expect(describeMismatch(expectedWrite('changed', 10), { inserted: 0, updated: 4, unchanged: 6, observations: 4 })).toBe(
      'updated 4 (expected 10), unchanged 6 (expected 0), observations 4 (expected 10)',
    );
  });
});

describe('expectedWrite', () => {
  it('expects one observation row for every changed row (the one it supersedes), none for a new row (its own first) or an unchanged one', () => {
    expect(expectedWrite('new', 5)).toEqual({ inserted: 5, updated: 0, unchanged: 0, observations: 0 });
    expect(expectedWrite('changed', 5).observations).toBe(5);
    expect(expectedWrite('unchanged', 5).observations).toBe(0);
  });
});
