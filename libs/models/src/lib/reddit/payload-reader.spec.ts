import * as fields from './payload-fields';
import { ASK_SCHEMA, type PayloadField, type PayloadReader } from './payload-reader';
import { t1Reader } from './t1-schema';
import { t3Reader } from './t3-schema';

/**
 * The fast readers must give exactly what the schemas give. Every field is tried with values of
 * every shape the dumps and the API have sent, and many that they should not.
 */
const FOUNDED = Date.UTC(2005, 5, 1) / 1000;
const VALUES: readonly unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 0.5, 1.5, 42, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 1e300,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  FOUNDED - 1, FOUNDED, 1764403200, 1764403200.5, 4102444799, 4102444800, 1764403200000,
  '', ' ', 'abc', 'abc123', 'ABC', 'a-b', 't3_abc123', 't1_abc123', 't2_abc123', 't3_', 't3_ABC', 'x'.repeat(13), 'x'.repeat(14),
  'x'.repeat(100), 'x'.repeat(101), '1764403200', ' 1764403200 ', '1764403200.25', '-5', '12', '1e9', '0x10', 'NaN', '2147483648',
  '[deleted]', '[removed]', 'text\u0000with NUL', 'lone \ud83d surrogate',
  [], [1], {}, { a: 1 },
];

const T3_BASE: Record<string, unknown> = {
  id: 'abc123', name: 't3_abc123', created_utc: 1764403200, subreddit: 'news', subreddit_id: 't5_2qh3l', author: 'someone',
  author_fullname: 't2_xyz', title: 'A title', selftext: 'body', url: 'https://example.com/', permalink: '/r/news/comments/abc123/',
  domain: 'example.com', is_self: false, over_18: false, spoiler: false, stickied: false, locked: false, link_flair_text: null,
  distinguished: null, score: 12, num_comments: 3, upvote_ratio: 0.93, edited: false, removed_by_category: null,
  // keys the schema does not read
  all_awardings: [], retrieved_on: 1764403300,
};

const T1_BASE: Record<string, unknown> = {
  id: 'c0ffee1', name: 't1_c0ffee1', created_utc: 1764403200, subreddit: 'news', subreddit_id: 't5_2qh3l', link_id: 't3_abc123',
  parent_id: 't1_c0ffee0', author: 'someone', author_fullname: 't2_xyz', body: 'a comment', score: 5, edited: 1764403300.5,
  removed_by_category: null, distinguished: null, stickied: false, controversiality: 0,
};

const READERS: readonly (readonly [string, PayloadReader<Record<string, PayloadField<unknown>>>, Record<string, unknown>])[] = [
  ['t3', t3Reader as unknown as PayloadReader<Record<string, PayloadField<unknown>>>, T3_BASE],
  ['t1', t1Reader as unknown as PayloadReader<Record<string, PayloadField<unknown>>>, T1_BASE],
];

function withValue(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const payload = { ...base, [key]: value };
  if (value === undefined) delete payload[key];
  return payload;
}

/** mulberry32, seeded: the same payloads on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('payload fields: the fast reader gives what the schema gives', () => {
  const shared = Object.entries(fields).filter((entry): entry is [string, PayloadField<unknown>] => {
    const value = entry[1] as Partial<PayloadField<unknown>>;
    return typeof value === 'object' && value !== null && 'schema' in value && 'fast' in value;
  });

  it('covers the shared fields', () => {
    expect(shared.map(([name]) => name).sort()).toEqual(
      ['anyValue', 'author', 'base36Id', 'count', 'editedSeconds', 'epochSeconds', 'flag', 'nullableCount', 'optionalText', 'ratio', 'subredditName', 'text', 'textOrEmpty'].sort(),
    );
  });

  it.each(shared)('%s: every value it reads fast, the schema reads the same', (_name, field) => {
    for (const value of VALUES) {
      const fast = field.fast(value);
      if (fast === ASK_SCHEMA) continue;
      const parsed = field.schema.safeParse(value);
      expect({ value, success: parsed.success }).toEqual({ value, success: true });
      if (parsed.success) expect({ value, read: fast }).toEqual({ value, read: parsed.data });
    }
  });
});

describe.each(READERS)('%s reader', (_kind, reader, base) => {
  const keys = Object.keys(reader.schema.shape);

  it('reads a common payload without asking the schema', () => {
    const spy = jest.spyOn(reader.schema, 'safeParse');
    try {
      const result = reader.read(base);
      expect(result.success).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('gives the schema\'s result for every field set to every value', () => {
    for (const key of keys) {
      for (const value of VALUES) {
        const payload = withValue(base, key, value);
        expect({ key, value, result: reader.read(payload) }).toEqual({ key, value, result: reader.schema.safeParse(payload) });
      }
    }
  });

  it('gives the schema\'s result for 2000 payloads with several odd fields at once', () => {
    const random = seeded(20261130);
    for (let n = 0; n < 2000; n++) {
      let payload = base;
      for (const key of keys) if (random() < 0.15) payload = withValue(payload, key, VALUES[Math.floor(random() * VALUES.length)]);
      expect({ n, result: reader.read(payload) }).toEqual({ n, result: reader.schema.safeParse(payload) });
    }
  });

  it('gives the schema\'s result for what is not an object', () => {
    for (const value of [null, undefined, 'text', 42, [], [base]]) expect(reader.read(value)).toEqual(reader.schema.safeParse(value));
  });
});
