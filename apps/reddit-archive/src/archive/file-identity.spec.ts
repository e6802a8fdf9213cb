import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveImportKind, fileIdentity, fileKeyOf, selectionDigest } from './file-identity';

const ALL = { subreddits: new Set<string>(), window: { since: null, until: null }, kind: null };

describe('file identity', () => {
  it('is the base name, the size and the sha256 of the head', () => {
    expect(fileIdentity('/data/RC_2023-01.zst', 3, Buffer.from('abc'))).toBe('RC_2023-01.zst:3:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('adds the selection only when there is one, and the same selection gives the same key', () => {
    expect(selectionDigest(ALL)).toBe('');
    const a = selectionDigest({ ...ALL, subreddits: new Set(['stocks', 'wallstreetbets']) });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(selectionDigest({ ...ALL, subreddits: new Set(['wallstreetbets', 'stocks']) })).toBe(a);
    expect(selectionDigest({ ...ALL, subreddits: new Set(['stocks']) })).not.toBe(a);
    expect(selectionDigest({ ...ALL, kind: 'comments' })).not.toBe('');
  });

  it('reads the file for its key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-'));
    try {
      const path = join(dir, 'RS_2023-01.ndjson');
      writeFileSync(path, 'abc');
      expect(fileKeyOf(path, ALL)).toEqual({ fileKey: fileIdentity(path, 3, Buffer.from('abc')), fileName: 'RS_2023-01.ndjson', fileSize: 3 });
      expect(fileKeyOf(path, { ...ALL, kind: 'submissions' }).fileKey).toMatch(/^RS_2023-01\.ndjson:3:[0-9a-f]{64}:sel=[0-9a-f]{16}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the kind of the import', () => {
    expect(archiveImportKind('comments')).toBe('reddit-comments');
    expect(archiveImportKind(null)).toBe('reddit-mixed');
  });
});
