/**
 * A whole-number command-line option (`--hours 24`): `fallback` when not given, else the number, or
 * the error `usageError` makes from a message naming the option, the value and the range (each tool
 * has its own usage error, which its main turns into exit code 2). Pure.
 */
export function wholeNumberOption(
  name: string,
  text: string | undefined,
  range: { readonly fallback: number; readonly min: number; readonly max: number },
  usageError: (message: string) => Error,
): number {
  if (text === undefined) return range.fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= range.min && n <= range.max)) throw usageError(`${name} "${text}" must be a whole number from ${range.min} to ${range.max}`);
  return n;
}
