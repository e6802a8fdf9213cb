import { migratorEnvShape } from '../config';
import { helpText, parseArgs } from './args';

describe('parseArgs', () => {
  it('runs up when no command is given', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', command: 'up' });
  });

  it('treats serve as up', () => {
    expect(parseArgs(['serve'])).toEqual({ kind: 'run', command: 'up' });
  });

  it('reads create with its name in both spellings', () => {
    expect(parseArgs(['create', '--name', 'add_comments'])).toEqual({ kind: 'run', command: 'create', name: 'add_comments' });
    expect(parseArgs(['create', '--name=add_comments'])).toEqual({ kind: 'run', command: 'create', name: 'add_comments' });
  });

  it('asks for a name when create has none', () => {
    expect(parseArgs(['create'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/create needs --name/) });
  });

  it('rejects a name that would make a bad file or class name', () => {
    expect(parseArgs(['create', '--name', 'Add Comments'])).toMatchObject({ kind: 'error' });
  });

  it('rejects unknown commands and options with the offending word', () => {
    expect(parseArgs(['migrate'])).toEqual({ kind: 'error', message: 'unknown command "migrate"' });
    expect(parseArgs(['up', '--force'])).toEqual({ kind: 'error', message: 'unknown option --force' });
  });

  it('shows help for the whole CLI or one command', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['verify', '-h'])).toEqual({ kind: 'help', command: 'verify' });
  });
});

describe('helpText', () => {
  it('lists every command and the exit codes', () => {
    const text = helpText();
    for (const command of ['up', 'status', 'plan', 'verify', 'check', 'stats', 'maintain', 'down', 'create']) expect(text).toContain(`  ${command} `);
    expect(text).toMatch(/exit codes: 0 ok/);
  });

  it('lists every setting the migrator reads, each with its default and what it does', () => {
    const text = helpText();
    for (const name of Object.keys(migratorEnvShape)) expect(text).toMatch(new RegExp(`^  ${name} .*\\S`, 'm'));
    expect(text).toMatch(/^ {2}RETENTION_RAW_SUBMISSIONS_DAYS +default 0 +maintain: drop raw_submissions chunks/m);
    expect(Object.entries(migratorEnvShape).filter(([, schema]) => !schema.description).map(([name]) => name)).toEqual([]);
  });
});
