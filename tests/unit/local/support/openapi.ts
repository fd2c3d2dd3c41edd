import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

/** OpenAI's spec, read from ../shared/openai/openapi.yaml beside the repo root; absent → schema checks are skipped. */
export const SPEC_PATH = path.resolve(import.meta.dirname, '../../../../../shared/openai/openapi.yaml');
export const specAvailable = existsSync(SPEC_PATH);
if (!specAvailable) console.warn(`[local conformance] ${SPEC_PATH} is absent: skipping OpenAPI schema checks.`);

type Spec = { components: { schemas: Record<string, { properties?: { type?: { enum?: string[]; const?: string } } }> }; paths: Record<string, Record<string, unknown>> };
let spec: Spec | undefined;
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function load(): { spec: Spec; ajv: Ajv2020 } {
  if (!spec || !ajv) {
    spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(spec as object, 'openapi.json');
  }
  return { spec, ajv };
}

function validator(ref: string): ValidateFunction {
  let fn = compiled.get(ref);
  if (!fn) {
    fn = load().ajv.compile({ $ref: `openapi.json${ref}` });
    compiled.set(ref, fn);
  }
  return fn;
}

function check(ref: string, value: unknown): string[] {
  const fn = validator(ref);
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => `${ref} ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The component schema whose `type` enum/const is this event type, among names with the prefix. */
function schemaForType(prefix: string, type: string): string {
  const schemas = load().spec.components.schemas;
  const name = Object.keys(schemas).find((n) => {
    const t = schemas[n].properties?.type;
    return n.startsWith(prefix) && (t?.enum?.includes(type) || t?.const === type);
  });
  if (!name) throw new Error(`No ${prefix}* schema for event type ${type}`);
  return `#/components/schemas/${name}`;
}

/** Schema errors of one Realtime server event ([] when valid). */
export function realtimeEventErrors(event: { type: string }): string[] {
  if (!specAvailable) return [];
  return check(schemaForType('RealtimeServerEvent', event.type), event);
}

/** Schema errors of one Responses streaming event. */
export function responseStreamEventErrors(event: { type: string }): string[] {
  if (!specAvailable) return [];
  return check(schemaForType('Response', event.type), event);
}

/** Schema errors of a JSON response body, by the spec's path template, method and status. */
export function bodyErrors(method: string, template: string, status: number, body: unknown): string[] {
  if (!specAvailable) return [];
  const operation = load().spec.paths[template]?.[method.toLowerCase()] as { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> } | undefined;
  const schema = operation?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The spec has no JSON schema for ${method} ${template} ${status}`);
  if (!schema.$ref) {
    const fn = load().ajv.compile({ $ref: `openapi.json#/paths/${template.replace(/\//g, '~1').replace(/[{}]/g, (c) => encodeURIComponent(c))}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema` });
    return fn(body) ? [] : (fn.errors ?? []).map((e) => `${template} ${e.instancePath} ${e.message}`);
  }
  return check(schema.$ref, body);
}
