import { FakeRedditConfigError } from './errors';
import { apiGet, appToken, startHarness, type Harness } from './testing/http-harness';

describe('FakeReddit corrupted posts', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness({ subreddits: [{ name: 'news', postsPerMinute: 3 }], seed: 5 });
    token = await appToken(harness);
    harness.clock.advance(30 * 60_000);
  });

  afterEach(() => harness.fake.stop());

  it('serves a corrupted post broken in listings and /api/info, on every read, as Reddit JSON escapes it', async () => {
    const [victim] = harness.fake.posts().slice(-1);
    harness.fake.corruptPost(victim!.id, { data: { title: '\ud83d', score: 1e10 } });
    for (let read = 0; read < 2; read += 1) {
      const listing = await apiGet(harness, '/r/news/new?limit=5&raw_json=1', token);
      expect(listing.text).toContain('"title":"\\ud83d"');
      const child = listing.json.data.children.find((c: { data: { id: string } }) => c.data.id === victim!.id);
      expect(child.data).toMatchObject({ title: '\ud83d', score: 1e10, id: victim!.id });
    }
    const info = await apiGet(harness, `/api/info?raw_json=1&id=${victim!.name}`, token);
    expect(info.json.data.children[0].data.score).toBe(1e10);
  });

  it('serves a post under another kind, and intact again once healed', async () => {
    const [victim] = harness.fake.posts().slice(-1);
    harness.fake.corruptPost(victim!.name, { kind: 't1' });
    const kindOf = async () => (await apiGet(harness, '/r/news/new?limit=1&raw_json=1', token)).json.data.children[0].kind;
    expect(await kindOf()).toBe('t1');
    harness.fake.corruptPost(victim!.id, null);
    expect(await kindOf()).toBe('t3');
  });

  it('refuses to corrupt a post that does not exist', () => {
    expect(() => harness.fake.corruptPost('zzzzzzz', { kind: 't1' })).toThrow(FakeRedditConfigError);
  });
});
