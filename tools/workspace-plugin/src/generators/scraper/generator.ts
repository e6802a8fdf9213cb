import { join } from 'node:path';
import { formatFiles, generateFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import {
  addDeclarationExport,
  addEntities,
  addExpectedHypertable,
  addItemTypeExport,
  addScopeConstraint,
  EDITED_FILES,
  newMigrationName,
} from './code-edits';
import { renderMigrationIndex } from '@sentiment-ingest/db/migration-files';
import { addComposeService } from './compose-edit';
import { addEnvExampleSection, addReadmeSection, envExampleSection, readmeSection } from './docs-edits';
import { scraperNames, type ScraperNames } from './names';
import type { ScraperGeneratorSchema } from './schema';
import { UnexpectedFileError } from './text-edit';
import { assertNewSource, assertSourceName, chooseHttpPort } from './validate';

/** What the generator decided, for its summary and its tests. */
export interface ScraperPlan {
  readonly names: ScraperNames;
  readonly httpPort: number;
  /** the migration generated, or null when the source's tables were written first (libs/db kept) */
  readonly migrationName: string | null;
}

const MIGRATION_FILE = /^(Migration\d{14}_[a-z0-9_]+)\.ts$/;

/**
 * `nx g @sentiment-ingest/workspace-plugin:scraper <source>`: apps/<source>-scraper and everything it
 * needs to run in this workspace (runbook, "Add a scraper"). Validates first and edits in memory,
 * so a refused source or an unexpected file writes nothing. nx.json is never touched.
 */
export async function scraperGenerator(tree: Tree, options: ScraperGeneratorSchema): Promise<GeneratorCallback> {
  const plan = applyScraperGenerator(tree, options, new Date());
  if (!options.skipFormat) await formatFiles(tree);
  return () => {
    const { app, source } = plan.names;
    console.log(
      [
        `${app}: generated. Next:`,
        `  npx nx run-many -t lint typecheck test -p ${app}`,
        ...(plan.migrationName === null
          ? []
          : [`  review libs/db/src/lib/migrations/${plan.migrationName}.ts, then npx nx run migrator:serve and npx nx run migrator:check`]),
        `  write the fetching in apps/${app}/src/${source}-feed.ts (runbook, "Add a scraper")`,
      ].join('\n'),
    );
  };
}

/** The generator's work on `tree`, at time `now` (the migration's timestamp); returns what it decided. */
export function applyScraperGenerator(tree: Tree, options: ScraperGeneratorSchema, now: Date): ScraperPlan {
  assertSourceName(options.source);
  const names = scraperNames(options.source);
  assertNewSource(tree, names);
  const httpPort = chooseHttpPort(tree, options.httpPort);
  const migrations = tree.children(EDITED_FILES.migrationsDir).flatMap((file) => MIGRATION_FILE.exec(file)?.[1] ?? []);
  const migrationName = newMigrationName(migrations, now, `${names.source}_items`);
  const substitutions = { ...names, httpPort, migrationName, tmpl: '' };

  generateFiles(tree, join(__dirname, 'files', 'app'), names.appRoot, substitutions);
  // The source's tables may be written first (declaration, migration, entities, hypertables, by
  // hand, as Hacker News's were): then libs/db is kept as it is.
  const dbWritten = tree.exists(declarationPath(names));
  if (!dbWritten) generateFiles(tree, join(__dirname, 'files', 'db'), 'libs/db/src/lib', substitutions);
  // The source's model may be written first (its normalisation, by hand): then it is kept as it is.
  const modelWritten = tree.exists(`libs/models/src/lib/${names.source}/${names.source}-item.ts`);
  if (!modelWritten) generateFiles(tree, join(__dirname, 'files', 'models'), 'libs/models/src/lib', substitutions);

  if (!dbWritten) {
    tree.write(EDITED_FILES.migrationsIndex, renderMigrationIndex([...migrations, migrationName]));
    edit(tree, EDITED_FILES.entitiesIndex, (text) => addEntities(text, names));
    edit(tree, EDITED_FILES.dbIndex, (text) => addDeclarationExport(text, names));
  }
  if (!modelWritten) edit(tree, EDITED_FILES.modelsIndex, (text) => addItemTypeExport(text, names));
  if (!dbWritten) edit(tree, EDITED_FILES.hypertables, (text) => addExpectedHypertable(text, names));
  edit(tree, EDITED_FILES.eslint, (text) => addScopeConstraint(text, names));
  edit(tree, EDITED_FILES.compose, (text) => addComposeService(text, names, httpPort));
  edit(tree, EDITED_FILES.envExample, (text) => addEnvExampleSection(text, envExampleSection(names, httpPort)));
  edit(tree, EDITED_FILES.readme, (text) => addReadmeSection(text, readmeSection(names, httpPort)));
  return { names, httpPort, migrationName: dbWritten ? null : migrationName };
}

/** The source's defineItemTable declaration: its presence means libs/db was written first. */
export function declarationPath(names: ScraperNames): string {
  return `libs/db/src/lib/sources/${names.source}-items.ts`;
}

function edit(tree: Tree, file: string, change: (text: string) => string): void {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new UnexpectedFileError(file, 'the file to exist');
  tree.write(file, change(text));
}

export default scraperGenerator;
