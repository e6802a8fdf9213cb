import { COMMENTS_WINDOW_HOURS, type DatabaseStats } from './database-stats';

/** 1536 -> "1.5 kB": sizes in powers of 1024, as psql's pg_size_pretty. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 3725 -> "1h 2m 5s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const parts = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3_600), 'h'],
    [Math.floor((s % 3_600) / 60), 'm'],
    [s % 60, 's'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`);
  return shown.length > 0 ? shown.slice(0, 3).join(' ') : '0s';
}

const iso = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : '-');

/** The text of `migrator:stats`. Pure. */
export function formatStats(stats: DatabaseStats): string {
  const lines: string[] = [];
  const edition = stats.license === 'timescale' ? 'community edition' : stats.license === 'apache' ? 'OSS edition' : 'edition unknown';
  lines.push(`TimescaleDB license: ${stats.license ?? 'unknown'} (${edition})`, '');
  lines.push(
    ['hypertable'.padEnd(20), 'time column'.padEnd(13), 'chunks', 'size'.padStart(10), 'rows (approx.)', 'oldest'.padEnd(24), 'newest'.padEnd(24), 'compression'].join('  '),
  );
  for (const h of stats.hypertables) {
    const compression =
      h.compression === null
        ? 'n/a on OSS'
        : h.compression.enabled
          ? `on, ${h.compression.compressedChunks}/${h.chunks} chunks`
          : 'off';
    lines.push(
      [
        h.table.padEnd(20),
        h.timeColumn.padEnd(13),
        String(h.chunks).padStart(6),
        formatBytes(h.bytes).padStart(10),
        (h.approximateRows === null ? 'not analyzed' : `~${h.approximateRows}`).padStart(14),
        iso(h.oldest).padEnd(24),
        iso(h.newest).padEnd(24),
        compression,
      ].join('  '),
    );
  }
  lines.push('', ['stream'.padEnd(49), 'newest item'.padEnd(24), 'lag'.padEnd(10), 'checkpoint moved'].join('  '));
  if (stats.streams.length === 0) lines.push('(no scrape streams yet)');
  for (const s of stats.streams) {
    lines.push(
      [
        `${s.source}/${s.stream}`.padEnd(49),
        iso(s.newestCreatedUtc).padEnd(24),
        (s.lagSeconds === null ? '-' : formatDuration(s.lagSeconds)).padEnd(10),
        iso(s.updatedAt),
      ].join('  '),
    );
  }
  lines.push('', ['gaps of stream'.padEnd(49), 'recorded', 'resolved', 'recovered', '    open', 'oldest open gap starts'].join('  '));
  if (stats.gaps.length === 0) lines.push('(no gaps recorded)');
  for (const g of stats.gaps) {
    lines.push(
      [
        `${g.source}/${g.stream}`.padEnd(49),
        String(g.recorded).padStart(8),
        String(g.resolved).padStart(8),
        String(g.recovered).padStart(9),
        String(g.open).padStart(8),
        iso(g.oldestOpenStart),
      ].join('  '),
    );
  }
  if (stats.comments !== null) {
    lines.push('', [`comments of the last ${COMMENTS_WINDOW_HOURS} h, by subreddit`.padEnd(49), 'comments'].join('  '));
    if (stats.comments.length === 0) lines.push('(no comments created in that time)');
    for (const c of stats.comments) lines.push([`reddit/r/${c.subreddit}`.padEnd(49), String(c.comments).padStart(8)].join('  '));
  }
  return lines.join('\n');
}
