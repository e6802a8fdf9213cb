/** Test support (not bundled): a hand-moved clock and a tiny HTTP client that talks to the fake like a scraper. */
import { ManualClock as SharedManualClock, readWhole, type TestResponse } from '@sentiment-ingest/fake-http';
import { FakeHackerNews } from '../fake-hn';
import type { FakeClockLike, FakeHackerNewsOptions } from '../fake-hn.types';

/** 2024-05-01T12:00:00Z. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

/** A clock that only moves when told to (at T0 unless told otherwise). */
export class ManualClock extends SharedManualClock implements FakeClockLike {
  constructor(ms: number = T0) {
    super(ms);
  }
}

export type { TestResponse };

/** A started fake with its clock and base URL. */
export interface Harness {
  readonly fake: FakeHackerNews;
  readonly clock: ManualClock;
  /** `http://127.0.0.1:PORT/v0` */
  readonly baseUrl: string;
}

/** Starts a fake on a free port with a manual clock at T0 (defaults otherwise). */
export async function startHarness(options: Partial<FakeHackerNewsOptions> = {}): Promise<Harness> {
  const clock = new ManualClock();
  const fake = new FakeHackerNews({ clock, ...options });
  const { baseUrl } = await fake.start();
  return { fake, clock, baseUrl };
}

/** Sends a request and reads the whole answer. */
export async function send(url: string, init: RequestInit = {}): Promise<TestResponse> {
  const response = await fetch(url, init);
  return readWhole(response);
}

/** `GET` an API path under the base URL, like `/item/1.json`. */
export function apiGet(harness: Harness, path: string, init: RequestInit = {}): Promise<TestResponse> {
  return send(`${harness.baseUrl}${path}`, init);
}

/** The JSON of an item as the API serves it now. */
export async function getItem(harness: Harness, id: number): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- API JSON
  const response = await apiGet(harness, `/item/${id}.json`);
  if (response.status !== 200) throw new Error(`item ${id} got ${response.status}: ${response.text}`);
  return response.json;
}

/** Fetches every id in [from, to] with `concurrency` requests in flight; the answers by id. */
export async function walk(harness: Harness, from: number, to: number, concurrency = 8): Promise<Map<number, unknown>> {
  const answers = new Map<number, unknown>();
  let next = from;
  const worker = async () => {
    while (next <= to) {
      const id = next++;
      answers.set(id, await getItem(harness, id));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}
