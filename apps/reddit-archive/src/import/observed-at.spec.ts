import { retrievedAtOf } from '@sentiment-ingest/models';
import { hasId, hasTime } from './observed-at';

describe('retrievedAtOf (the observation time of a dump line, from libs/models)', () => {
  it('reads retrieved_on, then retrieved_utc, in seconds (numbers or numeric strings)', () => {
    expect(retrievedAtOf({ retrieved_on: 1672617600 })?.toISOString()).toBe('2023-01-02T00:00:00.000Z');
    expect(retrievedAtOf({ retrieved_utc: '1672617600' })?.toISOString()).toBe('2023-01-02T00:00:00.000Z');
  });
  it('is null when absent or implausible (milliseconds, garbage)', () => {
    expect(retrievedAtOf({})).toBeNull();
    expect(retrievedAtOf({ retrieved_on: 1672617600000 })).toBeNull();
    expect(retrievedAtOf({ retrieved_on: 'soon' })).toBeNull();
  });
});

describe('hasId / hasTime', () => {
  it('need a non-empty id and a created_utc', () => {
    expect(hasId({ id: 'abc' })).toBe(true);
    expect(hasId({ id: '' })).toBe(false);
    expect(hasId({})).toBe(false);
    expect(hasTime({ created_utc: 1 })).toBe(true);
    expect(hasTime({ created_utc: null })).toBe(false);
  });
});
