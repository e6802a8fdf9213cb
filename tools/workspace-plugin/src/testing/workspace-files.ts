import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTree } from '@nx/devkit/testing';

/** The workspace root (this file lives in tools/workspace-plugin/src/testing). */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** Directories that are not the workspace's source: installed, built, local state, caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', '.git', '.local', 'tmp', '.nx', 'coverage']);

/** Paths (relative, `/`-separated) of the workspace's files outside {@link SKIPPED_DIRS}, sorted. */
export function workspaceFiles(root: string = WORKSPACE_ROOT, dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...workspaceFiles(root, path));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

let snapshot: ReadonlyMap<string, Buffer> | undefined;

/** A fresh in-memory tree holding the real workspace's files (read from disk once per test file). */
export function workspaceTree(): Tree {
  snapshot ??= new Map(workspaceFiles().map((path) => [path, readFileSync(join(WORKSPACE_ROOT, path))]));
  const tree = createTree();
  if (!snapshot.has('.prettierrc')) tree.delete('.prettierrc'); // createTree's own; this workspace has no formatter
  for (const [path, content] of snapshot) tree.write(path, content);
  return tree;
}

/** The files a generator created and updated in a {@link workspaceTree}, compared with the real workspace. */
export function changesFromWorkspace(tree: Tree): { created: string[]; updated: string[] } {
  const created: string[] = [];
  const updated: string[] = [];
  for (const change of tree.listChanges()) {
    const before = snapshot?.get(change.path);
    if (before === undefined && change.type === 'DELETE') continue;
    if (before === undefined) created.push(change.path);
    else if (change.content === null || !before.equals(change.content)) updated.push(change.path);
  }
  return { created: created.sort(), updated: updated.sort() };
}
