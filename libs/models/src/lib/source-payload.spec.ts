import { sourcePayloadOf } from './source-payload';

describe('sourcePayloadOf', () => {
  it('is raw when the item holds the payload', () => {
    const raw = { id: 'abc' };
    expect(sourcePayloadOf({ raw })).toBe(raw);
  });

  it('parses rawJson when the item holds the text', () => {
    expect(sourcePayloadOf({ rawJson: '{"id":"abc","n":[1,2]}' })).toEqual({ id: 'abc', n: [1, 2] });
  });

  it('parses rawJson held as UTF-8 bytes', () => {
    expect(sourcePayloadOf({ rawJson: new TextEncoder().encode('{"id":"é🙂","n":[1]}') })).toEqual({ id: 'é🙂', n: [1] });
  });

  it('says so when the item holds neither', () => {
    expect(() => sourcePayloadOf({})).toThrow('neither raw nor rawJson');
  });
});
