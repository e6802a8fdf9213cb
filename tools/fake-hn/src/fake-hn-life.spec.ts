import type { FakeHnItem } from './fake-hn.types';
import { apiGet, getItem, startHarness, type Harness } from './testing/http-harness';

const HOUR = 3600_000;
const DELETED_KEYS = ['deleted', 'id', 'kids', 'parent', 'poll', 'time', 'type'];

describe('FakeHackerNews deletions, dead items, edits and growth', () => {
  let harness: Harness;

  afterEach(() => harness.fake.stop());

  describe('seeded', () => {
    beforeEach(async () => {
      harness = await startHarness({ seed: 41, deleteRate: 0.1, deadRate: 0.1, editRate: 0.2, updatesLimit: 10_000 });
      harness.clock.advance(HOUR);
    });

    it('serves deleted items as {deleted, id, time, type, parent?, kids?}: no author, no text', async () => {
      harness.clock.advance(3 * HOUR);
      const deleted = harness.fake.deletedIds().slice(0, 40);
      expect(deleted.length).toBeGreaterThan(10);
      for (const id of deleted) {
        const json = await getItem(harness, id);
        const truth = harness.fake.item(id)!;
        expect(json).toEqual(truth.json);
        expect(json).toMatchObject({ deleted: true, id, type: truth.type, time: truth.time });
        expect(Object.keys(json).every((key) => DELETED_KEYS.includes(key))).toBe(true);
        if (truth.type === 'comment') expect(json.parent).toBe(truth.parent);
        expect(truth.deletedAtMs!).toBeGreaterThan(truth.createdMs);
      }
    });

    it('serves dead items with dead: true and their author, without text', async () => {
      const dead = harness.fake.deadIds().filter((id) => !harness.fake.item(id)!.deleted);
      expect(dead.length).toBeGreaterThan(10);
      const onArrival = dead.filter((id) => harness.fake.item(id)!.deadAtMs === harness.fake.item(id)!.createdMs);
      expect(onArrival.length).toBeGreaterThan(0);
      for (const id of dead.slice(0, 40)) {
        const json = await getItem(harness, id);
        expect(json).toMatchObject({ dead: true, id, by: harness.fake.item(id)!.author });
        expect(json).not.toHaveProperty('text');
      }
    });

    it('changes the text of an edited comment and the title of an edited story, listed as changed', async () => {
      const before = new Map(harness.fake.items().map((item) => [item.id, item.json]));
      const since = harness.clock.now();
      harness.clock.advance(2 * HOUR);
      const edited = harness.fake
        .editedIds()
        .map((id) => harness.fake.item(id)!)
        .filter((item) => item.editedAtMs! > since && before.get(item.id) !== null && before.has(item.id) && !item.deleted && !item.dead);
      const comments = edited.filter((item) => item.type === 'comment');
      const stories = edited.filter((item) => item.type === 'story');
      expect(comments.length).toBeGreaterThan(0);
      expect(stories.length).toBeGreaterThan(0);
      const changed = harness.fake.changedIds(since);
      for (const item of comments.slice(0, 20)) {
        const json = await getItem(harness, item.id);
        const old = before.get(item.id) as { text: string };
        expect(json.text).not.toBe(old.text);
        expect(json.text.startsWith(`${old.text}<p>Edit: `)).toBe(true);
        expect(changed).toContain(item.id);
      }
      for (const item of stories.slice(0, 20)) {
        const json = await getItem(harness, item.id);
        expect(json.title).not.toBe((before.get(item.id) as { title: string }).title);
        expect(changed).toContain(item.id);
      }
    });

    it('lists a seeded edit, deletion and death in updates.json right after it happens', async () => {
      harness.clock.advance(2 * HOUR);
      const events = [
        ...harness.fake.editedIds().map((id) => harness.fake.item(id)!.editedAtMs!),
        ...harness.fake.deletedIds().map((id) => harness.fake.item(id)!.deletedAtMs!),
        ...harness.fake.deadIds().map((id) => harness.fake.item(id)!.deadAtMs!),
      ];
      const ids = [...harness.fake.editedIds(), ...harness.fake.deletedIds(), ...harness.fake.deadIds()];
      // the same seed replays the same life: a second fake stopped just after each event sees it as recent
      for (const index of [0, Math.floor(ids.length / 2), ids.length - 1]) {
        const replay = await startHarness({ seed: 41, deleteRate: 0.1, deadRate: 0.1, editRate: 0.2, updatesLimit: 10_000 });
        try {
          replay.clock.advance(events[index]! + 1000 - replay.clock.now());
          const updates = (await apiGet(replay, '/updates.json')).json as { items: number[] };
          if (replay.fake.item(ids[index]!)!.visibleAtMs <= replay.clock.now()) expect(updates.items).toContain(ids[index]);
        } finally {
          await replay.fake.stop();
        }
      }
    });

    it('grows story scores and descendants over time, and lists stories whose score moved in updates.json', async () => {
      const stories = (): FakeHnItem[] => harness.fake.items().filter((item) => item.type === 'story' && !item.deleted);
      const early = new Map(stories().map((story) => [story.id, story]));
      harness.clock.advance(HOUR);
      const later = stories().filter((story) => early.has(story.id));
      expect(later.every((story) => story.score! >= early.get(story.id)!.score!)).toBe(true);
      expect(later.filter((story) => story.score! > early.get(story.id)!.score!).length).toBeGreaterThan(later.length / 4);
      expect(later.some((story) => story.descendants! > early.get(story.id)!.descendants!)).toBe(true);
      const scores = new Map(stories().map((story) => [story.id, story.score]));
      harness.clock.advance(60_000);
      const moved = stories().filter((story) => scores.has(story.id) && story.score !== scores.get(story.id));
      expect(moved.length).toBeGreaterThan(0);
      const updates = (await apiGet(harness, '/updates.json')).json as { items: number[] };
      for (const story of moved) {
        expect(updates.items).toContain(story.id);
        expect((await getItem(harness, story.id)).score).toBe(story.score);
      }
    });
  });

  describe('by hand', () => {
    beforeEach(async () => {
      harness = await startHarness({ seed: 42, deleteRate: 0, deadRate: 0, editRate: 0 });
      harness.clock.advance(2 * HOUR);
    });

    async function updatedIds(): Promise<number[]> {
      return ((await apiGet(harness, '/updates.json')).json as { items: number[] }).items;
    }

    function aComment(): FakeHnItem {
      const comment = harness.fake.items().find((item) => item.type === 'comment' && item.createdMs < harness.clock.now() - HOUR);
      if (comment === undefined) throw new Error('no old comment');
      return comment;
    }

    it('deletes an item now: served deleted, its story counts one comment less, both in updates.json', async () => {
      const comment = aComment();
      const story = harness.fake.item(comment.storyId!)!;
      harness.clock.advance(1000);
      expect(await updatedIds()).not.toContain(comment.id);
      // at the same instant: what changed by hand shows at once
      harness.fake.deleteItem(comment.id);
      expect(await getItem(harness, comment.id)).toEqual({ deleted: true, id: comment.id, parent: comment.parent, time: comment.time, type: 'comment', ...(comment.kids.length > 0 ? { kids: comment.kids } : {}) });
      expect((await getItem(harness, story.id)).descendants).toBe(story.descendants! - 1);
      expect(await updatedIds()).toEqual(expect.arrayContaining([comment.id, story.id]));
      expect(harness.fake.item(comment.id)).toMatchObject({ deleted: true, deletedAtMs: harness.clock.now() });
      expect(harness.fake.deletedIds()).toEqual([comment.id]);
    });

    it('kills and edits items now', async () => {
      const comment = aComment();
      harness.fake.killItem(comment.id);
      expect(await getItem(harness, comment.id)).toMatchObject({ dead: true });
      const other = harness.fake.items().find((item) => item.type === 'comment' && item.id !== comment.id)!;
      harness.fake.editItem(other.id);
      harness.fake.editItem(other.id);
      const edited = await getItem(harness, other.id);
      expect(edited.text.split('<p>Edit: ')).toHaveLength(3);
      expect(harness.fake.item(other.id)).toMatchObject({ edits: 2, editedAtMs: harness.clock.now() });
      expect(await updatedIds()).toEqual(expect.arrayContaining([comment.id, other.id]));
    });

    it('refuses to act on a hole or an id not generated', () => {
      expect(() => harness.fake.deleteItem(harness.fake.maxItem() + 1)).toThrow(/no item \d+ has been generated/);
      expect(() => harness.fake.editItem(12345)).toThrow(/archive ids are frozen/);
    });
  });
});
