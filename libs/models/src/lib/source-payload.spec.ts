import { sourcePayloadOf } from './source-payload';

describe('sourcePayloadOf', () => {
  it('is raw when the item holds the payload', () => {
    const raw = { id: 'abc' };
    expect(sourcePayloadOf({ raw })).toBe(raw);
  });

  it('parses rawJson when the item holds the text', () => {
    expect(sourcePayloadOf({ rawJson: '{"id":"abc","n":[1,2]}' })).toEqual({ id: 'abc', n: [1, 2] });
  });

  it('says so when the item holds neither', () => {
    expect(() => sourcePayloadOf({})).toThrow('neither raw nor rawJson');
  });
});
