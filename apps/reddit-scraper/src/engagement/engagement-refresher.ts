import { dueForRefresh, reportRejected } from '@sentiment-ingest/scraper-kit';
import { normalizePage } from '../polling/normalize-page';
import { REDDIT_SOURCE, type StreamPollerOptions } from '../polling/stream-poller';
import { lastCheckFromRound, roundCheckpoint, roundFromCheckpoint, type EngagementRound } from './engagement-round';

/** /api/info takes up to 100 fullnames per request (Reddit's limit). */
const INFO_BATCH = 100;

/**
 * Reddit leaves an edit made in a post's first minutes unmarked (`edited` stays false), so a
 * refresh of a post younger than this sends the whole post; older ones send only what can change
 * (`knownStored`: the numbers, and the markers of an edit or a removal that make the writer rewrite
 * the row whole).
 */
export const UNMARKED_EDIT_WINDOW_MS = 15 * 60_000;

/** The stream name of engagement refreshes in logs, metrics and rejected_items. */
export const ENGAGEMENT_STREAM = 'engagement';

/** The poller's collaborators, plus how far back and how much per round to refresh. */
export interface EngagementRefresherOptions extends StreamPollerOptions {
  /** follow submissions younger than this */
  readonly maxAgeMs: number;
  /** most submissions refreshed per round (each 100 costs one request) */
  readonly perRound?: number;
}

/**
 * Re-reads the engagement of recent submissions through `/api/info`, on an age-based cadence; each
 * change updates `raw_submissions` (edits, removals, deletions included) and moves the values it
 * supersedes to `submission_metrics`. The submissions are stored already, so only what can change is sent (see
 * {@link UNMARKED_EDIT_WINDOW_MS}). Items that cannot be stored are quarantined and never block the others.
 *
 * When each submission was last checked is kept in memory; what a restart needs of it is kept in the
 * database, cheaply: the last batch of each complete round also writes the stream's checkpoint (one
 * row: when the round ran, up to which creation time it covered). A new process reads it once and
 * takes a post it has not checked itself as checked at that round if it was due then
 * ({@link lastCheckFromRound}, which says what may still come early or late), so a restart refreshes
 * only what is really due.
 */
export class EngagementRefresher {
  private readonly o: EngagementRefresherOptions;
  private readonly lastChecked = new Map<string, Date>();
  /** the last complete round of a previous process: undefined until read (once, at the first round) */
  private restored: EngagementRound | null | undefined;

  constructor(options: EngagementRefresherOptions) {
    this.o = options;
  }

  async refreshDue(signal: AbortSignal): Promise<{ checked: number; updated: number; missing: number; rejected: number }> {
    this.restored ??= roundFromCheckpoint(await this.o.state.readCheckpoint(REDDIT_SOURCE, ENGAGEMENT_STREAM));
    const restored = this.restored;
    const now = new Date(this.o.clock.now());
    const recent = await this.o.state.recentSubmissions(new Date(now.getTime() - this.o.maxAgeMs));
    this.forgetOthers(new Set(recent.map((r) => r.id)));
    const cadence = { maxAgeMs: this.o.maxAgeMs };
    const lastCheck = (r: { id: string; createdUtc: Date }) => this.lastChecked.get(r.id) ?? lastCheckFromRound({ createdAt: r.createdUtc }, restored, cadence);
    const allDue = dueForRefresh(
      recent.map((r) => ({ id: r.id, createdAt: r.createdUtc, lastCheckedAt: lastCheck(r) })),
      now,
      { ...cadence, limit: Number.POSITIVE_INFINITY },
    );
    const perRound = this.o.perRound ?? 2_000;
    const due = allDue.slice(0, perRound);
    // only a round that checks everything due is recorded (see lastCheckFromRound)
    const round = allDue.length <= perRound ? newestOf(recent, now) : null;
    const totals = { checked: 0, updated: 0, missing: 0, rejected: 0 };
    for (let i = 0; i < due.length && !signal.aborted; i += INFO_BATCH) {
      const ids = due.slice(i, i + INFO_BATCH).map((t) => t.id);
      const last = i + INFO_BATCH >= due.length;
      const items = await this.o.source.info(ids.map((id) => `t3_${id}`), signal);
      const observedAt = new Date(this.o.clock.now());
      const page = normalizePage(items, { redactDeleted: this.o.redactDeleted, now: observedAt, source: REDDIT_SOURCE, stream: ENGAGEMENT_STREAM });
      const knownStored = (submission: { createdUtc: Date }) => observedAt.getTime() - submission.createdUtc.getTime() >= UNMARKED_EDIT_WINDOW_MS;
      const result = await this.o.writer.write(
        {
          submissions: page.submissions,
          observedAt,
          knownStored,
          rejected: page.rejected,
          origin: { source: REDDIT_SOURCE, stream: ENGAGEMENT_STREAM },
          checkpoints: last && round !== null ? [roundCheckpoint(REDDIT_SOURCE, ENGAGEMENT_STREAM, round)] : [],
        },
        signal,
      );
      const rejected = [...page.rejected, ...(result?.rejected ?? [])];
      reportRejected(this.o.log, this.o.metrics, ENGAGEMENT_STREAM, rejected);
      const checkedAt = new Date(this.o.clock.now());
      for (const id of ids) this.lastChecked.set(id, checkedAt);
      totals.checked += ids.length;
      totals.updated += result?.updated ?? 0;
      totals.missing += ids.length - items.length;
      totals.rejected += rejected.length;
      this.o.metrics.countFetched(ENGAGEMENT_STREAM, items.length);
      this.o.metrics.countUpdated(ENGAGEMENT_STREAM, result?.updated ?? 0);
    }
    if (totals.checked > 0) this.o.log.info(totals, 'engagement refreshed');
    return totals;
  }

  private forgetOthers(keep: Set<string>): void {
    for (const id of this.lastChecked.keys()) if (!keep.has(id)) this.lastChecked.delete(id);
  }
}

/** The round starting at `at` over these posts: up to the newest of them; null when there are none. */
function newestOf(recent: readonly { id: string; createdUtc: Date }[], at: Date): EngagementRound | null {
  let newest: { id: string; createdUtc: Date } | null = null;
  for (const r of recent) if (newest === null || r.createdUtc.getTime() > newest.createdUtc.getTime()) newest = r;
  return newest === null ? null : { at, coveredUntil: newest.createdUtc, coveredUntilId: newest.id };
}
