import type { HnItem } from '@sentiment-ingest/models';
import { HnStoryResolver } from './story-resolver';

function item(id: number, type: HnItem['type'], parentId: number | null): HnItem {
  return {
    id,
    createdAt: new Date(id * 1000),
    type,
    author: 'a',
    parentId,
    storyId: type === 'comment' ? null : id,
    title: null,
    body: null,
    url: null,
    score: null,
    descendants: null,
    dead: false,
    deleted: false,
    raw: { id },
  };
}

describe('HnStoryResolver', () => {
  it('resolves replies from parents of the same batch, in any order, without a request', async () => {
    const resolver = new HnStoryResolver();
    const fetchAncestor = jest.fn();
    const { items, fetched } = await resolver.resolve([item(3, 'comment', 2), item(1, 'story', null), item(2, 'comment', 1)], fetchAncestor);
    expect(items.map((i) => [i.id, i.storyId])).toEqual([
      [3, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(fetched).toBe(0);
    expect(fetchAncestor).not.toHaveBeenCalled();
  });

  it('fetches an ancestor it never saw once, then remembers it', async () => {
    const resolver = new HnStoryResolver();
    const fetchAncestor = jest.fn(async (id: number) => (id === 10 ? item(10, 'comment', 5) : id === 5 ? item(5, 'story', null) : null));
    const first = await resolver.resolve([item(20, 'comment', 10)], fetchAncestor);
    expect(first.items[0]?.storyId).toBe(5);
    expect(first.fetched).toBe(2);
    const second = await resolver.resolve([item(21, 'comment', 10)], fetchAncestor);
    expect(second.items[0]?.storyId).toBe(5);
    expect(second.fetched).toBe(0);
  });

  it('stores a comment whose ancestor cannot be found with no story, and stops at the fetch bound', async () => {
    const resolver = new HnStoryResolver();
    const gone = await resolver.resolve([item(20, 'comment', 10)], async () => null);
    expect(gone.items[0]?.storyId).toBeNull();
    let next = 1_000;
    const endless = await resolver.resolve([item(30, 'comment', 999)], async (id) => item(id, 'comment', (next += 1)), { maxLevels: 3 });
    expect(endless.items[0]?.storyId).toBeNull();
    expect(endless.fetched).toBe(3);
  });

  it('fetches the missing ancestors of a batch together, a level at a time, each once', async () => {
    const resolver = new HnStoryResolver();
    const asked: number[] = [];
    const fetchAncestor = async (id: number) => {
      asked.push(id);
      return id >= 100 ? item(id, 'comment', id - 100) : item(id, 'story', null);
    };
    const batch = [item(1_000, 'comment', 101), item(1_001, 'comment', 102), item(1_002, 'comment', 101), item(1_003, 'comment', 1_000)];
    const { items, fetched } = await resolver.resolve(batch, fetchAncestor, { concurrency: 4 });
    expect(items.map((i) => i.storyId)).toEqual([1, 2, 1, 1]);
    expect(asked.sort((a, b) => a - b)).toEqual([1, 2, 101, 102]);
    expect(fetched).toBe(4);
  });

  it('forgets the oldest ancestors past its capacity', () => {
    const resolver = new HnStoryResolver({ capacity: 2 });
    for (const id of [1, 2, 3]) resolver.remember(item(id, 'story', null));
    expect(resolver.size).toBe(2);
  });
});
