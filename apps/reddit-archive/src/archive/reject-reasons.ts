/** Why a line was not stored. A fixed set, so the summary can count by reason; details go to the reject file. */
export const REJECT_REASONS = [
  'blank line',
  'not JSON',
  'truncated last line',
  'JSON is not an object',
  'line too long',
  'missing id',
  'missing time',
  'kind unknown',
  'invalid item',
  'refused by the database',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
