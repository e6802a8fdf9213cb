import { formatStorageBreakdown, storageBreakdownJson, totalBytes } from './storage-breakdown';

const tables = [
  { table: 'raw_submissions', heap: 2_000_000, toast: 8_192, indexes: 600_000 },
  { table: 'submission_metrics', heap: 900_000, toast: 0, indexes: 700_000 },
  { table: 'submission_keys', heap: 50_000, toast: 0, indexes: 40_000 },
];

describe('storage breakdown', () => {
  it('sums every part of every table', () => {
    expect(totalBytes(tables)).toBe(4_298_192);
  });

  it('gives bytes per post for each table and the total, rounded', () => {
    const lines = formatStorageBreakdown(tables, 1_000);
    expect(lines[1]).toMatch(/raw_submissions\s+2000\s+8\s+600\s+2608$/);
    expect(lines[2]).toMatch(/submission_metrics\s+900\s+0\s+700\s+1600$/);
    expect(lines[3]).toMatch(/submission_keys\s+50\s+0\s+40\s+90$/);
    expect(lines[4]).toMatch(/all\s+4298$/);
  });

  it('reports per-post bytes by table in the JSON form', () => {
    expect(storageBreakdownJson(tables, 1_000)['raw_submissions']).toEqual({ heap: 2000, toast: 8, indexes: 600, total: 2608 });
  });

  it('does not divide by zero when nothing was stored', () => {
    expect(formatStorageBreakdown(tables, 0)[4]).toMatch(/all\s+4298192$/);
  });
});
