import { ADVANCE_ARCHIVE_IMPORT_SQL, advanceParams, toArchiveImport } from './archive-imports';

describe('archive import progress', () => {
  const step = { fileKey: 'RC_2017-11.zst:1:ab', kind: 'reddit-comments', lastLine: 500, bytesRead: 65_536, lines: 500, matched: 120 };

  it('sets positions, adds this batch counts (its write outcome among them), and ignores a step behind the stored position', () => {
    expect(advanceParams(step, { inserted: 100, updated: 15, rejected: 5 })).toEqual([
      'RC_2017-11.zst:1:ab', 'reddit-comments', null, null, 500, 65_536, 500, 120, 100, 15, 5, false,
    ]);
    // lines rejected before the write count with the rows the database refused
    expect(advanceParams({ ...step, rejectedLines: 7 }, { inserted: 100, updated: 15, rejected: 5 })[10]).toBe(12);
    expect(ADVANCE_ARCHIVE_IMPORT_SQL).toContain('"last_line" = excluded."last_line"');
    expect(ADVANCE_ARCHIVE_IMPORT_SQL).toContain('"inserted" = a."inserted" + excluded."inserted"');
    expect(ADVANCE_ARCHIVE_IMPORT_SQL).toMatch(/where excluded\."last_line" >= a\."last_line"$/);
  });

  it('refuses positions and counts that are not non-negative integers', () => {
    expect(() => advanceParams({ ...step, lastLine: -1 }, { inserted: 0, updated: 0, rejected: 0 })).toThrow(/lastLine must be a non-negative integer, got -1/);
    expect(() => advanceParams({ ...step, bytesRead: 1.5 }, { inserted: 0, updated: 0, rejected: 0 })).toThrow(/bytesRead/);
  });

  it('reads bigint columns (text from pg) as numbers', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    expect(
      toArchiveImport({
        file_key: 'k', kind: 'reddit-comments', file_name: 'RC.zst', file_size: '123', last_line: '7', bytes_read: '700', lines: '7', matched: '3',
        inserted: '2', updated: '1', rejected: '0', started_at: at, updated_at: at, finished_at: null,
      }),
    ).toEqual({
      fileKey: 'k', kind: 'reddit-comments', fileName: 'RC.zst', fileSize: 123, lastLine: 7, bytesRead: 700, lines: 7, matched: 3,
      inserted: 2, updated: 1, rejected: 0, startedAt: at, updatedAt: at, finishedAt: null,
    });
  });

  it('reads timestamps that arrive as text (the ORM pool) as dates', () => {
    const row = toArchiveImport({
      file_key: 'k', kind: 'reddit-comments', file_name: null, file_size: null, last_line: '0', bytes_read: '0', lines: '0', matched: '0',
      inserted: '0', updated: '0', rejected: '0', started_at: '2026-11-30 10:00:00+00', updated_at: '2026-11-30 10:05:00+00', finished_at: '2026-11-30 10:06:00+00',
    });
    expect([row.startedAt, row.updatedAt, row.finishedAt]).toEqual([new Date('2026-11-30T10:00:00Z'), new Date('2026-11-30T10:05:00Z'), new Date('2026-11-30T10:06:00Z')]);
  });
});
