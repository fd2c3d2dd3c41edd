import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { PluginDescription } from '../../host/common/pluginDescription.ts';
import { BridgeError } from '../common/bridge.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** Checks a setting against the schema its plugin declared; the shell never stores a value that fails it. */
export function validateSetting(plugin: PluginDescription | undefined, key: string, value: unknown): void {
  if (!plugin?.manifest) throw new BridgeError('E_NOT_FOUND', `No valid plugin "${plugin?.id ?? '?'}" is installed.`);
  const schema = plugin.manifest.contributes?.configuration?.properties?.[key];
  if (!schema) throw new BridgeError('E_INVALID_INPUT', `Plugin "${plugin.id}" has no setting "${key}".`);
  const cacheKey = `${plugin.id}\0${key}`;
  const validate = compiled.get(cacheKey) ?? ajv.compile(schema);
  compiled.set(cacheKey, validate);
  if (!validate(value)) {
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || 'value'} ${e.message}`).join('; ');
    throw new BridgeError('E_INVALID_INPUT', `${plugin.id} › ${key}: ${detail}`);
  }
}
