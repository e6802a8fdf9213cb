/** Test support shared by the fakes' harnesses: a hand-moved clock and whole responses. */

/** A clock that only moves when told to. */
export class ManualClock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** A response, read whole. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** parsed body (`undefined` when it is not JSON) */
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary API JSON
}

/** Reads the whole answer, and parses it when it is JSON. */
export async function readWhole(response: Response): Promise<TestResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
