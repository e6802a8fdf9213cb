export type { Submission, EngagementObservation, RemovalCategory } from './lib/submission';
export type { ScrapeCheckpoint, ScrapeGap } from './lib/scrape-state';
export { stripNul, stripNulDeep } from './lib/text';
