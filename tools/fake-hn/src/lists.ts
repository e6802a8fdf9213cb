/**
 * The API's lists: `/v0/updates.json` (recently changed items and their authors),
 * `/v0/newstories.json`, `/v0/topstories.json` (up to 500 ids) and `/v0/user/<id>.json`.
 */
import type { ItemStore } from './item-store';
import { DEAD, DELETED, NONE } from './item-table';
import { AUTHOR_POOL, KIND, SCORE_SETTLED_SECONDS, scoreAt } from './item-traits';
import { logNormal, unitOf } from './prng';
import { makeUsername } from './text-corpus';

/** The most ids a story list holds (github.com/HackerNews/API, "New, Top and Best Stories"). */
export const STORY_LIST_LIMIT = 500;
/** How far back topstories looks. */
const TOP_WINDOW_MS = 2 * 24 * 3600_000;
const USER_SALTS = Object.freeze({ created: 401, karma1: 402, karma2: 403, about: 404 });

/** `/v0/updates.json`. */
export interface Updates {
  readonly items: readonly number[];
  readonly profiles: readonly string[];
}

export class Lists {
  /** answers by instant and store version: polled lists are computed once per state */
  private updatesCache: { key: string; value: Updates } | undefined;
  private topCache: { key: string; value: readonly number[] } | undefined;
  private userIndex: Map<string, number> | undefined;

  constructor(
    private readonly store: ItemStore,
    private readonly options: { readonly updatesWindowMs: number; readonly updatesLimit: number },
  ) {}

  /**
   * Items changed in the last `updatesWindowMs` (created, replied to, deleted, killed, edited, or
   * whose score moved), newest change first, at most `updatesLimit`; the authors of those items.
   */
  updates(nowMs: number): Updates {
    const key = `${nowMs}:${this.store.version}`;
    if (this.updatesCache?.key === key) return this.updatesCache.value;
    const value = { items: this.changedIds(nowMs, nowMs - this.options.updatesWindowMs, this.options.updatesLimit), profiles: [] as string[] };
    const authors = new Set<string>();
    for (const id of value.items) {
      const row = this.store.rowOf(id);
      if ((this.store.table.flags[row] ?? 0) & DELETED) continue;
      authors.add(makeUsername(this.store.authorOf(row)));
      if (authors.size >= this.options.updatesLimit) break;
    }
    value.profiles = [...authors];
    this.updatesCache = { key, value };
    return value;
  }

  /** Visible items changed in (`afterMs`, `nowMs`], newest change first; score moves come after the logged changes. */
  changedIds(nowMs: number, afterMs: number, limit = Infinity): number[] {
    const { store } = this;
    const ids: number[] = [];
    const seen = new Set<number>();
    const add = (row: number) => {
      if (ids.length >= limit || seen.has(row) || store.kindOf(row) === KIND.hole || store.visibleAtMs(row) > nowMs) return;
      seen.add(row);
      ids.push(store.idOf(row));
    };
    for (const row of store.changes.changedRows(afterMs, nowMs)) add(row);
    const { storyRows, table, options } = store;
    for (let i = storyRows.length - 1; i >= 0 && ids.length < limit; i--) {
      const row = storyRows.at(i);
      const createdMs = table.createdMs[row] ?? 0;
      if (createdMs < nowMs - SCORE_SETTLED_SECONDS * 1000) break;
      const kind = store.kindOf(row);
      const id = store.idOf(row);
      const before = scoreAt(options.seed, id, kind, (afterMs - createdMs) / 1000);
      if (scoreAt(options.seed, id, kind, (nowMs - createdMs) / 1000) !== before) add(row);
    }
    return ids;
  }

  /** The newest stories and polls that are neither deleted nor dead. */
  newStories(nowMs: number): number[] {
    const { store } = this;
    const ids: number[] = [];
    for (let i = store.storyRows.length - 1; i >= 0 && ids.length < STORY_LIST_LIMIT; i--) {
      const row = store.storyRows.at(i);
      if (store.kindOf(row) !== KIND.job && this.isListed(row, nowMs)) ids.push(store.idOf(row));
    }
    return ids;
  }

  /** Stories, polls and jobs of the last two days ranked by HN's gravity, (score - 1) / (hours + 2)^1.8. */
  topStories(nowMs: number): readonly number[] {
    const key = `${nowMs}:${this.store.version}`;
    if (this.topCache?.key === key) return this.topCache.value;
    const { store } = this;
    const ranked: { id: number; rank: number }[] = [];
    for (let i = store.storyRows.length - 1; i >= 0; i--) {
      const row = store.storyRows.at(i);
      const createdMs = store.table.createdMs[row] ?? 0;
      if (createdMs < nowMs - TOP_WINDOW_MS) break;
      if (!this.isListed(row, nowMs)) continue;
      const id = store.idOf(row);
      const hours = (nowMs - createdMs) / 3600_000;
      const rank = (scoreAt(store.options.seed, id, store.kindOf(row), hours * 3600) - 1) / Math.pow(hours + 2, 1.8);
      ranked.push({ id, rank });
    }
    const value = ranked
      .sort((a, b) => b.rank - a.rank || b.id - a.id)
      .slice(0, STORY_LIST_LIMIT)
      .map((entry) => entry.id);
    this.topCache = { key, value };
    return value;
  }

  /** A user of the pool, with the ids of the generated items they submitted (newest first); `null` for anyone else. */
  user(name: string, nowMs: number): Record<string, unknown> | null {
    this.userIndex ??= new Map(Array.from({ length: AUTHOR_POOL }, (_, index) => [makeUsername(index), index]));
    const index = this.userIndex.get(name);
    if (index === undefined) return null;
    const { store } = this;
    const seed = store.options.seed;
    const submitted = store
      .rowsOfAuthor(index)
      .filter((row) => store.visibleAtMs(row) <= nowMs)
      .map((row) => store.idOf(row));
    const yearsBefore = unitOf(seed, USER_SALTS.created, index) * 15;
    const user: Record<string, unknown> = {};
    if (unitOf(seed, USER_SALTS.about, index) < 0.3) user['about'] = `I write about ${makeUsername(index).split(/[_-]/)[0]}.<p>Email in profile.`;
    user['created'] = Math.floor(store.options.startAt / 1000 - yearsBefore * 365 * 24 * 3600);
    user['id'] = name;
    user['karma'] = Math.floor(logNormal(unitOf(seed, USER_SALTS.karma1, index), unitOf(seed, USER_SALTS.karma2, index), 5, 2));
    if (submitted.length > 0) user['submitted'] = submitted;
    return user;
  }

  private isListed(row: number, nowMs: number): boolean {
    const flags = this.store.table.flags[row] ?? 0;
    return row !== NONE && (flags & (DELETED | DEAD)) === 0 && this.store.visibleAtMs(row) <= nowMs;
  }
}
