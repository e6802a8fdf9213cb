import { runScraperMain } from '@sentiment-ingest/scraper-kit';
import { hnScraper } from './hn-scraper';

runScraperMain(hnScraper);
