import type { WriteCounts } from '@sentiment-ingest/db';

/**
 * Says how a writer run differs from what its phase expects, or `null` when it matches. A phase
 * that did not insert, skip or update every row would time something else than it claims.
 */
export function describeMismatch(expected: WriteCounts, actual: WriteCounts): string | null {
  const keys = ['inserted', 'updated', 'unchanged', 'observations'] as const;
  const wrong = keys.filter((key) => expected[key] !== actual[key]);
  if (wrong.length === 0) return null;
  return wrong.map((key) => `${key} ${actual[key]} (expected ${expected[key]})`).join(', ');
}

/** What writing `rows` submissions should report in each writer phase. */
export function expectedWrite(phase: 'new' | 'unchanged' | 'changed', rows: number): WriteCounts {
  switch (phase) {
    case 'new':
      return { inserted: rows, updated: 0, unchanged: 0, observations: 0 };
    case 'unchanged':
      return { inserted: 0, updated: 0, unchanged: rows, observations: 0 };
    case 'changed':
      return { inserted: 0, updated: rows, unchanged: 0, observations: rows };
  }
}
