/** Test doubles of the Reddit access layer: a scripted fetch (the virtual clock is the kit's). */
export { AUTH_URL, FakeFetch, json, listingBody, rateLimitHeaders, type SeenRequest, type Step } from './fake-fetch';
