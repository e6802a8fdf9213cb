import type { HnItem } from './hn-item';
import { resolveHnStoryId, type HnAncestor } from './hn-story-id';
import { normalizeHnItem } from './normalize-hn-item';

type Node = Pick<HnItem, 'id'> & HnAncestor;

const story = (id: number): Node => ({ id, type: 'story', parentId: null, storyId: id });
const comment = (id: number, parentId: number | null): Node => ({ id, type: 'comment', parentId, storyId: null });

/** What a scraper would remember: the items it has seen, by id. */
const memory = (...nodes: Node[]) => new Map(nodes.map((node) => [node.id, node]));

describe('resolveHnStoryId', () => {
  it('returns the story an item already knows (a story, job, poll or poll option)', () => {
    expect(resolveHnStoryId(story(100), memory())).toEqual({ found: true, storyId: 100 });
    expect(resolveHnStoryId({ id: 160705, type: 'pollopt', parentId: null, storyId: 160704 }, memory())).toEqual({ found: true, storyId: 160704 });
  });

  it('finds the story a top-level comment replies to', () => {
    expect(resolveHnStoryId(comment(101, 100), memory(story(100)))).toEqual({ found: true, storyId: 100 });
  });

  it('walks up a thread of replies to its story', () => {
    const known = memory(story(100), comment(101, 100), comment(105, 101), comment(110, 105));
    expect(resolveHnStoryId(comment(120, 110), known)).toEqual({ found: true, storyId: 100 });
  });

  it('stops at the first ancestor that knows its story', () => {
    // 105 was resolved earlier; 101 and 100 are no longer in memory
    const known = memory({ ...comment(105, 101), storyId: 100 });
    expect(resolveHnStoryId(comment(110, 105), known)).toEqual({ found: true, storyId: 100 });
  });

  it('takes an ancestor of a root type as the story even when it does not say so', () => {
    expect(resolveHnStoryId(comment(201, 200), memory({ id: 200, type: 'job', parentId: null, storyId: null }))).toEqual({ found: true, storyId: 200 });
    expect(resolveHnStoryId(comment(301, 300), memory({ id: 300, type: 'poll', parentId: null, storyId: null }))).toEqual({ found: true, storyId: 300 });
    expect(resolveHnStoryId(comment(401, 400), memory({ id: 400, type: 'story', parentId: null, storyId: null }))).toEqual({ found: true, storyId: 400 });
  });

  it('walks through a deleted ancestor whose type is gone', () => {
    const known = memory(story(100), { id: 101, type: null, parentId: 100, storyId: null });
    expect(resolveHnStoryId(comment(102, 101), known)).toEqual({ found: true, storyId: 100 });
  });

  it('names the first ancestor it does not know, to fetch', () => {
    expect(resolveHnStoryId(comment(110, 105), memory(comment(105, 101)))).toEqual({ found: false, missingId: 101 });
    expect(resolveHnStoryId(comment(110, 105), memory())).toEqual({ found: false, missingId: 105 });
  });

  it('gives up on a comment without parent', () => {
    expect(resolveHnStoryId(comment(110, null), memory())).toEqual({ found: false, missingId: null, reason: '110 has no parent that leads to a story' });
    expect(resolveHnStoryId(comment(110, 105), memory(comment(105, null)))).toMatchObject({ found: false, missingId: null });
  });

  it('gives up on a loop in the parent chain', () => {
    const known = memory(comment(105, 106), comment(106, 105));
    expect(resolveHnStoryId(comment(110, 105), known)).toEqual({ found: false, missingId: null, reason: 'the parent chain of 110 loops at 105' });
    expect(resolveHnStoryId(comment(110, 110), memory())).toMatchObject({ found: false, missingId: null, reason: 'the parent chain of 110 loops at 110' });
  });

  it('gives up on a chain deeper than maxDepth', () => {
    const known = memory(story(1), comment(2, 1), comment(3, 2), comment(4, 3));
    expect(resolveHnStoryId(comment(5, 4), known, 4)).toEqual({ found: true, storyId: 1 });
    expect(resolveHnStoryId(comment(5, 4), known, 3)).toEqual({ found: false, missingId: null, reason: 'the parent chain of 5 is deeper than 3' });
  });

  it('resolves normalised items as the scraper keeps them', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const payloads = [
      { id: 8863, type: 'story', by: 'dhouston', time: 1175714200, title: 'Dropbox' },
      { id: 8952, type: 'comment', by: 'a', time: 1175714300, parent: 8863, text: 'first' },
      { id: 9224, type: 'comment', by: 'b', time: 1175714400, parent: 8952, text: 'reply' },
    ];
    const known = new Map<number, HnItem>();
    for (const payload of payloads) {
      const result = normalizeHnItem(payload, { now });
      if (!result.ok) throw new Error('rejected');
      const resolution = resolveHnStoryId(result.item, known);
      known.set(result.item.id, resolution.found ? { ...result.item, storyId: resolution.storyId } : result.item);
    }
    expect([...known.values()].map((item) => item.storyId)).toEqual([8863, 8863, 8863]);
  });
});
