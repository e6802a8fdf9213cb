import { isRecord } from './json';

/** One page of a Reddit listing: the raw `data` of each child, unparsed, and the page cursors. */
export interface Listing {
  /** Children's `data` objects as Reddit sent them; normalisation (libs/models) decides what is valid. */
  readonly items: unknown[];
  readonly after: string | null;
  readonly before: string | null;
}

/**
 * The listing in a parsed JSON body, or a description of why the body is not one. A weird child
 * never fails the page: it is passed on (its `data` if it has one, else itself) for the normaliser
 * to reject with a reason.
 */
export function toListing(body: unknown): { ok: true; listing: Listing } | { ok: false; detail: string } {
  if (!isRecord(body)) return { ok: false, detail: 'not a JSON object' };
  if (body['kind'] !== 'Listing') return { ok: false, detail: 'kind is not "Listing"' };
  const data = body['data'];
  if (!isRecord(data)) return { ok: false, detail: 'no data object' };
  const children = data['children'];
  if (!Array.isArray(children)) return { ok: false, detail: 'data.children is not an array' };
  const items = children.map((child: unknown) => (isRecord(child) && 'data' in child ? child['data'] : child));
  return { ok: true, listing: { items, after: cursorOf(data['after']), before: cursorOf(data['before']) } };
}

function cursorOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
