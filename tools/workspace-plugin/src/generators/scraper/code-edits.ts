import { migrationName, migrationTimestamp } from '@sentiment-ingest/db/migration-files';
import type { ScraperNames } from './names';
import { insertAfterLast, insertBefore, UnexpectedFileError } from './text-edit';

/** The files of the workspace the generator edits (beside the ones it creates). */
export const EDITED_FILES = Object.freeze({
  eslint: 'eslint.config.mjs',
  dbIndex: 'libs/db/src/index.ts',
  entitiesIndex: 'libs/db/src/lib/entities/index.ts',
  migrationsDir: 'libs/db/src/lib/migrations',
  migrationsIndex: 'libs/db/src/lib/migrations/index.ts',
  hypertables: 'libs/db/src/lib/timescale/timescale-info.ts',
  modelsIndex: 'libs/models/src/index.ts',
  compose: 'docker-compose.yml',
  envExample: '.env.example',
  readme: 'README.md',
});

/**
 * Adds `{ sourceTag: 'scope:<source>', onlyDependOnLibsWithTags: ['scope:<source>', 'scope:shared'] }`
 * after the last scope constraint of DEP_CONSTRAINTS: a scraper depends on shared libraries only,
 * never on another source's code (the README's "Workspace rules").
 */
export function addScopeConstraint(eslintConfig: string, n: ScraperNames): string {
  if (eslintConfig.includes(`sourceTag: '${n.scopeTag}'`)) return eslintConfig;
  const line = `  { sourceTag: '${n.scopeTag}', onlyDependOnLibsWithTags: ['${n.scopeTag}', 'scope:shared'] },`;
  return insertAfterLast(eslintConfig, /^\s*\{ sourceTag: 'scope:[^']+', onlyDependOnLibsWithTags: \[.*\] \},\s*$/, [line], EDITED_FILES.eslint, "a DEP_CONSTRAINTS line `{ sourceTag: 'scope:…', onlyDependOnLibsWithTags: […] },`");
}


/** The new migration's name: stamped `now`, or one second after the newest existing one (so it runs last). */
export function newMigrationName(existing: readonly string[], now: Date, suffix: string): string {
  const newest = [...existing].sort().at(-1)?.match(/^Migration(\d{14})_/)?.[1];
  let at = now;
  if (newest && migrationTimestamp(now) <= newest) {
    const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(newest) ?? [];
    at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s) + 1));
  }
  return migrationName(at, suffix);
}


/** Registers the item and key entities: imported, exported, and in ALL_ENTITIES (the ORM's list, which the drift check reads). */
export function addEntities(entitiesIndex: string, n: ScraperNames): string {
  const file = EDITED_FILES.entitiesIndex;
  let text = insertAfterLast(
    entitiesIndex,
    /^import \{ \w+ \} from '\.\/[a-z0-9-]+\.entity';$/,
    [`import { ${n.entity} } from './${n.source}-item.entity';`, `import { ${n.keyEntity} } from './${n.source}-item-key.entity';`],
    file,
    "imports of the form `import { XEntity } from './x.entity';`",
  );
  // `export { A, B };` on one line, or one name per line as a formatter wraps a long list
  const exported = /^export \{([\w,\s]+)\};$/m;
  if (!exported.test(text)) throw new UnexpectedFileError(file, 'an `export { AEntity, BEntity };` list');
  text = text.replace(exported, (whole: string, list: string) => {
    const names = [...list.split(',').map((name) => name.trim()).filter((name) => name !== ''), n.entity, n.keyEntity];
    return whole.includes('\n') ? `export {\n${names.map((name) => `  ${name},`).join('\n')}\n};` : `export { ${names.join(', ')} };`;
  });
  return insertBefore(text, /^export const ALL_ENTITIES = \[$/, /^\];$/, [`  ${n.entity},`, `  ${n.keyEntity},`], file, 'an `export const ALL_ENTITIES = [` list closed by `];`');
}

/** Exports the item table declaration from libs/db, beside the other sources'. */
export function addDeclarationExport(dbIndex: string, n: ScraperNames): string {
  const line = `export { ${n.declaration} } from './lib/sources/${n.source}-items';`;
  return insertAfterLast(dbIndex, /from '\.\/lib\/sources\/[a-z0-9-]+';$/, [line], EDITED_FILES.dbIndex, "an export `from './lib/sources/…'`");
}

/** Exports the item type from libs/models. */
export function addItemTypeExport(modelsIndex: string, n: ScraperNames): string {
  const line = `export type { ${n.itemType} } from './lib/${n.source}/${n.source}-item';`;
  return insertAfterLast(modelsIndex, /^export type \{ .* \} from '\.\/lib\/[^']+';$/, [line], EDITED_FILES.modelsIndex, "a line `export type { … } from './lib/…';`");
}

/** Lists the new hypertable in EXPECTED_HYPERTABLES, which `migrator verify` checks (time column and 1-day chunks). */
export function addExpectedHypertable(timescaleInfo: string, n: ScraperNames): string {
  const line = `  { table: '${n.table}', timeColumn: 'created_at', chunkInterval: '1 day' },`;
  return insertBefore(
    timescaleInfo,
    /^export const EXPECTED_HYPERTABLES\b.*\[$/,
    /^\]\);$/,
    [line],
    EDITED_FILES.hypertables,
    'an `export const EXPECTED_HYPERTABLES … = Object.freeze([` list closed by `]);`',
  );
}
