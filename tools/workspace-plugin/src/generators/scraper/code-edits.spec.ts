import { scraperNames } from './names';
import { addEntities, addScopeConstraint, newMigrationName } from './code-edits';
import { UnexpectedFileError } from './text-edit';

describe('newMigrationName', () => {
  const existing = ['Migration20261129000100_timescaledb_extension', 'Migration20261130045152_scrape_gap_resolution'];

  it('stamps the migration with the current UTC time', () => {
    expect(newMigrationName(existing, new Date('2026-12-01T09:08:07.654Z'), 'hn_items')).toBe('Migration20261201090807_hn_items');
  });

  it('runs after the newest migration even when the clock is behind it', () => {
    expect(newMigrationName(existing, new Date('2020-01-01T00:00:00Z'), 'hn_items')).toBe('Migration20261130045153_hn_items');
    expect(newMigrationName(['Migration20261231235959_x'], new Date('2020-01-01T00:00:00Z'), 'hn_items')).toBe('Migration20270101000000_hn_items');
  });
});

describe('addScopeConstraint', () => {
  const config = [
    'export const DEP_CONSTRAINTS = [',
    "  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kit'] },",
    "  { sourceTag: 'scope:reddit', onlyDependOnLibsWithTags: ['scope:reddit', 'scope:shared'] },",
    '];',
    '',
  ].join('\n');

  it('adds the constraint after the last scope constraint, once', () => {
    const once = addScopeConstraint(config, scraperNames('hn'));
    expect(once.split('\n')[3]).toBe("  { sourceTag: 'scope:hn', onlyDependOnLibsWithTags: ['scope:hn', 'scope:shared'] },");
    expect(addScopeConstraint(once, scraperNames('hn'))).toBe(once);
  });

  it('refuses a config without scope constraints, naming the file and what it looked for', () => {
    expect(() => addScopeConstraint('export default [];\n', scraperNames('hn'))).toThrow(UnexpectedFileError);
    expect(() => addScopeConstraint('export default [];\n', scraperNames('hn'))).toThrow(/^eslint\.config\.mjs does not have the shape the scraper generator expects \(a DEP_CONSTRAINTS line/);
  });
});

describe('addEntities', () => {
  const imports = "import { AEntity } from './a.entity';\nimport { BEntity } from './b.entity';\n\n";
  const all = '\nexport const ALL_ENTITIES = [\n  AEntity,\n  BEntity,\n];\n';

  it('extends a one-line export list', () => {
    const out = addEntities(`${imports}export { AEntity, BEntity };\n${all}`, scraperNames('sample'));
    expect(out).toContain('export { AEntity, BEntity, SampleItemEntity, SampleItemKeyEntity };');
    expect(out).toContain("import { SampleItemKeyEntity } from './sample-item-key.entity';");
    expect(out).toContain('  BEntity,\n  SampleItemEntity,\n  SampleItemKeyEntity,\n];');
  });

  it('extends an export list wrapped one name per line, keeping its shape', () => {
    const out = addEntities(`${imports}export {\n  AEntity,\n  BEntity,\n};\n${all}`, scraperNames('sample'));
    expect(out).toContain('export {\n  AEntity,\n  BEntity,\n  SampleItemEntity,\n  SampleItemKeyEntity,\n};');
  });

  it('refuses a file without an export list, naming what it expects', () => {
    expect(() => addEntities(`${imports}${all}`, scraperNames('sample'))).toThrow(UnexpectedFileError);
  });
});
