import { createHash } from 'node:crypto';

/**
 * An item the write path could not store: refused by normalisation (`normalize`) or by PostgreSQL
 * (`write`, with the SQLSTATE). It is quarantined in `rejected_items` for an operator to see, and
 * never blocks the items beside it.
 */
export interface RejectedItem {
  /** e.g. `reddit` */
  readonly source: string;
  /** the stream that read it, when there is one */
  readonly stream: string | null;
  /** what kind of item it was meant to be, e.g. `submission` */
  readonly itemKind: string;
  /** its id, when the payload has a valid one */
  readonly itemId: string | null;
  readonly stage: 'normalize' | 'write';
  readonly reason: string;
  readonly sqlState: string | null;
  /** the payload as received */
  readonly payload: unknown;
}

/** One row of `rejected_items`, ready for the upsert. */
export interface RejectedRow {
  readonly source: string;
  readonly stream: string | null;
  readonly itemKind: string;
  /** one row per item: `id:<id>`, or `sha256:<hash of the payload>` when it has no id */
  readonly itemKey: string;
  readonly itemId: string | null;
  readonly stage: 'normalize' | 'write';
  readonly reason: string;
  readonly sqlState: string | null;
  /** JSON text: escapes (`\u0000`, lone surrogates) are plain characters in a `text` column */
  readonly payload: string;
}

/** Reasons are kept short: they come from validation or from the server's message. */
const MAX_REASON_LENGTH = 500;

/** Turns rejected items into rows, one per item key (the last report of an item wins). */
export function toRejectedRows(items: readonly RejectedItem[]): RejectedRow[] {
  const byKey = new Map<string, RejectedRow>();
  for (const item of items) {
    const payload = payloadText(item.payload);
    const itemKey = item.itemId !== null ? `id:${item.itemId}` : `sha256:${createHash('sha256').update(payload).digest('hex')}`;
    const row: RejectedRow = {
      source: item.source,
      stream: item.stream,
      itemKind: item.itemKind,
      itemKey,
      itemId: item.itemId,
      stage: item.stage,
      reason: item.reason.length > MAX_REASON_LENGTH ? `${item.reason.slice(0, MAX_REASON_LENGTH)}…` : item.reason,
      sqlState: item.sqlState,
      payload,
    };
    const key = `${row.source}\u0001${row.itemKind}\u0001${itemKey}`;
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

function payloadText(payload: unknown): string {
  try {
    return JSON.stringify(payload) ?? String(payload);
  } catch {
    return String(payload);
  }
}
