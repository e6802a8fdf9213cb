import type { RejectedItem } from '@sentiment-ingest/db';
import { normalizeT3Thing, type Submission } from '@sentiment-ingest/models';

/** The submissions of a page that normalised, and the others, ready to be quarantined. */
export interface NormalizedPage {
  readonly submissions: Submission[];
  readonly rejected: RejectedItem[];
}

/**
 * Normalises every listing child of a page (`{ kind, data }`); a bad item is set aside with its
 * reason, the rest go on.
 */
export function normalizePage(
  children: readonly unknown[],
  options: { redactDeleted: boolean; now: Date; source: string; stream: string | null },
): NormalizedPage {
  const submissions: Submission[] = [];
  const rejected: RejectedItem[] = [];
  for (const child of children) {
    const result = normalizeT3Thing(child, options);
    if (result.ok) submissions.push(result.submission);
    else {
      rejected.push({
        source: options.source,
        stream: options.stream,
        itemKind: 'submission',
        itemId: result.id,
        stage: 'normalize',
        reason: result.reason,
        sqlState: null,
        payload: child,
      });
    }
  }
  return { submissions, rejected };
}
