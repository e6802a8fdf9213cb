/** One row of the demo's closing table: activity of one subreddit in one hour. */
export interface ActivityRow {
  readonly hour: Date;
  readonly subreddit: string;
  readonly posts: number;
  readonly meanScore: number;
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

/** Renders rows as an aligned plain-text table (UTC hours). Pure. */
export function formatActivityTable(rows: readonly ActivityRow[]): string {
  if (rows.length === 0) return '(no submissions stored yet)';
  const header = ['hour (UTC)', 'subreddit', 'posts', 'mean score', 'comments'];
  const body = rows.map((r) => [
    r.hour.toISOString().slice(0, 16).replace('T', ' '),
    r.subreddit,
    String(r.posts),
    String(r.meanScore),
    String(r.comments),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const numeric = [false, false, true, true, true];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
