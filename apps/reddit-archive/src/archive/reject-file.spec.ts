import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REJECT_FILE_HEADER, RejectFile, defaultRejectsPath, formatRejectRecord } from './reject-file';

describe('formatRejectRecord', () => {
  it('writes file, line number, reason, detail and the first 200 characters on one line', () => {
    const text = `{"title":"tab\there\nnewline","x":"${'y'.repeat(300)}"}`;
    const line = formatRejectRecord({ file: 'RS_2023-01.zst', lineNumber: 42, reason: 'not JSON', detail: 'Unexpected token', text });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const [file, number, reason, detail, excerpt] = line.slice(0, -1).split('\t');
    expect([file, number, reason, detail]).toEqual(['RS_2023-01.zst', '42', 'not JSON', 'Unexpected token']);
    expect(excerpt!.startsWith('{"title":"tab\\there\\nnewline"')).toBe(true);
    expect(excerpt!.replace(/\\[tn]/g, '_').length).toBe(200);
  });
  it('leaves the detail empty when there is none', () => {
    expect(formatRejectRecord({ file: '-', lineNumber: 1, reason: 'blank line', text: '' })).toBe('-\t1\tblank line\t\t\n');
  });
});

describe('RejectFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rejects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file on the first reject only, with a header', async () => {
    const clean = new RejectFile(join(dir, 'clean.tsv'));
    await clean.close();
    expect(existsSync(clean.path)).toBe(false);

    const file = new RejectFile(join(dir, 'rejects.tsv'));
    await file.write({ file: 'a.ndjson', lineNumber: 3, reason: 'missing id', text: '{"title":"x"}' });
    await file.close();
    expect(readFileSync(file.path, 'utf8')).toBe(`${REJECT_FILE_HEADER}a.ndjson\t3\tmissing id\t\t{"title":"x"}\n`);
    expect(file.written).toBe(1);
  });

  it('names the default file after the start time, safe for any file system', () => {
    expect(defaultRejectsPath(new Date('2026-11-30T10:04:15.123Z'))).toBe('reddit-archive-rejects-2026-11-30T10-04-15-123Z.tsv');
  });
});
