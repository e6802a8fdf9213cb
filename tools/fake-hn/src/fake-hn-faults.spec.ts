import { request } from 'node:http';
import { FakeHackerNews } from './fake-hn';
import { apiGet, ManualClock, send, startHarness, type Harness } from './testing/http-harness';

/** Reads a response over a raw connection: the status and whatever body bytes arrive before it ends or breaks. */
function rawGet(url: string): Promise<{ status: number; declaredLength: number; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      const finish = (complete: boolean) => () =>
        resolve({ status: response.statusCode ?? 0, declaredLength: Number(response.headers['content-length']), body: Buffer.concat(chunks).toString('utf8'), complete });
      response.once('end', finish(true));
      response.once('error', finish(false));
      response.once('aborted', finish(false));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('FakeHackerNews faults', () => {
  let harness: Harness;
  let id: number;

  beforeEach(async () => {
    harness = await startHarness({ seed: 51, holeRate: 0 });
    harness.clock.advance(30 * 60_000);
    id = harness.fake.firstId;
  });
  afterEach(() => harness.fake.stop());

  it.each([500, 502, 503, 504] as const)('answers %i with an HTML page for count requests, then recovers', async (status) => {
    harness.fake.injectFaults({ status, count: 2 });
    const first = await apiGet(harness, `/item/${id}.json`);
    expect(first.status).toBe(status);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await apiGet(harness, '/maxitem.json')).status).toBe(status);
    expect((await apiGet(harness, `/item/${id}.json`)).json).toMatchObject({ id });
    expect(harness.fake.pendingFaults()).toBe(0);
  });

  it('answers 429 with Retry-After when given, and without it otherwise', async () => {
    harness.fake.injectFaults([{ status: 429, retryAfterSeconds: 7 }, { status: 429 }]);
    const limited = await apiGet(harness, '/maxitem.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await apiGet(harness, '/maxitem.json')).headers.get('retry-after')).toBeNull();
    expect((await apiGet(harness, '/maxitem.json')).status).toBe(200);
  });

  it('answers 200 with an HTML body for htmlBody', async () => {
    harness.fake.injectFaults({ htmlBody: true });
    const response = await apiGet(harness, `/item/${id}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toMatch(/^<!DOCTYPE html>/);
    expect(response.json).toBeUndefined();
  });

  it('cuts the JSON body in half for truncatedJson: a fetch fails reading it, a raw reader gets half', async () => {
    harness.fake.injectFaults({ truncatedJson: true, count: 2 });
    const response = await fetch(`${harness.baseUrl}/item/${id}.json`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const raw = await rawGet(`${harness.baseUrl}/item/${id}.json`);
    const whole = JSON.stringify(harness.fake.item(id)!.json);
    expect(raw).toMatchObject({ status: 200, declaredLength: Buffer.byteLength(whole), complete: false });
    expect(whole.startsWith(raw.body)).toBe(true);
    expect(raw.body.length).toBeLessThan(whole.length);
    expect(() => JSON.parse(raw.body)).toThrow();
  });

  it('never answers a hang: the client times out, and stop() closes the connection', async () => {
    harness.fake.injectFaults({ hang: true });
    await expect(fetch(`${harness.baseUrl}/maxitem.json`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    harness.fake.injectFaults({ hang: true });
    const pending = fetch(`${harness.baseUrl}/maxitem.json`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await harness.fake.stop();
    await expect(pending).rejects.toThrow(/fetch failed/);
    expect(harness.fake.stats().requests['maxitem']).toEqual({ hung: 2 });
  });

  it('answers late by delayMs of real time', async () => {
    harness.fake.injectFaults({ delayMs: 300 });
    const started = Date.now();
    expect((await apiGet(harness, '/maxitem.json')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('destroys the socket for dropConnection, then serves the next request', async () => {
    harness.fake.injectFaults({ dropConnection: true });
    await expect(apiGet(harness, '/updates.json')).rejects.toThrow(/fetch failed/);
    expect((await apiGet(harness, '/updates.json')).status).toBe(200);
    expect(harness.fake.stats().requests['updates']).toEqual({ dropped: 1, '200': 1 });
  });

  it('aims a fault at one item id, or at one endpoint, leaving other requests alone', async () => {
    harness.fake.injectFaults([{ status: 503, itemId: id + 1, count: 2 }, { htmlBody: true, endpoint: 'updates' }]);
    expect((await apiGet(harness, `/item/${id}.json`)).status).toBe(200);
    expect((await apiGet(harness, '/maxitem.json')).status).toBe(200);
    expect((await apiGet(harness, `/item/${id + 1}.json`)).status).toBe(503);
    expect((await apiGet(harness, `/item/${id + 1}.json`)).status).toBe(503);
    expect((await apiGet(harness, `/item/${id + 1}.json`)).status).toBe(200);
    expect((await apiGet(harness, '/updates.json')).text).toMatch(/^<!DOCTYPE html>/);
    expect(harness.fake.itemRequests(id + 1)).toBe(3);
    expect(harness.fake.stats().faults).toMatchObject({ serverError: 2, htmlBody: 1 });
  });

  it('clears queued faults', async () => {
    harness.fake.injectFaults({ status: 500, count: 5 });
    harness.fake.clearFaults();
    expect((await apiGet(harness, '/maxitem.json')).status).toBe(200);
  });

  it('draws faults at the configured rates, the same ones for the same seed and request order', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const fake = new FakeHackerNews({ clock: new ManualClock(), seed, faultRates: { serverError: 0.1, tooManyRequests: 0.05, htmlBody: 0.05 }, retryAfterSeconds: 2 });
      const { baseUrl } = await fake.start();
      try {
        const seen: number[] = [];
        for (let i = 0; i < 400; i++) {
          const response = await send(`${baseUrl}/maxitem.json`);
          seen.push(response.status === 200 && response.json === undefined ? 299 : response.status);
          if (response.status === 429) expect(response.headers.get('retry-after')).toBe('2');
        }
        expect(fake.stats().faults.serverError + fake.stats().faults.tooManyRequests + fake.stats().faults.htmlBody).toBe(seen.filter((s) => s !== 200).length);
        return seen;
      } finally {
        await fake.stop();
      }
    };
    const first = await statuses(3);
    expect(await statuses(3)).toEqual(first);
    expect(await statuses(4)).not.toEqual(first);
    const share = (test: (status: number) => boolean) => first.filter(test).length / first.length;
    expect(share((s) => s >= 500)).toBeGreaterThan(0.05);
    expect(share((s) => s >= 500)).toBeLessThan(0.16);
    expect(share((s) => s === 429)).toBeGreaterThan(0.01);
    expect(share((s) => s === 299)).toBeGreaterThan(0.01);
    expect(share((s) => s === 200)).toBeGreaterThan(0.7);
    // 1,200 loopback requests: about a second alone, much longer on a loaded CI machine
  }, 60_000);
});
