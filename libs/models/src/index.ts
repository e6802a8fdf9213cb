export type { Submission, EngagementObservation, RemovalCategory } from './lib/submission';
export type { ScrapeCheckpoint, ScrapeGap } from './lib/scrape-state';
export { stripNul, stripNulDeep } from './lib/text';
export { normalizeT3, isDeletedOnReddit, type NormalizeResult, type NormalizeOptions } from './lib/reddit/normalize-t3';
