import { ImportCounters } from '../archive/counters';
import { CoverageTracker } from '../archive/gap-coverage';
import type { RejectRecord, RejectSink } from '../archive/reject-file';
import type { ProgressSink } from '../progress/progress';
import { splitLineBatches, type Line } from '../archive/line-splitter';
import { bytesToHold, ImportInterruptedError, importInput, PARSED_LINES_PER_TURN, type ImportContext, type ImportInput } from './import-run';
import { archiveNormalizer } from './normalize-line';
import type { ArchiveEntry, BatchWriter, ImportProgress } from './ports';

const post = (id: string, subreddit: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, subreddit, title: `post ${id}`, author: 'someone', created_utc: 1672617600, retrieved_on: 1672704000, score: 3, num_comments: 1, ...extra });

function setup(lines: string[], over: Partial<ImportContext> & { kind?: ImportInput['kind'] } = {}) {
  const written: { kind: string; entries: readonly ArchiveEntry[]; progress: ImportProgress }[] = [];
  const writer: BatchWriter = {
    writeBatch: async (kind, entries, progress) => {
      written.push({ kind, entries, progress });
      return { inserted: entries.length, updated: 0, unchanged: 0, refused: [] };
    },
  };
  const rejected: RejectRecord[] = [];
  const rejects: RejectSink = { write: async (r) => void rejected.push(r), close: async () => undefined };
  const progress: ProgressSink = { startFile: () => undefined, update: () => undefined, stop: () => undefined };
  const counters = new ImportCounters();
  const text = lines.join('\n');
  const input: ImportInput = {
    name: 'RS_2023-01.ndjson',
    chunks: (async function* () {
      // small chunks, to cross line boundaries
      for (let i = 0; i < text.length; i += 37) yield Buffer.from(text.slice(i, i + 37));
    })(),
    kind: over.kind === undefined ? 'submissions' : over.kind,
    totalBytes: text.length,
    bytesRead: () => text.length,
    fileTime: new Date('2024-01-01T00:00:00Z'),
  };
  const ctx: ImportContext = {
    subreddits: new Set(['wallstreetbets']),
    window: { since: null, until: null },
    batchSize: 2,
    normalizer: archiveNormalizer,
    writer,
    rejects,
    counters,
    progress,
    clock: () => 0,
    now: () => new Date('2026-01-01T00:00:00Z'),
    startedAt: 0,
    ...over,
  };
  return { input, ctx, written, rejected, counters };
}

