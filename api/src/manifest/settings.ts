import type { PluginManifest } from './types.ts';

/** The settings a plugin sees: each declared key's user value, or its schema default. Undeclared keys are dropped. */
export function effectiveSettings(manifest: PluginManifest, userValues: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const properties = manifest.contributes?.configuration?.properties ?? {};
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const value = key in userValues ? userValues[key] : schema.default;
    if (value !== undefined) result[key] = value;
  }
  return result;
}
