import { DumpGenerator, dumpChunks, seededRandom, TARGET_SUBREDDITS, type DumpTally } from './archive-bench-data';

const newTally = (): DumpTally => ({ lines: 0, bytes: 0, valid: 0, validTarget: 0, rejected: 0 });

function dump(kind: 'submissions' | 'comments', bytes: number, seed = 1): { text: string; tally: DumpTally } {
  const tally = newTally();
  const text = [...dumpChunks(new DumpGenerator(kind, seed), bytes, tally, 64 * 1024)].join('');
  return { text, tally };
}

describe('archive bench dump', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(seededRandom(3)()).toBe(seededRandom(3)());
    expect(dump('submissions', 200_000).text).toBe(dump('submissions', 200_000).text);
    expect(dump('submissions', 200_000, 2).text).not.toBe(dump('submissions', 200_000).text);
  });

  it('has the size asked for, counted in UTF-8 bytes, and a truncated last line without a newline', () => {
    const { text, tally } = dump('submissions', 500_000);
    expect(Buffer.byteLength(text)).toBe(tally.bytes);
    expect(tally.bytes).toBeGreaterThan(497_000);
    expect(tally.bytes).toBeLessThanOrEqual(500_000);
    expect(text.endsWith('\n')).toBe(false);
    const last = text.slice(text.lastIndexOf('\n') + 1);
    expect(() => JSON.parse(last)).toThrow();
    expect(tally.lines).toBe(text.split('\n').length);
    expect(tally.valid + tally.rejected).toBe(tally.lines);
  });

  it.each([
    ['submissions', 1000, 1500],
    ['comments', 500, 1000],
  ] as const)('writes %s lines of realistic sizes', (kind, min, max) => {
    const { text } = dump(kind, 2_000_000);
    const sizes = text.split('\n').slice(0, -1).filter((l) => l.startsWith('{')).map((l) => Buffer.byteLength(l));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThanOrEqual(min);
    expect(mean).toBeLessThanOrEqual(max);
  });

  it('holds the drift and the traps, and ~5% of valid lines in the target subreddits (mixed case)', () => {
    const { text, tally } = dump('submissions', 5_000_000);
    const lines = text.split('\n').slice(0, -1);
    const items = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(items).toHaveLength(tally.valid);
    expect(lines.some((l) => l === '')).toBe(true);
    expect(lines.some((l) => l !== '' && !l.startsWith('{') && !l.startsWith('['))).toBe(true);
    expect(lines.some((l) => l.startsWith('['))).toBe(true);
    expect(lines.some((l) => l.includes('\\ud83d'))).toBe(true);
    const types = new Set(items.map((i) => typeof i['created_utc']));
    expect(types).toEqual(new Set(['number', 'string']));
    expect(items.some((i) => Number.isInteger(i['created_utc']))).toBe(true);
    expect(items.some((i) => typeof i['created_utc'] === 'string' && String(i['created_utc']).includes('.'))).toBe(true);
    expect(items.some((i) => i['edited'] === false) && items.some((i) => typeof i['edited'] === 'number')).toBe(true);
    expect(items.some((i) => i['score'] === null)).toBe(true);
    expect(items.some((i) => 'retrieved_on' in i) && items.some((i) => 'retrieved_utc' in i)).toBe(true);
    expect(items.some((i) => !('removed_by_category' in i)) && items.some((i) => i['removed_by_category'] === 'moderator')).toBe(true);
    expect(new Set(items.map((i) => i['id'])).size).toBe(items.length);
    const targets = new Set(TARGET_SUBREDDITS.map((s) => s.toLowerCase()));
    const inTarget = items.filter((i) => targets.has(String(i['subreddit']).toLowerCase()));
    expect(inTarget).toHaveLength(tally.validTarget);
    expect(inTarget.length / items.length).toBeGreaterThan(0.04);
    expect(inTarget.length / items.length).toBeLessThan(0.06);
    expect(new Set(inTarget.map((i) => i['subreddit'])).size).toBeGreaterThan(targets.size);
  });
});
