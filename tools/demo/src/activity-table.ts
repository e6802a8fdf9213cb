/** One row of the demo's Reddit table: activity of one subreddit in one hour. */
export interface ActivityRow {
  readonly hour: Date;
  readonly subreddit: string;
  readonly posts: number;
  readonly meanScore: number;
  readonly comments: number;
}

/** One row of the demo's closing table: the items of one source created in one hour, from `text_items`. */
export interface SourceActivityRow {
  readonly hour: Date;
  /** `reddit`, `hn` */
  readonly source: string;
  readonly items: number;
  /** items of kind `post` (Reddit submissions; Hacker News stories, jobs, polls and poll options) */
  readonly posts: number;
  /** items of kind `comment` */
  readonly comments: number;
}

/** Posts, mean score and comments per subreddit per hour, newest hour first (TimescaleDB `time_bucket`). */
export const ACTIVITY_SQL = `select time_bucket('1 hour', created_utc) as hour, subreddit,
       count(*)::int as posts, coalesce(round(avg(score))::int, 0) as mean_score, sum(num_comments)::int as comments
  from raw_submissions
 where created_utc > now() - make_interval(hours => $1)
 group by hour, subreddit
 order by hour desc, posts desc, subreddit
 limit $2`;

/**
 * Items per source per hour of creation over the shared read model `text_items` (every source, the
 * same columns), newest hour first. `$1`: hours back; `$2`: most rows.
 */
export const SOURCE_ACTIVITY_SQL = `select time_bucket('1 hour', created_at) as hour, source,
       count(*)::int as items,
       (count(*) filter (where kind = 'post'))::int as posts,
       (count(*) filter (where kind = 'comment'))::int as comments
  from text_items
 where created_at > now() - make_interval(hours => $1)
 group by hour, source
 order by hour desc, source
 limit $2`;

/** Renders rows as an aligned plain-text table (UTC hours). Pure. */
export function formatActivityTable(rows: readonly ActivityRow[]): string {
  if (rows.length === 0) return '(no submissions stored yet)';
  return formatTable(
    [
      { title: 'hour (UTC)', numeric: false },
      { title: 'subreddit', numeric: false },
      { title: 'posts', numeric: true },
      { title: 'mean score', numeric: true },
      { title: 'comments', numeric: true },
    ],
    rows.map((r) => [hourOf(r.hour), r.subreddit, String(r.posts), String(r.meanScore), String(r.comments)]),
  );
}

/**
 * Renders the per-source rows as an aligned plain-text table (UTC hours), with a closing line of
 * totals per source. Pure.
 */
export function formatSourceActivityTable(rows: readonly SourceActivityRow[]): string {
  if (rows.length === 0) return '(no items stored yet)';
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.source, (totals.get(r.source) ?? 0) + r.items);
  const table = formatTable(
    [
      { title: 'hour (UTC)', numeric: false },
      { title: 'source', numeric: false },
      { title: 'items', numeric: true },
      { title: 'posts', numeric: true },
      { title: 'comments', numeric: true },
    ],
    rows.map((r) => [hourOf(r.hour), r.source, String(r.items), String(r.posts), String(r.comments)]),
  );
  const summary = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([source, items]) => `${source} ${items}`);
  return `${table}\ntotal: ${summary.join(', ')}`;
}

interface Column {
  readonly title: string;
  /** right-aligned */
  readonly numeric: boolean;
}

/** Aligns text left and numbers right, two spaces between columns, a dashed rule under the header. */
function formatTable(columns: readonly Column[], body: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]?.numeric ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** `2026-11-29 10:00`: the hour in UTC. */
function hourOf(hour: Date): string {
  return hour.toISOString().slice(0, 16).replace('T', ' ');
}
