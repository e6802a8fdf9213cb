import { names } from '@nx/devkit';

/** Every name a scraper of one source is known by, derived once; the templates and edits read them. */
export interface ScraperNames {
  /** `hn`: the `source` label of metrics, checkpoints and rejected items */
  readonly source: string;
  /** `hn-scraper`: the Nx project, the compose service and the log's `app` */
  readonly app: string;
  /** `apps/hn-scraper` */
  readonly appRoot: string;
  /** `Hn`, `hn`, `HN`: for types, values and constants */
  readonly className: string;
  readonly propertyName: string;
  readonly constantName: string;
  /** `HN_`: the prefix of the scraper's own variables */
  readonly envPrefix: string;
  /** `scope:hn` */
  readonly scopeTag: string;
  /** `hnScraper`: the ScraperDefinition main.ts runs */
  readonly definition: string;
  /** `hn_items`, `hn_item_keys`: the hypertable and its id registry */
  readonly table: string;
  readonly keysTable: string;
  /** `HnItem` (libs/models), `HN_ITEMS` (the defineItemTable declaration in libs/db) */
  readonly itemType: string;
  readonly declaration: string;
  /** `HnItemEntity`, `HnItemKeyEntity` */
  readonly entity: string;
  readonly keyEntity: string;
}

/** Lowercase letters and digits, starting with a letter: valid in a tag, a file name, a SQL identifier and a variable name. */
export const SOURCE_PATTERN = /^[a-z][a-z0-9]*$/;

/** Keeps the longest derived identifier (`<source>_items_created_at_idx`) within PostgreSQL's 63 bytes, with room to spare. */
export const MAX_SOURCE_LENGTH = 30;

/** The names of a scraper of `source` (already validated against {@link SOURCE_PATTERN}). */
export function scraperNames(source: string): ScraperNames {
  const { className, propertyName, constantName } = names(source);
  return {
    source,
    app: `${source}-scraper`,
    appRoot: `apps/${source}-scraper`,
    className,
    propertyName,
    constantName,
    envPrefix: `${constantName}_`,
    scopeTag: `scope:${source}`,
    definition: `${propertyName}Scraper`,
    table: `${source}_items`,
    keysTable: `${source}_item_keys`,
    itemType: `${className}Item`,
    declaration: `${constantName}_ITEMS`,
    entity: `${className}ItemEntity`,
    keyEntity: `${className}ItemKeyEntity`,
  };
}
