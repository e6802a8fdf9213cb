import { normalizeT3, type Submission } from '@sentiment-ingest/models';

/** The submissions of a page that normalised, and why the others did not. */
export interface NormalizedPage {
  readonly submissions: Submission[];
  readonly rejected: { readonly id: string | null; readonly reason: string }[];
}

/** Normalises every item of a page; a bad item is set aside with its reason, the rest go on. */
export function normalizePage(items: readonly unknown[], options: { redactDeleted: boolean }): NormalizedPage {
  const submissions: Submission[] = [];
  const rejected: { id: string | null; reason: string }[] = [];
  for (const item of items) {
    const result = normalizeT3(item, options);
    if (result.ok) submissions.push(result.submission);
    else rejected.push({ id: result.id, reason: result.reason });
  }
  return { submissions, rejected };
}
