import { getProjects, type Tree } from '@nx/devkit';
import { EDITED_FILES } from './code-edits';
import { MAX_SOURCE_LENGTH, SOURCE_PATTERN, type ScraperNames } from './names';

/** A source name or port the generator refuses; nothing was written. */
export class ScraperOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScraperOptionError';
  }
}

/** The port libs/scraper-kit gives a scraper that names none (DEFAULT_HTTP_PORT, reddit-scraper's). */
const KIT_DEFAULT_HTTP_PORT = 9464;

/** Refuses a source that is not a short lowercase name, saying what a valid one looks like. */
export function assertSourceName(source: unknown): asserts source is string {
  const example = 'e.g. `nx g @sentiment-ingest/workspace-plugin:scraper hn`';
  if (typeof source !== 'string' || source === '') throw new ScraperOptionError(`Give the source's name, ${example}.`);
  if (!SOURCE_PATTERN.test(source)) {
    throw new ScraperOptionError(
      `"${source}" is not a valid source name: use lowercase letters and digits, starting with a letter (${example}). ` +
        'It becomes a project name, a tag, file names, SQL table names and variable prefixes.',
    );
  }
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ScraperOptionError(`"${source}" is too long for a source name: at most ${MAX_SOURCE_LENGTH} characters (its table names must stay valid SQL identifiers).`);
  }
}

/** Refuses a source whose project, tag, service or tables already exist. */
export function assertNewSource(tree: Tree, n: ScraperNames): void {
  const projects = getProjects(tree);
  for (const name of [n.source, n.app]) {
    if (projects.has(name)) throw new ScraperOptionError(`"${n.source}" is taken: a project named ${name} already exists (${projects.get(name)?.root}). Choose another source name.`);
  }
  // A source's own test tools (a fake of its API) share its scope tag; only an app or a library
  // with the tag means the source is taken.
  const tagged = [...projects].filter(([, p]) => p.tags?.includes(n.scopeTag) && !p.tags.includes('type:tool')).map(([name]) => name);
  if (tagged.length > 0) throw new ScraperOptionError(`"${n.source}" is taken: the tag ${n.scopeTag} already belongs to ${tagged.join(', ')}. Choose another source name.`);
  // The source's tables (libs/db/src/lib/sources/<source>-items.ts and the rest) may be written
  // first: the generator keeps them. Only the app means the source is taken.
  const existing = [n.appRoot].filter((path) => tree.exists(path));
  if (existing.length > 0) throw new ScraperOptionError(`"${n.source}" is taken: ${existing.join(', ')} already exist(s). Choose another source name.`);
  if (new RegExp(`^ {2}${n.app}:`, 'm').test(tree.read(EDITED_FILES.compose, 'utf-8') ?? '')) {
    throw new ScraperOptionError(`"${n.source}" is taken: ${EDITED_FILES.compose} already has a service ${n.app}.`);
  }
}

/** The default health ports of the existing apps, read from their config.ts (`httpPort: 9464`). */
export function usedHttpPorts(tree: Tree): number[] {
  const ports: number[] = [];
  for (const [, project] of getProjects(tree)) {
    if (project.projectType !== 'application') continue;
    const config = tree.read(`${project.root}/src/config.ts`, 'utf-8') ?? '';
    for (const match of config.matchAll(/\bhttpPort:\s*(\d[\d_]*)/g)) ports.push(Number((match[1] ?? '').replace(/_/g, '')));
  }
  return ports;
}

/** The requested port, checked against the other scrapers', or one above the highest of them. */
export function chooseHttpPort(tree: Tree, requested: number | undefined): number {
  const used = usedHttpPorts(tree);
  if (requested === undefined) return Math.max(KIT_DEFAULT_HTTP_PORT, ...used) + 1;
  if (!Number.isInteger(requested) || requested < 1024 || requested > 65_535) throw new ScraperOptionError(`--httpPort ${requested} must be a whole number from 1024 to 65535.`);
  if (used.includes(requested) || requested === KIT_DEFAULT_HTTP_PORT) {
    throw new ScraperOptionError(`--httpPort ${requested} is already the default port of another scraper (taken: ${[...new Set([KIT_DEFAULT_HTTP_PORT, ...used])].sort().join(', ')}).`);
  }
  return requested;
}
