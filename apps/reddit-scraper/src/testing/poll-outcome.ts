import type { PollOutcome } from '../polling/stream-poller';

/** A complete poll of `stream` that found nothing to say, with `fields` changed (the service tests' fixture). */
export function pollOutcome(stream: string, fields: Partial<Omit<PollOutcome, 'stream'>> = {}): PollOutcome {
  return {
    stream,
    pages: 1,
    fetched: 0,
    rejected: 0,
    inserted: 0,
    updated: 0,
    gap: null,
    interrupted: false,
    position: { newestCreatedUtc: null, newestId: null },
    ...fields,
  };
}
