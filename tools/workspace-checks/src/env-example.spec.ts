import { readWorkspaceFile } from './deploy-files';
import { findVariableRefs, parseEnvFile } from './variables';

const SEED_VARIABLES = [
  'PG_HOST',
  'PG_HOST_LOCAL',
  'PG_PORT_HOST',
  'PG_PORT_CONTAINER',
  'PG_USER',
  'PG_PASSWORD',
  'PG_DB',
  'DATABASE_URL',
  'DATABASE_URL_LOCAL',
];

const { entries, invalid } = parseEnvFile(readWorkspaceFile('.env.example'));

describe('.env.example', () => {
  it('holds only comments, blank lines and KEY=VALUE lines', () => {
    expect(invalid).toEqual([]);
  });

  it('defines all nine seed variables', () => {
    const keys = entries.map((e) => e.key);
    expect(SEED_VARIABLES.filter((name) => !keys.includes(name))).toEqual([]);
  });

  it('defines each variable once', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('refers only to variables defined on an earlier line', () => {
    const definedAt = new Map(entries.map((e) => [e.key, e.line]));
    const problems = entries.flatMap((entry) =>
      findVariableRefs(entry.value)
        .filter((ref) => (definedAt.get(ref.name) ?? Infinity) >= entry.line)
        .map((ref) => `line ${entry.line}: ${entry.key} uses \${${ref.name}} before it is defined`),
    );
    expect(problems).toEqual([]);
  });
});
