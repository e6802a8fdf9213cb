import { InvalidJsonError, type JsonClient, type RateCap } from '@sentiment-ingest/scraper-kit';

/** What the API said of `/v0/updates.json`: ids of recently changed items (profiles are not needed). */
export interface HnUpdates {
  readonly items: readonly number[];
}

/** The three endpoints the scraper reads. Every request waits for the rate cap first. */
export interface HnApi {
  /** `/v0/maxitem.json`: the newest id */
  maxItem(signal: AbortSignal): Promise<number>;
  /** `/v0/item/<id>.json`: the payload, or `null` for an id with no (visible) item */
  item(id: number, signal: AbortSignal): Promise<unknown>;
  /** `/v0/updates.json` */
  updates(signal: AbortSignal): Promise<HnUpdates>;
}

/**
 * The Hacker News API over the kit's JsonClient (retries with backoff and Retry-After) and RateCap
 * (requests per second, all callers together).
 */
export class HttpHnApi implements HnApi {
  constructor(private readonly o: { readonly baseUrl: string; readonly client: JsonClient; readonly cap: RateCap }) {}

  async maxItem(signal: AbortSignal): Promise<number> {
    const url = `${this.o.baseUrl}/maxitem.json`;
    const value = await this.get(url, signal);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new InvalidJsonError(url, JSON.stringify(value).slice(0, 40));
    return value;
  }

  item(id: number, signal: AbortSignal): Promise<unknown> {
    return this.get(`${this.o.baseUrl}/item/${id}.json`, signal);
  }

  async updates(signal: AbortSignal): Promise<HnUpdates> {
    const url = `${this.o.baseUrl}/updates.json`;
    const value = await this.get(url, signal);
    const items = (value as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) throw new InvalidJsonError(url, JSON.stringify(value).slice(0, 40));
    return { items: items.filter((id): id is number => Number.isSafeInteger(id) && (id as number) > 0) };
  }

  private async get(url: string, signal: AbortSignal): Promise<unknown> {
    await this.o.cap.take(signal);
    return this.o.client.getJson(url, signal);
  }
}
