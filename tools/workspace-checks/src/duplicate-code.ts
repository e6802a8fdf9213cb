import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

/** jscpd's command line (its package entry runs the CLI when imported, so it is run as a program). */
const JSCPD = join(__dirname, '../../../node_modules/jscpd/bin/jscpd');

/** Fewer shared lines than this is an import block or a call with its options, not logic. */
export const MIN_CLONE_LINES = 6;
/** ...and fewer tokens than this, punctuation and keywords. */
export const MIN_CLONE_TOKENS = 60;

/** Where tests, fixtures and benchmarks live: they may repeat one another's setup. */
const NOT_PRODUCT_CODE = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.bench.ts', '**/testing/**'];

interface Duplication {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** One run of lines that stands in two apps. */
export interface CrossAppClone {
  readonly a: string;
  readonly b: string;
  readonly lines: number;
}

/** The app folders below `appsDir` (each a project with src/). */
export function appFolders(appsDir: string): string[] {
  return readdirSync(appsDir)
    .filter((name) => statSync(join(appsDir, name, 'src'), { throwIfNoEntry: false })?.isDirectory())
    .sort();
}

const appOf = (appsDir: string, file: string) => relative(appsDir, file).split(sep)[0];

/**
 * Runs of at least {@link MIN_CLONE_LINES} lines and {@link MIN_CLONE_TOKENS} tokens (the same
 * tokens, names and values included) that stand in the product code of two different apps of
 * `appsDir`: logic one app copied from another, which belongs in a shared library instead.
 */
export function crossAppClones(appsDir: string): CrossAppClone[] {
  const out = mkdtempSync(join(tmpdir(), 'jscpd-'));
  try {
    const run = spawnSync(
      process.execPath,
      [
        JSCPD,
        ...appFolders(appsDir).map((app) => join(appsDir, app, 'src')),
        '--format', 'typescript',
        '--min-lines', String(MIN_CLONE_LINES),
        '--min-tokens', String(MIN_CLONE_TOKENS),
        '--ignore', NOT_PRODUCT_CODE.join(','),
        '--reporters', 'json',
        '--output', out,
        '--absolute',
        '--silent',
      ],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`jscpd failed (${run.status}): ${run.stderr || run.stdout}`);
    const report = JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8')) as {
      duplicates: { firstFile: Duplication; secondFile: Duplication; lines: number }[];
    };
    const where = (d: Duplication) => `${relative(appsDir, d.name)}:${d.start}-${d.end}`;
    return report.duplicates
      .filter((d) => appOf(appsDir, d.firstFile.name) !== appOf(appsDir, d.secondFile.name))
      .map((d) => ({ a: where(d.firstFile), b: where(d.secondFile), lines: d.lines }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
