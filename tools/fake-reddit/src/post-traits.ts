import { accountFullname } from './reddit-ids';
import { chance, intBetween, logNormal, mulberry32, pick, type Random } from './prng';
import { makeEditNote, makeFlair, makeLink, makeSelftext, makeTitle, makeUsername } from './text-corpus';

/**
 * Rates of the seeded life events: edits (of self posts with text), deletions by the
 * author and removals by moderators.
 */
export const LIFE_EVENT_RATES = Object.freeze({ edit: 0.08, delete: 0.02, remove: 0.03 });

/**
 * What a post was created with, and the seeded course of its life. `title`, `selftext` and
 * `editNote` are drawn on first read from their own stream: most generated posts are never rendered.
 */
export interface PostTraits {
  readonly title: string;
  /** as first written; `""` for link posts */
  readonly selftext: string;
  readonly isSelf: boolean;
  /** for link posts: the external URL and its domain */
  readonly link: { readonly url: string; readonly domain: string } | null;
  readonly author: string;
  readonly authorFullname: string;
  readonly over18: boolean;
  readonly spoiler: boolean;
  readonly stickied: boolean;
  readonly locked: boolean;
  readonly flair: string | null;
  /** `self`, `default`, `image` or `nsfw` */
  readonly thumbnail: string;
  /** score the post tends to */
  readonly potentialScore: number;
  readonly potentialComments: number;
  /** seconds to reach ~63 % of the potential */
  readonly growthSeconds: number;
  /** where upvote_ratio settles */
  readonly finalRatio: number;
  /** seconds after creation; `null`: never */
  readonly editAfterSeconds: number | null;
  readonly editNote: string;
  readonly deleteAfterSeconds: number | null;
  readonly removeAfterSeconds: number | null;
}

/** Draws a post's traits from its own generator, so they do not depend on any other post. */
export function drawPostTraits(random: Random, id: string): PostTraits {
  const isSelf = chance(random, 0.6);
  // 15 % of self posts are a title alone
  const hasText = isSelf && chance(random, 0.85);
  const textSeed = Math.floor(random() * 4294967296);
  const author = makeUsername(random);
  const link = isSelf ? null : makeLink(random, id);
  const potentialScore = Math.floor(logNormal(random, 2, 1.8));
  const potentialComments = Math.floor(potentialScore * (0.05 + random() * 0.6) + logNormal(random, 0.5, 1));
  const growthSeconds = intBetween(random, 15 * 60, 6 * 3600);
  const finalRatio = Math.round((0.55 + random() * 0.44) * 100) / 100;
  const lifeEvent = random();
  const deleted = lifeEvent < LIFE_EVENT_RATES.delete;
  const removed = !deleted && lifeEvent < LIFE_EVENT_RATES.delete + LIFE_EVENT_RATES.remove;
  // only text can be edited; a link post has none
  const edited = hasText && chance(random, LIFE_EVENT_RATES.edit);
  const over18 = chance(random, 0.04);
  let text: PostText | undefined;
  const textOf = () => (text ??= drawText(mulberry32(textSeed), hasText));
  return {
    get title() {
      return textOf().title;
    },
    get selftext() {
      return textOf().selftext;
    },
    get editNote() {
      return textOf().editNote;
    },
    isSelf,
    link,
    author,
    authorFullname: accountFullname(author),
    over18,
    spoiler: chance(random, 0.01),
    stickied: chance(random, 0.003),
    locked: chance(random, 0.01),
    flair: makeFlair(random),
    thumbnail: isSelf ? 'self' : over18 ? 'nsfw' : pick(random, ['default', 'default', 'image']),
    potentialScore,
    potentialComments,
    growthSeconds,
    finalRatio,
    editAfterSeconds: edited ? intBetween(random, 60, 2 * 3600) : null,
    deleteAfterSeconds: deleted ? intBetween(random, 2 * 60, 3 * 3600) : null,
    removeAfterSeconds: removed ? intBetween(random, 60, 2 * 3600) : null,
  };
}

interface PostText {
  readonly title: string;
  readonly selftext: string;
  readonly editNote: string;
}

function drawText(random: Random, hasText: boolean): PostText {
  const title = makeTitle(random);
  const selftext = hasText ? makeSelftext(random) : '';
  return { title, selftext, editNote: makeEditNote(random) };
}

/** `distinguished`: the rare stickied post is a moderator's announcement. */
export function distinguishedOf(traits: PostTraits): 'moderator' | null {
  return traits.stickied ? 'moderator' : null;
}
