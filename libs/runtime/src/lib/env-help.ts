import type { z } from 'zod';

/** One variable of a config schema, as `--help` lists it. */
export interface EnvVariableDoc {
  readonly name: string;
  /** the default, as text; null when there is none */
  readonly defaultValue: string | null;
  /** must be set (no default, not optional) */
  readonly required: boolean;
  /** the schema's `.describe()` text; null when it has none */
  readonly description: string | null;
}

interface SchemaDef {
  readonly type?: string;
  readonly defaultValue?: unknown;
  readonly in?: { readonly def: SchemaDef; readonly description?: string };
  readonly innerType?: { readonly def: SchemaDef; readonly description?: string };
}

/** Walks a variable's schema down to its default, through transforms (`pipe`) and wrappers. */
function defaultOf(def: SchemaDef): { value: unknown; optional: boolean } | null {
  if (def.type === 'default' || def.type === 'prefault') return { value: def.defaultValue, optional: true };
  if (def.type === 'optional') return { value: undefined, optional: true };
  if (def.type === 'pipe' && def.in) return defaultOf(def.in.def);
  if (def.innerType) return defaultOf(def.innerType.def);
  return null;
}

/**
 * The variables of a config schema (a zod shape of environment variables), in its order, with each
 * one's default and description: what `--help` prints, derived from the schema itself so that it
 * cannot drift from what is parsed.
 */
export function describeEnvShape(shape: z.ZodRawShape): EnvVariableDoc[] {
  return Object.entries(shape).map(([name, schema]) => {
    const found = defaultOf((schema as unknown as { def: SchemaDef }).def);
    const value = found?.value;
    return {
      name,
      defaultValue: value === undefined ? null : Array.isArray(value) ? value.join(',') : String(value),
      required: found === null,
      description: (schema as { description?: string }).description ?? null,
    };
  });
}

/** Variables as aligned lines: name, default (or "required"/"optional"), description. */
export function formatEnvVariables(docs: readonly EnvVariableDoc[]): string {
  const state = (d: EnvVariableDoc) => (d.defaultValue !== null ? `default ${d.defaultValue}` : d.required ? 'required' : 'optional');
  const nameWidth = Math.max(...docs.map((d) => d.name.length));
  const stateWidth = Math.max(...docs.map((d) => state(d).length));
  return docs.map((d) => `  ${d.name.padEnd(nameWidth)}  ${state(d).padEnd(stateWidth)}  ${d.description ?? ''}`.trimEnd()).join('\n');
}
