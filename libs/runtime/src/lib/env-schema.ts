import { z } from 'zod';
import { ConfigError } from './errors';

/** A whole-number variable within [min, max], with its default (shared by every app's and tool's config). */
export const intInRange = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int(`must be a whole number between ${min} and ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** A number of seconds or hours within [min, max] (fractions allowed), with its default. */
export const numberInRange = (unit: 'seconds' | 'hours' | 'percent', fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number of ${unit} between ${min} and ${max}` })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** An http(s) URL without its trailing slashes (an API root), with its default, which the error shows as an example. */
export const httpUrlVar = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL, e.g. ${fallback}` })
    .transform((u) => u.replace(/\/+$/, ''))
    .default(fallback);

/** A true/false variable (also 1/0, yes/no), with its default (shared by every app's config). */
export const booleanVar = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(fallback);

/** How {@link parseEnv} names variables in its problems. */
export interface ParseEnvOptions {
  /** the name a problem starts with (default: the variable's own); `given` is false for an unset variable */
  readonly label?: (variable: string, given: boolean) => string;
}

/**
 * Validates `env` against a zod shape and reports every problem at once in a {@link ConfigError},
 * each naming the variable and the fix. Values are never echoed back, since some are secrets. An
 * empty value (`FOO=` in `.env`) means "not set", so defaults apply. The result is frozen.
 */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  env: Readonly<Record<string, string | undefined>>,
  /** checks across variables, run once each variable is valid; return one line per problem */
  crossChecks?: (parsed: z.infer<z.ZodObject<S>>) => string[],
  options: ParseEnvOptions = {},
): z.infer<z.ZodObject<S>> {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    cleaned[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) {
    const problems = crossChecks?.(result.data) ?? [];
    if (problems.length > 0) throw new ConfigError(problems);
    return Object.freeze(result.data) as z.infer<z.ZodObject<S>>;
  }
  const label = (name: string) => options.label?.(name, cleaned[name] !== undefined) ?? name;
  throw new ConfigError(result.error.issues.map((issue) => `${label(issue.path.join('.'))} ${issue.message}`));
}