describe('importInput', () => {
  it('stores the matching posts in batches and rejects bad lines by reason, with line numbers', async () => {
    const { input, ctx, written, rejected, counters } = setup([
      post('a1', 'WallStreetBets'),
      post('a2', 'AskReddit'),
      '',
      'not json at all',
      '[1,2,3]',
      JSON.stringify({ subreddit: 'wallstreetbets', title: 'no id', created_utc: 1672617600 }),
      JSON.stringify({ id: 'a3', subreddit: 'wallstreetbets', title: 'no time' }),
      post('a4', 'wallstreetbets', { retrieved_on: undefined }),
      post('a5', 'wallstreetbets'),
      '{"id":"a6","subreddit":"wallstreetbets","tit',
    ]);
    await importInput(input, ctx);
    expect(written.flatMap((w) => w.entries.map((e) => e.lineNumber))).toEqual([1, 8, 9]);
    expect(written.map((w) => w.entries.length)).toEqual([2, 1]);
    expect(written[0]!.progress).toMatchObject({ file: 'RS_2023-01.ndjson', kind: 'submissions', lineNumber: 8 });
    const observed = written.flatMap((w) => w.entries.map((e) => e.observedAt.toISOString()));
    expect(observed).toEqual(['2023-01-03T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2023-01-03T00:00:00.000Z']);
    expect(rejected.map((r) => [r.lineNumber, r.reason])).toEqual([
      [3, 'blank line'],
      [4, 'not JSON'],
      [5, 'JSON is not an object'],
      [6, 'missing id'],
      [7, 'missing time'],
      [10, 'truncated last line'],
    ]);
    expect(counters).toMatchObject({ linesRead: 10, skipped: 1, matched: 3, inserted: 3 });
    expect(counters.rejectedTotal).toBe(6);
  });

  it('applies --since/--until to the creation time', async () => {
    const { input, ctx, counters } = setup([post('b1', 'wallstreetbets', { created_utc: 1672531199 }), post('b2', 'wallstreetbets')], {
      window: { since: new Date('2023-01-01T00:00:00Z'), until: null },
    });
    await importInput(input, ctx);
    expect(counters).toMatchObject({ matched: 1, skipped: 1 });
  });

  it('notes the creation times of the selected lines it normalised (also outside --since/--until), not of other subreddits or rejected lines', async () => {
    const coverage = new CoverageTracker();
    const { input, ctx } = setup(
      [
        post('e1', 'wallstreetbets', { created_utc: 1672617600 }), // 2023-01-02
        post('e2', 'AskReddit', { created_utc: 1672531200 }), // 2023-01-01, another subreddit
        post('e3', 'WallStreetBets', { created_utc: 1672790400 }), // 2023-01-04
        post('e4', 'wallstreetbets', { created_utc: 1672704000 }), // 2023-01-03
        JSON.stringify({ id: 'e5', subreddit: 'wallstreetbets', created_utc: 1673000000 }), // no title: rejected
      ],
      { coverage, window: { since: null, until: new Date('2023-01-03T12:00:00Z') } },
    );
    await importInput(input, ctx);
    expect(coverage.coverage('submissions', { since: null, until: null })).toEqual({ from: new Date('2023-01-02T00:00:00Z'), to: new Date('2023-01-04T00:00:00Z') });
    expect(coverage.coverage('submissions', ctx.window)).toEqual({ from: new Date('2023-01-02T00:00:00Z'), to: new Date('2023-01-03T11:59:59.999Z') });
    expect(coverage.coverage('comments', ctx.window)).toBeNull();
  });

  it('stores comment lines as comments (kind from the content), and writes both kinds of a batch together', async () => {
    const comment = JSON.stringify({ id: 'c1', subreddit: 'wallstreetbets', author: 'x', body: 'hi', link_id: 't3_a1', parent_id: 't3_a1', created_utc: 1672617600, retrieved_on: 1672704000, score: null });
    const { input, ctx, rejected, written } = setup([comment, post('d1', 'wallstreetbets'), post('d2', 'wallstreetbets')], { kind: null });
    await importInput(input, ctx);
    expect(rejected).toEqual([]);
    expect(written.map((w) => [w.kind, w.entries.map((e) => e.lineNumber), w.progress.lineNumber, w.progress.lines])).toEqual([
      // the posts' batch filled: the pending comment goes with it; only the last write moves the position
      ['submissions', [2, 3], 0, 0],
      ['comments', [1], 3, 3],
    ]);
    expect(written[1]!.entries[0]!.item).toMatchObject({ id: 'c1', linkId: 'a1', score: null });
    expect(written[1]!.entries[0]!.observedAt.toISOString()).toBe('2023-01-03T00:00:00.000Z');
  });

  it('resumes: lines at or below the committed line are passed over unparsed; each step carries its own counts', async () => {
    const resumable = { fileKey: 'k', kind: 'reddit-submissions', fileName: 'RS_2023-01.ndjson', fileSize: 1 };
    const lines = ['garbage before the resume point', post('e1', 'wallstreetbets'), post('e2', 'AskReddit'), post('e3', 'wallstreetbets'), post('e4', 'wallstreetbets'), post('e5', 'AskReddit')];
    const { input, ctx, rejected, written, counters } = setup(lines);
    await importInput({ ...input, resumable, resumeAfter: 2 }, ctx);
    expect(rejected).toEqual([]);
    expect(counters).toMatchObject({ resumedPast: 2, linesRead: 4, matched: 2, skipped: 2 });
    expect(written.map((w) => [w.entries.map((e) => e.lineNumber), w.progress.lineNumber, w.progress.lines, w.progress.matched])).toEqual([
      [[4, 5], 5, 3, 2],
      // the trailing skipped line moves the position too: a progress-only step
      [[], 6, 1, 0],
    ]);
  });

  it('commits a resumable file\'s progress every commitEveryLines lines, matched or not', async () => {
    const resumable = { fileKey: 'k', kind: 'reddit-submissions', fileName: 'RS_2023-01.ndjson', fileSize: 1 };
    const { input, ctx, written } = setup([post('f1', 'AskReddit'), post('f2', 'AskReddit'), post('f3', 'AskReddit')], { commitEveryLines: 2 });
    await importInput({ ...input, resumable }, ctx);
    expect(written.map((w) => [w.entries.length, w.progress.lineNumber, w.progress.lines])).toEqual([
      [0, 2, 2],
      [0, 3, 1],
    ]);
  });

  it('rejects an item the normaliser refuses, with its reason as the detail', async () => {
    const { input, ctx, rejected } = setup([post('NOT-BASE36', 'wallstreetbets')]);
    await importInput(input, ctx);
    expect(rejected[0]).toMatchObject({ reason: 'invalid item', detail: expect.stringMatching(/^id /) });
  });
  it('parses the next batch while one is written, one write at a time, positions only moving forward', async () => {
    const lines = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'].map((id) => post(id, 'wallstreetbets'));
    const { input, ctx } = setup(lines);
    const events: string[] = [];
    let writing = 0;
    const releases: (() => void)[] = [];
    const writer: BatchWriter = {
      writeBatch: async (_kind, entries, progress) => {
        writing++;
        expect(writing).toBe(1);
        events.push(`write ${progress.lineNumber}`);
        // the first write waits until the importer has parsed past it
        if (progress.lineNumber === 2) await new Promise<void>((resolve) => releases.push(resolve));
        events.push(`done ${progress.lineNumber}`);
        writing--;
        return { inserted: entries.length, updated: 0, unchanged: 0, refused: [] };
      },
    };
    const normalizer = {
      normalizeLine: ((kind, payload, now) => {
        events.push(`parse ${String(payload['id'])}`);
        if (payload['id'] === 'g4') releases.shift()?.();
        return ctx.normalizer.normalizeLine(kind, payload, now);
      }) as typeof ctx.normalizer.normalizeLine,
    };
    await importInput(input, { ...ctx, writer, normalizer });
    // the batch of lines 3-4 was parsed while lines 1-2 were being written
    expect(events.indexOf('parse g4')).toBeLessThan(events.indexOf('done 2'));
    // one write at a time, in line order
    expect(events.filter((e) => !e.startsWith('parse'))).toEqual(['write 2', 'done 2', 'write 4', 'done 4', 'write 6', 'done 6']);
  });

  it('gives the write in flight turns of the event loop while it parses, so the database is answered before the next batch is ready', async () => {
    // a batch of 100; the input arrives without a turn of the event loop (as a stream with buffered chunks does)
    const lines = Array.from({ length: 300 }, (_, i) => post(`t${i.toString(36)}`, 'wallstreetbets'));
    const { input, ctx, counters } = setup(lines);
    const doneAt: number[] = [];
    const writer: BatchWriter = {
      writeBatch: async (_kind, entries) => {
        // three round trips to the server, each answered in a later turn of the event loop
        for (let trip = 0; trip < 3; trip++) await new Promise((resolve) => setImmediate(resolve));
        doneAt.push(counters.linesRead);
        return { inserted: entries.length, updated: 0, unchanged: 0, refused: [] };
      },
    };
    await importInput(input, { ...ctx, writer, batchSize: 100 });
    // without the turns, the write of lines 1-100 ended only when the next batch (line 200) waited for it
    expect(doneAt[0]).toBeGreaterThan(100);
    expect(doneAt[0]).toBeLessThanOrEqual(100 + 3 * PARSED_LINES_PER_TURN + 1);
  });

  it('hands the normaliser each line\'s text and bytes: a stored item keeps a copy of the bytes as rawJson', async () => {
    const line = post('r1', 'wallstreetbets', { nested: { note: 'kept as read é' } });
    const { input, ctx, written } = setup([line]);
    await importInput(input, ctx);
    const rawJson = written[0]?.entries[0]?.item.rawJson;
    expect(rawJson).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(rawJson as Uint8Array).toString('utf8')).toBe(line);
  });

  it('a failed write fails the import, after no further write starts', async () => {
    const lines = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((id) => post(id, 'wallstreetbets'));
    const { input, ctx } = setup(lines);
    const started: number[] = [];
    const writer: BatchWriter = {
      writeBatch: async (_kind, entries, progress) => {
        started.push(progress.lineNumber);
        if (progress.lineNumber === 2) throw new Error('database went away');
        return { inserted: entries.length, updated: 0, unchanged: 0, refused: [] };
      },
    };
    await expect(importInput(input, { ...ctx, writer })).rejects.toThrow('database went away');
    expect(started).toEqual([2]);
  });
  it('stops on the abort signal: the lines handled are written, then ImportInterruptedError says the committed line', async () => {
    const lines = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'].map((id) => post(id, 'wallstreetbets'));
    const controller = new AbortController();
    const { input, ctx, written } = setup(lines, { batchSize: 10 });
    const normalizer = {
      normalizeLine: ((kind, payload, now) => {
        if (payload['id'] === 'i3') controller.abort('SIGINT');
        return ctx.normalizer.normalizeLine(kind, payload, now);
      }) as typeof ctx.normalizer.normalizeLine,
    };
    const resumable = { fileKey: 'k', kind: 'reddit-submissions', fileName: 'RS_2023-01.ndjson', fileSize: 1 };
    const stopped = importInput({ ...input, resumable }, { ...ctx, normalizer, signal: controller.signal });
    await expect(stopped).rejects.toThrow(ImportInterruptedError);
    await expect(stopped).rejects.toMatchObject({ committedLine: 3, signal: 'SIGINT' });
    expect(written.map((w) => [w.entries.map((e) => e.lineNumber), w.progress.lineNumber])).toEqual([[[1, 2, 3], 3]]);
  });

  it('asks whether the source ended cleanly before it handles a last line without a newline', async () => {
    const cut = ['j1', 'j2'].map((id) => post(id, 'wallstreetbets')).concat(['{"id":"j3","subreddit":"wallstreetbets","ti']);
    // a decoder that died: the cut line is neither rejected nor committed, the lines before are
    const failed = setup(cut, { batchSize: 10 });
    const resumable = { fileKey: 'k', kind: 'reddit-submissions', fileName: 'RS_2023-01.ndjson', fileSize: 1 };
    const decoderDied = async () => {
      throw new Error('zstd could not decode it');
    };
    await expect(importInput({ ...failed.input, resumable, ended: decoderDied }, failed.ctx)).rejects.toThrow('zstd could not decode it');
    expect(failed.rejected).toEqual([]);
    expect(failed.written.map((w) => w.progress.lineNumber)).toEqual([2]);
    // a source that ended cleanly: the cut line is a real truncated line
    const clean = setup(cut, { batchSize: 10 });
    await importInput({ ...clean.input, ended: async () => undefined }, clean.ctx);
    expect(clean.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[3, 'truncated last line']]);
  });
});

describe('bytesToHold', () => {
  const lineOf = async (bytes: Buffer): Promise<Line> => {
    const chunks = (async function* () {
      yield bytes;
    })();
    for await (const lines of splitLineBatches(chunks)) return lines[0] as Line;
    throw new Error('no line');
  };

  it("is a copy of the line's bytes, not a view of the stream's chunk", async () => {
    const chunk = Buffer.from('{"id":"a","t":"é🙂"}\n');
    const line = await lineOf(chunk);
    const held = bytesToHold(line);
    chunk.fill(0x20);
    expect(held?.toString('utf8')).toBe('{"id":"a","t":"é🙂"}');
  });

  it('is none for a line whose bytes are not valid UTF-8: PostgreSQL would refuse them, and its text is held instead', async () => {
    const invalid = Buffer.concat([Buffer.from('{"id":"a","t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    expect(bytesToHold(await lineOf(invalid))).toBeUndefined();
  });
});
