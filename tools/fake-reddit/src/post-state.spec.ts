import type { GeneratedPost } from './post-generator';
import { postStateAt } from './post-state';
import { drawPostTraits, type PostTraits } from './post-traits';
import { mulberry32 } from './prng';

const CREATED = Date.UTC(2024, 0, 1, 0, 0, 0, 400);
const base: PostTraits = { ...drawPostTraits(mulberry32(2), 'abc'), selftext: 'Original text', isSelf: true, link: null };

function postWith(traits: Partial<PostTraits>): GeneratedPost {
  const full = { ...base, editAfterSeconds: null, deleteAfterSeconds: null, removeAfterSeconds: null, ...traits };
  return { id: 'abc', idNumber: 1, subreddit: 'news', createdMs: CREATED, createdUtc: CREATED / 1000, tieKey: 1, traits: full };
}

const at = (post: GeneratedPost, seconds: number) => postStateAt(post, CREATED + seconds * 1000);

describe('postStateAt', () => {
  it('shows a post as written until a life event happens', () => {
    const state = at(postWith({}), 86_400);
    expect(state).toMatchObject({ selftext: 'Original text', author: base.author, authorFullname: base.authorFullname, edited: false, removedByCategory: null });
  });

  it('appends the edit note and sets edited to the edit time in seconds once it happens', () => {
    const post = postWith({ editAfterSeconds: 120, editNote: '\n\nEDIT: typo' });
    expect(at(post, 119).edited).toBe(false);
    expect(at(post, 120)).toMatchObject({ selftext: 'Original text\n\nEDIT: typo', edited: Math.floor(CREATED / 1000) + 120 });
  });

  it('marks an author deletion: [deleted] author and text, no author_fullname, category deleted', () => {
    const post = postWith({ deleteAfterSeconds: 600 });
    expect(at(post, 599).removedByCategory).toBeNull();
    expect(at(post, 600)).toMatchObject({ author: '[deleted]', authorFullname: null, selftext: '[deleted]', removedByCategory: 'deleted' });
  });

  it('marks a moderator removal: [removed] text, the author kept, category moderator', () => {
    const state = at(postWith({ removeAfterSeconds: 60 }), 60);
    expect(state).toMatchObject({ selftext: '[removed]', author: base.author, removedByCategory: 'moderator' });
  });

  it('keeps the empty selftext of a deleted link post', () => {
    const post = postWith({ isSelf: false, selftext: '', link: { url: 'https://example.com/a', domain: 'example.com' }, deleteAfterSeconds: 1 });
    expect(at(post, 5)).toMatchObject({ selftext: '', author: '[deleted]' });
  });

  it('keeps engagement moving after a removal', () => {
    const post = postWith({ removeAfterSeconds: 60, potentialScore: 500, growthSeconds: 1800 });
    expect(at(post, 7200).engagement.score).toBeGreaterThan(at(post, 120).engagement.score);
  });
});
