import { runScraperMain } from '@sentiment-ingest/scraper-kit';
import { redditScraper } from './reddit-scraper';

runScraperMain(redditScraper);
