import { z } from 'zod';
import { isRecord } from './payload';

/** What a field's fast reader returns when it leaves the value to the schema. */
export const ASK_SCHEMA: unique symbol = Symbol('ask the schema');

/**
 * One field of a payload: its schema, which defines it, and a fast reader for the shapes it nearly
 * always has. `fast` returns exactly what the schema would give, or {@link ASK_SCHEMA} for anything
 * else, and allocates next to nothing: an archive import reads hundreds of millions of payloads, and
 * zod builds objects for every field it checks. The two stand side by side so that a change to one is
 * seen beside the other, and `payload-reader.spec.ts` checks each fast reader against its schema
 * over values of every shape.
 */
export interface PayloadField<T> {
  readonly schema: z.ZodType<T>;
  readonly fast: (value: unknown) => T | typeof ASK_SCHEMA;
}

/**
 * A field whose schema is a total preprocess into a type the rest of the schema always accepts: the
 * fast reader is the same function.
 */
export function totalField<T>(convert: (value: unknown) => T, accepts: z.ZodType<T>): PayloadField<T> {
  return { schema: z.preprocess(convert, accepts) as unknown as z.ZodType<T>, fast: convert };
}

type Fields = Record<string, PayloadField<unknown>>;
type Shape<F extends Fields> = { [K in keyof F]: F[K] extends PayloadField<infer T> ? T : never };

export interface PayloadReader<F extends Fields> {
  /** The object schema of the fields (reads only them; the payload may hold any other key). */
  readonly schema: z.ZodObject<{ [K in keyof F]: F[K]['schema'] }>;
  /**
   * The schema's result for `data`: built from the fast readers when every field has a common shape
   * (one object, no zod), else the schema's own (its errors included).
   */
  read(data: unknown): z.ZodSafeParseResult<Shape<F>>;
}

/** Builds the object schema of `fields` and a reader that asks it only for payloads of an uncommon shape. */
export function payloadReader<F extends Fields>(fields: F): PayloadReader<F> {
  const schemas = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.schema])) as { [K in keyof F]: F[K]['schema'] };
  const schema = z.object(schemas);
  const keys = Object.keys(fields);
  const fasts = keys.map((key) => (fields[key] as PayloadField<unknown>).fast);
  const read = (data: unknown): z.ZodSafeParseResult<Shape<F>> => {
    if (!isRecord(data)) return schema.safeParse(data) as z.ZodSafeParseResult<Shape<F>>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = (fasts[i] as PayloadField<unknown>['fast'])(data[key]);
      if (value === ASK_SCHEMA) return schema.safeParse(data) as z.ZodSafeParseResult<Shape<F>>;
      if (value !== undefined) out[key] = value;
    }
    return { success: true, data: out as Shape<F> };
  };
  return { schema, read };
}
