import type { GeneratedPost } from './post-generator';
import { chance, exponential, hash32, intBetween, logNormal, pick, randomFor, unitFor, type Random } from './prng';
import { accountFullname, toBase36 } from './reddit-ids';
import { makeEditNote, makeTitle, makeUsername } from './text-corpus';

/** Rates of a comment's seeded life events: edits, deletions by the author and removals by moderators. */
export const COMMENT_LIFE_EVENT_RATES = Object.freeze({ edit: 0.05, delete: 0.03, remove: 0.02 });
/** Share of comments that reply to an earlier comment of the same post (the rest answer the post). */
export const REPLY_RATE = 0.4;
/** A comment answers one of the newest posts of its subreddit created before it (how far back it looks). */
export const RECENT_POSTS = 50;

/** A comment as generated: immutable facts; its state at an instant is computed (comment-state.ts). */
export interface GeneratedComment {
  readonly id: string;
  readonly subreddit: string;
  readonly createdMs: number;
  /** whole seconds, as Reddit's comments have */
  readonly createdUtc: number;
  /** orders comments sharing a `created_utc` in listings (not the id order) */
  readonly tieKey: number;
  readonly post: GeneratedPost;
  /** `t3_<post>` for a top-level comment, `t1_<comment>` for a reply */
  readonly parentId: string;
  readonly traits: CommentTraits;
}

/** What a comment was written with, and the seeded course of its life. */
export interface CommentTraits {
  readonly author: string;
  readonly authorFullname: string;
  readonly body: string;
  readonly editNote: string;
  /** score the comment tends to */
  readonly potentialScore: number;
  /** seconds to reach ~63 % of the potential */
  readonly growthSeconds: number;
  readonly controversiality: 0 | 1;
  /** seconds after creation; `null`: never */
  readonly editAfterSeconds: number | null;
  readonly deleteAfterSeconds: number | null;
  readonly removeAfterSeconds: number | null;
}

/** What the comment timeline needs of a subreddit. */
export interface CommentStreamSpec {
  readonly name: string;
  readonly commentsPerMinute: number;
}

/** The posts a comment may answer: its subreddit's posts created at or before an instant. */
export type PostsBefore = (subreddit: string, atMs: number, count: number) => readonly GeneratedPost[];

interface Stream {
  readonly name: string;
  readonly meanGapMs: number;
  readonly random: Random;
  nextMs: number;
  count: number;
}

interface PendingComment {
  readonly subreddit: string;
  readonly createdMs: number;
  readonly traitsKey: string;
}

/**
 * The deterministic, lazy timeline of new comments, as PostTimeline is for posts: each subreddit is
 * a Poisson process at its `commentsPerMinute`, plus queued bursts. Each comment answers one of the
 * newest posts of its subreddit created before it (or a comment already made on that post), and gets
 * the next id of its own increasing base36 counter (comment ids are not post ids). A comment due
 * before its subreddit has any post is not made.
 */
export class CommentTimeline {
  private readonly streams: Stream[];
  private readonly pending: PendingComment[] = [];
  private readonly byPost = new Map<string, string[]>();
  private nextIdNumber: number;
  private bursts = 0;

  constructor(private readonly options: { readonly seed: number; readonly startAt: number; readonly streams: readonly CommentStreamSpec[]; readonly postsBefore: PostsBefore }) {
    this.nextIdNumber = firstCommentIdNumber(options.seed);
    this.streams = options.streams
      .filter((spec) => spec.commentsPerMinute > 0)
      .map((spec) => {
        const random = randomFor(options.seed, 'comment-stream', spec.name.toLowerCase());
        const meanGapMs = 60_000 / spec.commentsPerMinute;
        return { name: spec.name, meanGapMs, random, nextMs: options.startAt + exponential(random, meanGapMs), count: 0 };
      });
  }

