import { sourcePayloadOf } from '@sentiment-ingest/models';
import { archiveNormalizer } from './normalize-line';

const NOW = new Date('2026-01-01T00:00:00Z');
const post = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'a1', subreddit: 'wallstreetbets', title: 'post', author: 'someone', created_utc: 1672617600, score: 3, num_comments: 1, ...extra });
const comment = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'c1', subreddit: 'wallstreetbets', link_id: 't3_a1', parent_id: 't3_a1', author: 'someone', body: 'hi', created_utc: 1672617600, score: 2, ...extra });

function itemOf(kind: 'submissions' | 'comments', text: string, withText = true) {
  const payload = JSON.parse(text) as Record<string, unknown>;
  const result = archiveNormalizer.normalizeLine(kind, payload, NOW, withText ? text : undefined);
  if (!result.ok) throw new Error(`rejected: ${result.detail}`);
  return { item: result.item, payload };
}

describe('archiveNormalizer', () => {
  it('gives a post and a comment the line as rawJson, and not the parsed payload, when it is stored unchanged', () => {
    for (const [kind, text] of [['submissions', post({ nested: { a: [1, null] } })], ['comments', comment()]] as const) {
      const { item, payload } = itemOf(kind, text);
      expect(item.rawJson).toBe(text);
      expect(item.raw).toBeUndefined();
      expect(sourcePayloadOf(item)).toEqual(payload);
    }
  });

  it("gives the line's bytes as rawJson when they are handed over with its text", () => {
    for (const [kind, text] of [['submissions', post()], ['comments', comment()]] as const) {
      const payload = JSON.parse(text) as Record<string, unknown>;
      const bytes = Buffer.from(text);
      const result = archiveNormalizer.normalizeLine(kind, payload, NOW, text, bytes);
      expect(result.ok && result.item.rawJson).toBe(bytes);
    }
  });

  it('gives no rawJson to a redacted item: its raw is not the line', () => {
    expect(itemOf('submissions', post({ selftext: '[deleted]', removed_by_category: 'deleted' })).item.rawJson).toBeUndefined();
    expect(itemOf('comments', comment({ body: '[removed]' })).item.rawJson).toBeUndefined();
  });

  it('gives no rawJson when raw was repaired (NUL, lone surrogate)', () => {
    const nul = itemOf('submissions', post({ title: 'a\u0000b' }));
    expect(nul.item.raw).toMatchObject({ title: 'ab' });
    expect(nul.item.rawJson).toBeUndefined();
    const lone = post({ extra: 'PLACEHOLDER' }).replace('PLACEHOLDER', '\\ud83d');
    expect(itemOf('submissions', lone).item.rawJson).toBeUndefined();
  });

  it('gives no rawJson without the line text', () => {
    expect(itemOf('submissions', post(), false).item.rawJson).toBeUndefined();
  });
});
