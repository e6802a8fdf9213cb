import { normalizeT1, normalizeT3 } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { LineNormalizer, NormalizedLine } from './ports';

/**
 * Submissions (t3) and comments (t1) normalised as the live scraper normalises them, redacting
 * content deleted on Reddit. A dump line is the bare `data` object (no `{ kind, data }` wrapper), so
 * `normalizeT3`/`normalizeT1` are called on it directly: the `…Thing` variants would read a payload
 * that happens to have `kind` and `data` keys as a wrapper. The line is handed on as `rawJson` (its
 * bytes when given, else its text): an item whose payload is stored unchanged (not redacted, nothing
 * repaired) holds it instead of the parsed payload, and it is stored as it is instead of serialising
 * the payload again.
 */
export const archiveNormalizer: LineNormalizer = {
  normalizeLine<K extends ArchiveKind>(kind: K, payload: Readonly<Record<string, unknown>>, now: Date, text?: string, bytes?: Uint8Array): NormalizedLine<K> {
    const options = { redactDeleted: true, now, rawJson: text, rawJsonBytes: bytes };
    if (kind === 'comments') {
      const result = normalizeT1(payload, options);
      if (!result.ok) return { ok: false, reason: 'invalid item', detail: result.reason };
      return { ok: true, item: result.comment, createdUtc: result.comment.createdUtc } as NormalizedLine<K>;
    }
    const result = normalizeT3(payload, options);
    if (!result.ok) return { ok: false, reason: 'invalid item', detail: result.reason };
    return { ok: true, item: result.submission, createdUtc: result.submission.createdUtc } as NormalizedLine<K>;
  },
};
