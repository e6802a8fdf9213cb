import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Flag values as `parseArgs` reads them (no `multiple`). */
export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Reads `--flag value` options strictly (unknown flags and positionals are errors); a command line
 * that does not parse throws what `usageError` makes of the message.
 */
export function parseFlags(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, usageError: (problem: string) => Error): FlagValues {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as FlagValues;
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}
