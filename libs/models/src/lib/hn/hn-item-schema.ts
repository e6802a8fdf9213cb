import { z } from 'zod';
import { fitsInt4 } from '../limits';
import { HN_ITEM_TYPES } from './hn-api-item';

/** Item 1 was posted on 2006-10-09 18:21:51 UTC: an earlier `time` is a unit error or garbage. */
const EARLIEST_EPOCH_S = 1_160_418_111;

/** 2100-01-01: a later `time` is garbage (milliseconds, or a corrupt payload). */
const LATEST_EPOCH_S = 4_102_444_800;

/** Between HN's first item and 2100, in seconds. */
export const isPlausibleHnEpoch = (s: number): boolean => s >= EARLIEST_EPOCH_S && s < LATEST_EPOCH_S;

/** The message of a field that is missing, or present with another JSON type than `expected`. */
const typeError = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `is not ${expected}`);

/** Item ids are positive integers; JSON numbers beyond 2^53 would already have lost digits. */
const itemId = z
  .number({ error: typeError('a number') })
  .refine((n) => Number.isSafeInteger(n) && n > 0, 'is not a positive safe integer');

/** A count stored in an `int` column; HN sends integers, a fraction is truncated as for Reddit. */
const count = z
  .number({ error: typeError('a number') })
  .refine(fitsInt4, 'is outside the storable range (a 32-bit integer)')
  .transform(Math.trunc)
  .nullish();

const text = z.string({ error: typeError('a string') }).nullish();

/** The API sends `true` or leaves the flag out; anything else is read as not set. */
const flag = z.preprocess((v) => v === true, z.boolean());

/**
 * The fields of an API item that become columns, in the shapes the API sends them. A field present
 * with the wrong JSON type is rejected rather than dropped: it means a corrupt payload. `type` and
 * `time` may be missing here because a deleted item may lack them (normalize-hn-item.ts decides);
 * `kids` and `parts` are not columns and stay in `raw` unvalidated.
 */
export const hnItemSchema = z.object(
  {
    id: itemId,
    type: z.enum(HN_ITEM_TYPES, { error: (issue) => `${describe(issue.input)} is not one of ${HN_ITEM_TYPES.join(', ')}` }).nullish(),
    time: z
      .number({ error: typeError('a number') })
      .refine(isPlausibleHnEpoch, 'is not a plausible epoch in seconds (2006-10-09 to 2100)')
      .nullish(),
    by: text,
    title: text,
    text,
    url: text,
    score: count,
    descendants: count,
    parent: itemId.nullish(),
    poll: itemId.nullish(),
    dead: flag,
    deleted: flag,
  },
  { error: (issue) => `is not an object (${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input})` },
);

export type HnItemFields = z.infer<typeof hnItemSchema>;

/** A value for a message: short strings quoted, other values by type (untrusted text stays out of logs). */
function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value;
}
