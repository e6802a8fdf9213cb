/** Test doubles of the Reddit access layer: a virtual clock and a scripted fetch. */
export { FakeClock, type FakeClockOptions, type SleepRecord } from './fake-clock';
export { AUTH_URL, FakeFetch, json, listingBody, rateLimitHeaders, type SeenRequest, type Step } from './fake-fetch';
