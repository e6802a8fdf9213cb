import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { WORKSPACE_ROOT } from './deploy-files';
import {
  anchors,
  DESIGN_NOTES,
  designNoteCitations,
  findForbiddenReferences,
  FORBIDDEN_REFERENCES,
  githubSlug,
  markdownLinks,
  splitTarget,
} from './doc-references';

/**
 * The repository explains itself: no file points at the team's private notes outside it, every
 * relative link of its markdown leads somewhere, and every heading of docs/design-notes.md that a
 * comment cites exists.
 */

/** Tracked files, plus new ones git does not ignore, that still exist (paths relative to the root). */
function workspaceFiles(): string[] {
  const run = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`git ls-files failed (${run.status}): ${run.stderr}`);
  const files = [...new Set(run.stdout.split('\0').filter((f) => f !== ''))];
  return files.filter((f) => existsSync(join(WORKSPACE_ROOT, f)) && statSync(join(WORKSPACE_ROOT, f)).isFile()).sort();
}

/** The file's text, or null for a binary file (one holding a NUL byte). */
function readText(file: string): string | null {
  const bytes = readFileSync(join(WORKSPACE_ROOT, file));
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

const files = workspaceFiles();
const texts = new Map(files.flatMap((f) => {
  const text = readText(f);
  return text === null ? [] : [[f, text] as const];
}));
const markdownFiles = [...texts.keys()].filter((f) => f.endsWith('.md'));

/** Broken links of one markdown file, as `file:line target (why)`. */
function brokenLinks(file: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const { line, value } of markdownLinks(markdown)) {
    const target = splitTarget(value);
    if (target === null) continue;
    const resolved = target.path === ''
      ? file
      : normalize(target.path.startsWith('/') ? target.path.slice(1) : join(dirname(file), target.path));
    const where = `${file}:${line} ${value}`;
    if (resolved === '..' || resolved.startsWith('../')) {
      problems.push(`${where} (outside the repository)`);
      continue;
    }
    if (!existsSync(join(WORKSPACE_ROOT, resolved))) {
      problems.push(`${where} (no such file)`);
      continue;
    }
    if (target.anchor !== null && target.anchor !== '' && resolved.endsWith('.md')) {
      const targetText = texts.get(resolved) ?? readFileSync(join(WORKSPACE_ROOT, resolved), 'utf8');
      if (!anchors(targetText).has(target.anchor)) problems.push(`${where} (no heading with anchor #${target.anchor})`);
    }
  }
  return problems;
}

describe('the repository explains itself', () => {
  it('finds the files it checks through git, README.md and the docs among them', () => {
    expect(files).toContain('README.md');
    expect(files).toContain(DESIGN_NOTES);
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'docs/runbook.md', DESIGN_NOTES]));
  });

  it(`never mentions notes kept outside it (${FORBIDDEN_REFERENCES.join(', ')})`, () => {
    const mentions = [...texts].flatMap(([file, text]) =>
      findForbiddenReferences(text).map(({ line, value }) => `${file}:${line} mentions ${value}`),
    );
    expect(mentions).toEqual([]);
  });

  it('has a target for every relative link of its markdown files, down to the heading', () => {
    const broken = markdownFiles.flatMap((file) => brokenLinks(file, texts.get(file) ?? ''));
    expect(broken).toEqual([]);
  });

  it(`cites only headings that ${DESIGN_NOTES} has`, () => {
    const notes = texts.get(DESIGN_NOTES) ?? '';
    const offered = anchors(notes);
    const citations = [...texts]
      .filter(([file]) => file !== DESIGN_NOTES)
      .flatMap(([file, text]) => designNoteCitations(text).map(({ line, value }) => ({ file, line, value })));
    expect(citations.length).toBeGreaterThan(0);
    const unknown = citations.filter(({ value }) => !offered.has(githubSlug(value)));
    expect(unknown.map(({ file, line, value }) => `${file}:${line} cites "${value}"`)).toEqual([]);
  });
});

describe('doc-references', () => {
  it('finds each forbidden reference with its line', () => {
    const [design, style, shared] = FORBIDDEN_REFERENCES;
    const text = `// fine\n// see ${design} §3\n/* ${style} §9 and ${shared}/x */\n`;
    expect(findForbiddenReferences(text)).toEqual([
      { line: 2, value: design },
      { line: 3, value: style },
      { line: 3, value: shared },
    ]);
    expect(findForbiddenReferences('design notes in docs/design-notes.md')).toEqual([]);
    // the vendor tarball of tools/local-timescaledb is the one allowed path beside the workspace
    expect(findForbiddenReferences(`${shared}/vendor/timescaledb-2.19.3.tar.gz`)).toEqual([]);
    expect(findForbiddenReferences(`${shared}/vendor/notes.md`)).toEqual([{ line: 1, value: shared }]);
  });

  it('reads inline links, images and reference definitions, not code', () => {
    const markdown = [
      'See [the runbook](docs/runbook.md) and ![a chart](img/chart.png "Chart").',
      '`[not a link](nowhere.md)`',
      '```sh',
      'echo [nor this](gone.md)',
      '```',
      '[ref]: docs/managed-databases.md#roles',
      'and [a heading](#two-commands), [a URL](https://example.com/x.md).',
    ].join('\n');
    expect(markdownLinks(markdown)).toEqual([
      { line: 1, value: 'docs/runbook.md' },
      { line: 1, value: 'img/chart.png' },
      { line: 6, value: 'docs/managed-databases.md#roles' },
      { line: 7, value: '#two-commands' },
      { line: 7, value: 'https://example.com/x.md' },
    ]);
  });

  it('leaves URLs and mail out, and splits a path from its anchor', () => {
    expect(splitTarget('https://example.com/a.md')).toBeNull();
    expect(splitTarget('mailto:someone@example.com')).toBeNull();
    expect(splitTarget('runbook.md#upgrade-timescaledb')).toEqual({ path: 'runbook.md', anchor: 'upgrade-timescaledb' });
    expect(splitTarget('#measured')).toEqual({ path: '', anchor: 'measured' });
    expect(splitTarget('my%20file.md')).toEqual({ path: 'my file.md', anchor: null });
  });

  it('makes anchors the way GitHub does', () => {
    expect(githubSlug('Switch edition (OSS → community)')).toBe('switch-edition-oss--community');
    expect(githubSlug('MikroORM 6 facts verified here')).toBe('mikroorm-6-facts-verified-here');
    expect(githubSlug('`.env` rules')).toBe('env-rules');
    expect([...anchors('# A\n## Notes\n```\n# not a heading\n```\n### Notes ###\n<a id="custom"></a>\n')]).toEqual([
      'a',
      'notes',
      'notes-1',
      'custom',
    ]);
  });

  it('finds the headings a comment cites', () => {
    const text = `x\n// why (${DESIGN_NOTES}, "TimescaleDB facts"); and (${DESIGN_NOTES},  "Code conventions")\n`;
    expect(designNoteCitations(text)).toEqual([
      { line: 2, value: 'TimescaleDB facts' },
      { line: 2, value: 'Code conventions' },
    ]);
  });
});
