/** Line-based edits of workspace files that keep everything else (comments, order) as it is. Pure. */

/** A file the generator edits does not have the shape it expects: nothing is written, and the message says what to do. */
export class UnexpectedFileError extends Error {
  constructor(file: string, expected: string) {
    super(`${file} does not have the shape the scraper generator expects (${expected}); nothing was written. Adjust the generator (tools/workspace-plugin) or the file.`);
    this.name = 'UnexpectedFileError';
  }
}

/** Inserts `lines` after the last line matching `pattern`. */
export function insertAfterLast(text: string, pattern: RegExp, lines: readonly string[], file: string, expected: string): string {
  const all = text.split('\n');
  const index = all.findLastIndex((line) => pattern.test(line));
  if (index < 0) throw new UnexpectedFileError(file, expected);
  all.splice(index + 1, 0, ...lines);
  return all.join('\n');
}

/** Inserts `lines` before the first line matching `pattern` at or after the first line matching `after`. */
export function insertBefore(text: string, after: RegExp, pattern: RegExp, lines: readonly string[], file: string, expected: string): string {
  const all = text.split('\n');
  const start = all.findIndex((line) => after.test(line));
  const index = start < 0 ? -1 : all.findIndex((line, i) => i > start && pattern.test(line));
  if (index < 0) throw new UnexpectedFileError(file, expected);
  all.splice(index, 0, ...lines);
  return all.join('\n');
}

/** `text` ending in exactly one newline, then `block`. */
export function appendBlock(text: string, block: string): string {
  return `${text.replace(/\n*$/, '\n')}${block.replace(/\n*$/, '\n')}`;
}
