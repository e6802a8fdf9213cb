/** Options of the scraper generator, as schema.json describes them. */
export interface ScraperGeneratorSchema {
  /** the source's short name, e.g. `hn` */
  readonly source: string;
  /** default HTTP_PORT of the health server; derived from the existing scrapers when absent */
  readonly httpPort?: number;
  readonly skipFormat?: boolean;
}
