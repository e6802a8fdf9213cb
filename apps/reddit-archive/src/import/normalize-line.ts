import { normalizeT3 } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';
import type { LineNormalizer, NormalizedLine } from './ports';

/**
 * Today's normaliser: submissions (t3) as the live scraper normalises them, redacting content
 * deleted on Reddit. A dump line is the bare t3 `data` object (no `{ kind, data }` wrapper), so
 * `normalizeT3` is called on it directly: `normalizeT3Thing` would read a payload that happens to
 * have `kind` and `data` keys as a wrapper. Comments wait for `normalizeT1`.
 */
export const archiveNormalizer: LineNormalizer = {
  normalizeLine<K extends ArchiveKind>(kind: K, payload: Readonly<Record<string, unknown>>, now: Date): NormalizedLine<K> {
    if (kind === 'comments') return { ok: false, reason: 'comments not yet supported' };
    const result = normalizeT3(payload, { redactDeleted: true, now });
    if (!result.ok) return { ok: false, reason: 'invalid item', detail: result.reason };
    return { ok: true, item: result.submission, createdUtc: result.submission.createdUtc } as NormalizedLine<K>;
  },
};
