/** The workspace's local Nx plugin: `nx g @sentiment-ingest/workspace-plugin:scraper <source>`. */
export { scraperGenerator, applyScraperGenerator, type ScraperPlan } from './generators/scraper/generator';
export type { ScraperGeneratorSchema } from './generators/scraper/schema';
