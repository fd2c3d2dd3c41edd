import { existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import semver from 'semver';
import { API_VERSION, contributionSchemas, manifestSchema, type ContributionPointName, type PluginManifest } from '@sotto/api/manifest';

// Ajv compiles validators with `new Function`, so it runs only here in Node, never under a renderer's CSP.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const checkManifest = ajv.compile(manifestSchema);
const checkPoint = Object.fromEntries(Object.entries(contributionSchemas).map(([name, schema]) => [name, ajv.compile(schema)]));

function describeErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = `${prefix}${e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
    const detail = e.keyword === 'additionalProperties' ? `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.message;
    return `${where || 'package.json'}: ${detail}`;
  });
}

function checkJsonSchema(where: string, schema: unknown): string[] {
  if (ajv.validateSchema(schema as object)) return [];
  return describeErrors(`${where} is not a valid JSON Schema: `, ajv.errors).map((m) => m.replace(': : ', ': '));
}

function duplicateIds(point: string, ids: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id): id is string => !!id && (seen.has(id) || !seen.add(id))).map((id) => `contributes.${point}: "${id}" is declared twice`);
}

/**
 * Checks a manifest before any of its code runs: the top-level schema, the API version range, each contribution
 * point against its own schema, the JSON Schemas it contributes, and that its entry file exists.
 * Returns every problem found, so the author can fix them in one pass.
 */
export function validateManifest(packageJson: unknown, location: string): string[] {
  if (!checkManifest(packageJson)) return describeErrors('', checkManifest.errors);
  const manifest = packageJson as PluginManifest;
  const errors: string[] = [];
  const range = manifest.engines.sotto;
  if (!semver.validRange(range)) errors.push(`engines.sotto: "${range}" is not a semver range`);
  else if (!semver.satisfies(API_VERSION, range)) errors.push(`engines.sotto: the plugin needs the Sotto API ${range}, but this Sotto provides ${API_VERSION}`);
  if (!semver.valid(manifest.version)) errors.push(`version: "${manifest.version}" is not a semver version`);
  for (const [point, value] of Object.entries(manifest.contributes ?? {}) as [ContributionPointName, unknown][]) {
    const check = checkPoint[point];
    if (!check(value)) {
      errors.push(...describeErrors(`contributes.${point}`, check.errors));
      continue;
    }
    if (point === 'configuration') {
      for (const [key, schema] of Object.entries(manifest.contributes!.configuration!.properties)) errors.push(...checkJsonSchema(`contributes.configuration.properties.${key}`, schema));
    } else if (point === 'assistantTools') {
      for (const tool of manifest.contributes!.assistantTools!) errors.push(...checkJsonSchema(`contributes.assistantTools "${tool.name}" inputSchema`, tool.inputSchema));
      errors.push(...duplicateIds(point, manifest.contributes!.assistantTools!.map((t) => t.name)));
    } else {
      errors.push(...duplicateIds(point, (value as { id?: string }[]).map((entry) => entry.id)));
    }
  }
  if (!existsSync(path.join(location, manifest.main))) errors.push(`main: "${manifest.main}" does not exist in ${location}`);
  return errors;
}
