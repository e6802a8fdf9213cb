/**
 * A payload as the JSON text it was received in: the text, or its UTF-8 bytes. Bytes are held
 * outside the JavaScript heap, so thousands of items waiting for their batch to be written cost the
 * garbage collector less (an archive import holds a line's bytes).
 */
export type RawJson = string | Uint8Array;

/** An item that holds its source payload as an object (`raw`) or as the JSON text it came in (`rawJson`). */
export interface HoldsSourcePayload {
  readonly raw?: Readonly<Record<string, unknown>>;
  readonly rawJson?: RawJson;
}

const utf8 = new TextDecoder();

/** The item's source payload: `raw`, else `rawJson` parsed (a new object on each call). */
export function sourcePayloadOf(item: HoldsSourcePayload): Readonly<Record<string, unknown>> {
  if (item.raw !== undefined) return item.raw;
  if (item.rawJson !== undefined) return JSON.parse(typeof item.rawJson === 'string' ? item.rawJson : utf8.decode(item.rawJson)) as Record<string, unknown>;
  throw new TypeError('the item holds no source payload: neither raw nor rawJson is set');
}
