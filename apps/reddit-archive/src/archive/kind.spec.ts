import { kindFromFileName, kindFromPayload, kindOfFile } from './kind';

describe('kindFromFileName', () => {
  it.each([
    ['/data/RS_2023-01.zst', 'submissions'],
    ['RC_2023-01.zst', 'comments'],
    ['rs_2023-01.ndjson', 'submissions'],
    ['dumps/wallstreetbets_submissions.zst', 'submissions'],
    ['wallstreetbets_comments.jsonl', 'comments'],
    ['sample.ndjson', null],
    ['-', null],
  ])('%s → %s', (path, kind) => expect(kindFromFileName(path)).toBe(kind));
});

describe('kindFromPayload', () => {
  it('tells a comment from a submission', () => {
    expect(kindFromPayload({ name: 't1_abc' })).toBe('comments');
    expect(kindFromPayload({ link_id: 't3_x', body: 'hi' })).toBe('comments');
    expect(kindFromPayload({ name: 't3_abc' })).toBe('submissions');
    expect(kindFromPayload({ title: 'hello' })).toBe('submissions');
    expect(kindFromPayload({ id: 'x' })).toBeNull();
  });
});

describe('kindOfFile', () => {
  it('lets --kind override the file name, and leaves stdin to the content', () => {
    expect(kindOfFile('RC_2023-01.zst', 'submissions')).toBe('submissions');
    expect(kindOfFile('RC_2023-01.zst', null)).toBe('comments');
    expect(kindOfFile('-', null)).toBeNull();
  });
});
