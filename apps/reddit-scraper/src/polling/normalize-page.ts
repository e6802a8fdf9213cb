import type { RejectedItem } from '@sentiment-ingest/db';
import { normalizeT3Thing, type Submission } from '@sentiment-ingest/models';

/** The submissions of a page that normalised, and the others, ready to be quarantined. */
export interface NormalizedPage {
  readonly submissions: Submission[];
  readonly rejected: RejectedItem[];
}

/** How one listing child normalises: the item, or why it was refused (with its id if known). */
export type ChildResult<Item> = { readonly ok: true; readonly item: Item } | { readonly ok: false; readonly id: string | null; readonly reason: string };

/** What normalising a page needs to know. */
export interface NormalizeContext {
  readonly redactDeleted: boolean;
  readonly now: Date;
  readonly source: string;
  readonly stream: string | null;
}

/**
 * Normalises every listing child of a page (`{ kind, data }`) with `normalize`; a bad item is set
 * aside with its reason, as an item of `itemKind` in rejected_items, the rest go on.
 */
export function normalizeChildren<Item>(
  children: readonly unknown[],
  itemKind: string,
  normalize: (child: unknown, options: NormalizeContext) => ChildResult<Item>,
  options: NormalizeContext,
): { items: Item[]; rejected: RejectedItem[] } {
  const items: Item[] = [];
  const rejected: RejectedItem[] = [];
  for (const child of children) {
    const result = normalize(child, options);
    if (result.ok) items.push(result.item);
    else {
      rejected.push({
        source: options.source,
        stream: options.stream,
        itemKind,
        itemId: result.id,
        stage: 'normalize',
        reason: result.reason,
        sqlState: null,
        payload: child,
      });
    }
  }
  return { items, rejected };
}

/** Normalises the submissions of a page (see {@link normalizeChildren}). */
export function normalizePage(children: readonly unknown[], options: NormalizeContext): NormalizedPage {
  const { items, rejected } = normalizeChildren(children, 'submission', normalizeSubmission, options);
  return { submissions: items, rejected };
}

/** One t3 child as a submission. */
export function normalizeSubmission(child: unknown, options: NormalizeContext): ChildResult<Submission> {
  const result = normalizeT3Thing(child, options);
  return result.ok ? { ok: true, item: result.submission } : result;
}
