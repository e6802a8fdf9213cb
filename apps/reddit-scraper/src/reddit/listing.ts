import { isRecord } from './json';

/** One page of a Reddit listing: each child as sent, unparsed, and the page cursors. */
export interface Listing {
  /**
   * Children as Reddit sent them (`{ kind: 't3', data: {...} }`); normalisation (libs/models)
   * decides what is valid, including the kind.
   */
  readonly items: unknown[];
  readonly after: string | null;
  readonly before: string | null;
  /** size of the response body in bytes */
  readonly bytes: number;
}

/**
 * The listing in a parsed JSON body, or a description of why the body is not one. A weird child
 * never fails the page: it is passed on for the normaliser to reject with a reason.
 */
export function toListing(body: unknown, bytes = 0): { ok: true; listing: Listing } | { ok: false; detail: string } {
  if (!isRecord(body)) return { ok: false, detail: 'not a JSON object' };
  if (body['kind'] !== 'Listing') return { ok: false, detail: 'kind is not "Listing"' };
  const data = body['data'];
  if (!isRecord(data)) return { ok: false, detail: 'no data object' };
  const children = data['children'];
  if (!Array.isArray(children)) return { ok: false, detail: 'data.children is not an array' };
  return { ok: true, listing: { items: children as unknown[], after: cursorOf(data['after']), before: cursorOf(data['before']), bytes } };
}

function cursorOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