  /** Creates and returns the comments due by `nowMs`, in creation order. */
  advanceTo(nowMs: number): GeneratedComment[] {
    const created: GeneratedComment[] = [];
    for (;;) {
      const stream = this.earliestStream();
      const burst = this.pending[0];
      let due: PendingComment;
      if (burst !== undefined && burst.createdMs <= nowMs && (stream === undefined || burst.createdMs <= stream.nextMs)) {
        this.pending.shift();
        due = burst;
      } else if (stream !== undefined && stream.nextMs <= nowMs) {
        due = { subreddit: stream.name, createdMs: stream.nextMs, traitsKey: `comment:${stream.name.toLowerCase()}:${stream.count++}` };
        stream.nextMs += exponential(stream.random, stream.meanGapMs);
      } else {
        return created;
      }
      const comment = this.create(due);
      if (comment !== null) created.push(comment);
    }
  }

  /** Queues `count` comments spread evenly over the second that ends at `atMs`. */
  addBurst(subreddit: string, count: number, atMs: number): void {
    const burst = this.bursts++;
    for (let i = 0; i < count; i++) {
      const createdMs = atMs - 1000 + ((i + 1) * 1000) / count;
      this.pending.push({ subreddit, createdMs, traitsKey: `comment-burst:${subreddit.toLowerCase()}:${burst}:${i}` });
    }
    this.pending.sort((a, b) => a.createdMs - b.createdMs);
  }

  private earliestStream(): Stream | undefined {
    let earliest: Stream | undefined;
    for (const stream of this.streams) if (earliest === undefined || stream.nextMs < earliest.nextMs) earliest = stream;
    return earliest;
  }

  private create(due: PendingComment): GeneratedComment | null {
    const { seed } = this.options;
    const random = randomFor(seed, due.traitsKey);
    const posts = this.options.postsBefore(due.subreddit, due.createdMs, RECENT_POSTS);
    if (posts.length === 0) return null;
    // newer posts get more comments: the square favours the end of the list (newest last)
    const post = posts[Math.min(posts.length - 1, Math.floor(Math.sqrt(random()) * posts.length))] as GeneratedPost;
    const earlier = this.byPost.get(post.id) ?? [];
    const parentId = earlier.length > 0 && chance(random, REPLY_RATE) ? `t1_${pick(random, earlier)}` : `t3_${post.id}`;
    const id = toBase36(this.nextIdNumber);
    this.nextIdNumber += unitFor(seed, 'comment-hole', id) < 0.05 ? 2 : 1;
    earlier.push(id);
    this.byPost.set(post.id, earlier);
    return {
      id,
      subreddit: post.subreddit,
      createdMs: due.createdMs,
      createdUtc: Math.floor(due.createdMs / 1000),
      tieKey: hash32(seed, 'comment-tie', id),
      post,
      parentId,
      traits: drawCommentTraits(random),
    };
  }
}

/** Draws a comment's traits from its own generator. */
export function drawCommentTraits(random: Random): CommentTraits {
  const author = makeUsername(random);
  const body = chance(random, 0.2) ? `${makeTitle(random)}\n\n${makeTitle(random)}` : makeTitle(random);
  const editNote = makeEditNote(random);
  const potentialScore = Math.floor(logNormal(random, 1, 1.5));
  const growthSeconds = intBetween(random, 10 * 60, 4 * 3600);
  const controversiality = chance(random, 0.05) ? 1 : 0;
  const event = random();
  const after = (): number => intBetween(random, 30, 6 * 3600);
  const deleted = event < COMMENT_LIFE_EVENT_RATES.delete;
  const removed = !deleted && event < COMMENT_LIFE_EVENT_RATES.delete + COMMENT_LIFE_EVENT_RATES.remove;
  const edited = !deleted && !removed && event < COMMENT_LIFE_EVENT_RATES.delete + COMMENT_LIFE_EVENT_RATES.remove + COMMENT_LIFE_EVENT_RATES.edit;
  return {
    author,
    authorFullname: accountFullname(author),
    body,
    editNote,
    potentialScore,
    growthSeconds,
    controversiality,
    editAfterSeconds: edited ? after() : null,
    deleteAfterSeconds: deleted ? after() : null,
    removeAfterSeconds: removed ? after() : null,
  };
}

/** The first comment id of a run: 7 base36 digits like today's comment ids, apart from post ids, shifted by the seed. */
export function firstCommentIdNumber(seed: number): number {
  return parseInt('m000000', 36) + (hash32('first-comment-id', seed) % 1_000_000);
}
