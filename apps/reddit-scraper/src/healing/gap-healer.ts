import { REDDIT_COMMENTS, REDDIT_SUBMISSIONS, type ItemBatch, type OpenScrapeGap, type RejectedItem, type SubmissionBatch } from '@sentiment-ingest/db';
import { parseRedditStreamKey, type RedditComment, type RedditStream, type ScrapeCheckpoint, type Submission } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import { reportRejected, type BatchWriter, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import type { HealState, RedditSource } from '../ports';
import { normalizeChildren } from '../polling/normalize-page';
import { COMMENTS, SUBMISSIONS, type StreamKind } from '../polling/stream-kinds';
import { REDDIT_SOURCE } from '../polling/stream-poller';
import { RedditSubredditUnavailableError } from '../reddit';
import {
  afterRepollPage,
  healProgressStream,
  healRange,
  inGap,
  MAX_EMPTY_CHUNKS,
  planWalk,
  progressCheckpoint,
  progressFromCheckpoint,
  REPOLL_START,
  walkChunk,
  walkPassedGap,
  type HealProgress,
  type RepollState,
} from './heal-plan';

/** How a request or a resolution of the healer was made. */
export type HealMethod = 'repoll' | 'id-walk';

/** Told of the healer's requests and resolutions (its /metrics series). */
export interface HealObserver {
  onRequest(method: HealMethod): void;
  onResolved(resolution: string, recovered: number): void;
}

/** What one round may spend: at most `requests`, and only while `mayRequest` (posts come first) says so. */
export interface HealAllowance {
  readonly requests: number;
  mayRequest(): boolean;
}

/** What a round did. */
export interface HealRoundOutcome {
  readonly requests: number;
  /** open gaps it could work on */
  readonly gaps: number;
  readonly resolved: number;
}

/** Where a listing's items are written, and which table counts them. */
interface Lane<Item, Batch> {
  readonly kind: StreamKind<Item, Batch>;
  readonly writer: BatchWriter<Batch>;
  readonly table: typeof REDDIT_SUBMISSIONS | typeof REDDIT_COMMENTS;
}

/** The lane of either kind of item. */
type AnyLane = Lane<Submission, SubmissionBatch> | Lane<RedditComment, ItemBatch<RedditComment>>;

type WalkProgress = Extract<HealProgress, { stage: 'walk' }>;

/** A gap being healed by this process. */
interface HealJob {
  readonly gap: OpenScrapeGap;
  readonly target: RedditStream;
  /** what healing covers: the gap, from a little earlier ({@link healRange}) */
  readonly range: { readonly from: Date; readonly to: Date };
  /** the gap's subreddits' items in that range when healing began (recovered = now - before) */
  readonly before: number;
  readonly repolls: Map<string, RepollState>;
  walk: WalkProgress | null;
  /** resolved, or left open as unhealable: nothing more to do in this process */
  finished: boolean;
}

/** A round's spending: counts requests against its allowance. */
class RoundBudget {
  spent = 0;
  constructor(private readonly allowance: HealAllowance, private readonly observer: HealObserver | undefined) {}

  take(method: HealMethod): boolean {
    if (this.spent >= this.allowance.requests || !this.allowance.mayRequest()) return false;
    this.spent += 1;
    this.observer?.onRequest(method);
    return true;
  }
}

export interface GapHealerOptions {
  readonly source: RedditSource;
  readonly state: HealState;
  readonly posts: BatchWriter<SubmissionBatch>;
  /** null when comments are off: comments gaps are then left alone */
  readonly comments: BatchWriter<ItemBatch<RedditComment>> | null;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScrapeMetrics;
  readonly redactDeleted: boolean;
  /** longest stretch of a gap walked by id (`REDDIT_HEAL_MAX_HOURS`) */
  readonly maxWalkMs: number;
  readonly observer?: HealObserver;
}

/**
 * Works on the open gaps of the Reddit streams, a budgeted round at a time (see heal-plan.ts for the
 * rules): re-polls each subreddit of a gap's group alone, then walks post ids through /api/info for
 * what the re-polls could not reach, and resolves the gap with how and the counts (`repoll` or
 * `repoll+id-walk`; recovered and, for a walk, absent items). A gap it cannot heal live (comments past
 * the listing end, a walk over `REDDIT_HEAL_MAX_HOURS`) stays open, with its reason kept in the
 * gap's progress row, for the archive importer. The walk's progress is written with the posts it
 * found, in the same transaction, so a restart (even kill -9) resumes it where it was.
 */
export class GapHealer {
  private readonly o: GapHealerOptions;
  private readonly jobs = new Map<string, HealJob>();
  private readonly postsLane: Lane<Submission, SubmissionBatch>;
  private readonly commentsLane: Lane<RedditComment, ItemBatch<RedditComment>> | null;

  constructor(options: GapHealerOptions) {
    this.o = options;
    this.postsLane = { kind: SUBMISSIONS, writer: options.posts, table: REDDIT_SUBMISSIONS };
    this.commentsLane = options.comments ? { kind: COMMENTS, writer: options.comments, table: REDDIT_COMMENTS } : null;
  }

  async healRound(signal: AbortSignal, allowance: HealAllowance): Promise<HealRoundOutcome> {
    const budget = new RoundBudget(allowance, this.o.observer);
    const open = (await this.o.state.openGapsOfSource(REDDIT_SOURCE))
      .filter((gap) => this.laneFor(parseRedditStreamKey(gap.stream)) !== null)
      // posts first: they can be healed whole (the id walk); comments only as far as a re-poll reaches
      .sort((a, b) => Number(parseRedditStreamKey(a.stream)?.kind === 'comments') - Number(parseRedditStreamKey(b.stream)?.kind === 'comments'));
    const stillOpen = new Set(open.map((gap) => gap.id));
    for (const id of this.jobs.keys()) if (!stillOpen.has(id)) this.jobs.delete(id);
    let resolved = 0;
    for (const gap of open) {
      if (signal.aborted || budget.spent >= allowance.requests) break;
      const job = this.jobs.get(gap.id) ?? (await this.startJob(gap));
      if (job.finished) continue;
      if (await this.advance(job, budget, signal)) resolved += 1;
    }
    return { requests: budget.spent, gaps: open.length, resolved };
  }

  private laneFor(target: RedditStream | null): AnyLane | null {
    if (target === null) return null;
    return target.kind === 'submissions' ? this.postsLane : this.commentsLane;
  }

  private async startJob(gap: OpenScrapeGap): Promise<HealJob> {
    const target = parseRedditStreamKey(gap.stream) as RedditStream;
    const progress = progressFromCheckpoint(await this.o.state.readCheckpoint(REDDIT_SOURCE, healProgressStream(gap.id)));
    const repolls = new Map(target.subreddits.map((s) => [s, REPOLL_START]));
    const range = healRange(gap);
    let job: HealJob;
    if (progress?.stage === 'unhealable') {
      job = { gap, target, range, before: 0, repolls, walk: null, finished: true };
    } else if (progress?.stage === 'walk') {
      job = { gap, target, range, before: progress.before, repolls: new Map(), walk: progress, finished: false };
      this.o.log.info({ gapId: gap.id, stream: gap.stream, cursor: progress.cursor, walkedIds: progress.walkedIds }, 'resuming the id walk of a gap');
    } else {
      job = { gap, target, range, before: await this.count(range, target), repolls, walk: null, finished: false };
    }
    this.jobs.set(gap.id, job);
    return job;
  }

  /** Spends what the budget allows on one gap; true when the gap got resolved. */
  private async advance(job: HealJob, budget: RoundBudget, signal: AbortSignal): Promise<boolean> {
    if (job.walk === null) {
      const lane = this.laneFor(job.target) as AnyLane;
      const repolled = await this.withLane(lane, (l) => this.repoll(job, l, budget, signal));
      if (!repolled) return false;
      this.o.log.debug(
        { gapId: job.gap.id, stream: job.gap.stream, repolls: Object.fromEntries([...job.repolls].map(([s, r]) => [s, { pages: r.pages, items: r.itemsRead, reached: r.reached }])) },
        'gap re-polled alone, subreddit by subreddit',
      );
      const notReached = [...job.repolls].filter(([, state]) => !state.reached).map(([subreddit, state]) => ({ subreddit, edge: state.edge }));
      if (notReached.length === 0) return this.resolve(job, 'repoll', undefined);
      const names = notReached.map((r) => r.subreddit).join(', ');
      if (job.target.kind === 'comments') {
        await this.giveUp(job, lane, `the comments of ${names} are past the ~1000-item end of their own listings; comment ids cannot be walked: left for the archive importer`, signal);
        return false;
      }
      const plan = planWalk({ notReached, gapStart: job.range.from, maxWalkMs: this.o.maxWalkMs });
      if ('unhealable' in plan) {
        await this.giveUp(job, lane, `re-polled alone, ${names} did not reach the gap's start; ${plan.unhealable}`, signal);
        return false;
      }
      const walk: WalkProgress = { stage: 'walk', cursor: plan.cursor, before: job.before, walkedIds: 0, absent: 0, emptyChunks: 0 };
      if (!(await this.writeItems(this.postsLane, job, [], [], [progressCheckpoint(REDDIT_SOURCE, job.gap.id, walk)], signal))) return false;
      job.walk = walk;
      this.o.log.info({ gapId: job.gap.id, stream: job.gap.stream, notReached: names, cursor: walk.cursor }, 'walking post ids through the gap the re-polls could not reach');
    }
    return this.walk(job, budget, signal);
  }

  /** Re-polls each subreddit of the gap alone until each is done; false when the budget or shutdown stopped it first. */
  private async repoll<Item, Batch>(job: HealJob, lane: Lane<Item, Batch>, budget: RoundBudget, signal: AbortSignal): Promise<boolean> {
    const subreddits = new Set(job.target.subreddits);
    for (const [subreddit, start] of job.repolls) {
      let state = start;
      while (!state.done) {
        if (signal.aborted || !budget.take('repoll')) return false;
        let page;
        try {
          page = await lane.kind.list(this.o.source, [subreddit], state.after ? { after: state.after, limit: 100 } : { limit: 100 }, signal);
        } catch (error) {
          if (!(error instanceof RedditSubredditUnavailableError)) throw error;
          // nothing of it can be seen live, so nothing of it is hidden by the gap either
          this.o.log.warn({ gapId: job.gap.id, subreddit, reason: error.reason }, 'subreddit unavailable while healing a gap; skipped');
          state = { ...state, done: true, reached: true };
          break;
        }
        const normalized = normalizeChildren(page.items, lane.kind.itemKind, lane.kind.normalize, this.context(job));
        const kept = normalized.items.filter((item) => inGap({ subreddit: lane.kind.subredditOf(item), createdUtc: lane.kind.position(item).createdUtc }, job.range, subreddits));
        if (!(await this.writeItems(lane, job, kept, normalized.rejected, [], signal))) return false;
        const items = normalized.items.map((item) => lane.kind.position(item));
        state = afterRepollPage(state, { items, listed: page.items.length, after: page.after }, job.range.from);
        job.repolls.set(subreddit, state);
      }
      job.repolls.set(subreddit, state);
    }
    return true;
  }

  /** Walks post ids down through the gap, a chunk of 100 per request; true when the gap got resolved. */
  private async walk(job: HealJob, budget: RoundBudget, signal: AbortSignal): Promise<boolean> {
    const subreddits = new Set(job.target.subreddits);
    let walk = job.walk as WalkProgress;
    while (!signal.aborted && budget.take('id-walk')) {
      const { ids, next } = walkChunk(walk.cursor);
      const children = await this.o.source.info(ids.map((id) => `t3_${id}`), signal);
      const normalized = normalizeChildren(children, SUBMISSIONS.itemKind, SUBMISSIONS.normalize, this.context(job));
      const kept = normalized.items.filter((post) => inGap(post, job.range, subreddits));
      const emptyChunks = children.length === 0 ? walk.emptyChunks + 1 : 0;
      const after: WalkProgress = {
        ...walk,
        cursor: next ?? '0',
        walkedIds: walk.walkedIds + ids.length,
        absent: walk.absent + ids.length - children.length,
        emptyChunks,
      };
      const passed = walkPassedGap(normalized.items, job.range.from) || next === null;
      const lost = !passed && emptyChunks >= MAX_EMPTY_CHUNKS;
      const progress: HealProgress = lost
        ? { stage: 'unhealable', reason: `the id walk met ${emptyChunks * ids.length} ids in a row that Reddit knows nothing of, at ${walk.cursor}` }
        : after;
      if (!(await this.writeItems(this.postsLane, job, kept, normalized.rejected, [progressCheckpoint(REDDIT_SOURCE, job.gap.id, progress)], signal))) return false;
      walk = after;
      job.walk = after;
      if (lost) {
        job.finished = true;
        this.o.log.warn({ gapId: job.gap.id, stream: job.gap.stream, reason: (progress as { reason: string }).reason }, 'gap left open: it cannot be healed live');
        return false;
      }
      if (passed) return this.resolve(job, 'repoll+id-walk', after.absent);
    }
    return false;
  }

  /** Writes what a step found (and, with it, the gap's progress); false when the writer gave up at shutdown. */
  private async writeItems<Item, Batch>(
    lane: Lane<Item, Batch>,
    job: HealJob,
    items: readonly Item[],
    rejected: readonly RejectedItem[],
    checkpoints: readonly ScrapeCheckpoint[],
    signal: AbortSignal,
  ): Promise<boolean> {
    const stream = healProgressStream(job.gap.id);
    const batch = lane.kind.batch({
      items,
      observedAt: new Date(this.o.clock.now()),
      rejected: [...rejected],
      origin: { source: REDDIT_SOURCE, stream },
      checkpoints: () => [...checkpoints],
    });
    const result = await lane.writer.write(batch, signal);
    if (result === null) return false;
    reportRejected(this.o.log, this.o.metrics, stream, [...rejected, ...result.rejected]);
    return true;
  }

  /** Keeps the gap open with the reason it cannot be healed live, so no later round or process spends on it again. */
  private async giveUp(job: HealJob, lane: AnyLane, reason: string, signal: AbortSignal): Promise<void> {
    const checkpoint = progressCheckpoint(REDDIT_SOURCE, job.gap.id, { stage: 'unhealable', reason });
    const written = await this.withLane(lane, (l) => this.writeItems(l, job, [], [], [checkpoint], signal));
    if (!written) return;
    job.finished = true;
    this.o.log.warn({ gapId: job.gap.id, stream: job.gap.stream, gapStart: job.gap.gapStart.toISOString(), gapEnd: job.gap.gapEnd.toISOString(), reason }, 'gap left open: it cannot be healed live');
  }

  private async resolve(job: HealJob, resolution: string, absentItems: number | undefined): Promise<boolean> {
    const recoveredItems = Math.max(0, (await this.count(job.range, job.target)) - job.before);
    job.finished = true;
    const done = await this.o.state.resolveGap(job.gap, {
      resolvedAt: new Date(this.o.clock.now()),
      resolution,
      recoveredItems,
      ...(absentItems === undefined ? {} : { absentItems }),
    });
    if (!done) return false; // resolved meanwhile (the archive importer): the first resolution stays
    this.o.observer?.onResolved(resolution, recoveredItems);
    this.o.log.info(
      { gapId: job.gap.id, stream: job.gap.stream, gapStart: job.gap.gapStart.toISOString(), gapEnd: job.gap.gapEnd.toISOString(), resolution, recoveredItems, absentItems },
      `healed gap ${job.gap.id} of ${job.gap.stream}: ${recoveredItems} ${job.target.kind} recovered (${resolution})`,
    );
    return true;
  }

  /** Runs `use` on a lane with its own item and batch types (a generic method cannot take the union itself). */
  private withLane<R>(lane: AnyLane, use: <Item, Batch>(lane: Lane<Item, Batch>) => Promise<R>): Promise<R> {
    return lane === this.postsLane ? use(this.postsLane) : use(lane as Lane<RedditComment, ItemBatch<RedditComment>>);
  }

  private count(range: { readonly from: Date; readonly to: Date }, target: RedditStream): Promise<number> {
    const { table } = this.laneFor(target) as AnyLane;
    return this.o.state.countItems(table, range, { column: 'subreddit', anyOf: target.subreddits.map((s) => s.toLowerCase()) });
  }

  private context(job: HealJob) {
    return { redactDeleted: this.o.redactDeleted, now: new Date(this.o.clock.now()), source: REDDIT_SOURCE, stream: healProgressStream(job.gap.id) };
  }
}
