/** An item that holds its source payload as an object (`raw`) or as the JSON text it came in (`rawJson`). */
export interface HoldsSourcePayload {
  readonly raw?: Readonly<Record<string, unknown>>;
  readonly rawJson?: string;
}

/** The item's source payload: `raw`, else `rawJson` parsed (a new object on each call). */
export function sourcePayloadOf(item: HoldsSourcePayload): Readonly<Record<string, unknown>> {
  if (item.raw !== undefined) return item.raw;
  if (item.rawJson !== undefined) return JSON.parse(item.rawJson) as Record<string, unknown>;
  throw new TypeError('the item holds no source payload: neither raw nor rawJson is set');
}
