import { Validator, type Schema } from '@cfworker/json-schema';
import { PluginError, type ToolInfo } from '@sotto/api';
import type { PluginDescription } from './pluginDescription.ts';

export interface ToolCallOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

type InvokeTool = (pluginId: string, name: string, input: unknown, options: ToolCallOptions) => Promise<unknown>;

/**
 * Routes assistant tool calls between plugins: finds the enabled plugin that declares the tool, validates the
 * input against its declared inputSchema before any plugin code sees it, and runs it with a deadline.
 */
export class ToolRouter {
  private readonly validators = new Map<string, Validator>();

  constructor(
    private readonly catalog: readonly PluginDescription[],
    private readonly isEnabled: (pluginId: string) => boolean,
    private readonly run: InvokeTool,
  ) {}

  list(): ToolInfo[] {
    return this.catalog.flatMap((d) => (d.manifest && this.isEnabled(d.id) ? (d.manifest.contributes?.assistantTools ?? []).map((t) => ({ pluginId: d.id, ...t })) : []));
  }

  async invoke(name: string, input: unknown, options: ToolCallOptions = {}): Promise<unknown> {
    const tool = this.list().find((t) => t.name === name);
    if (!tool) throw new PluginError('E_NOT_FOUND', `No enabled plugin offers the tool "${name}".`);
    const key = `${tool.pluginId}/${name}`;
    const validator = this.validators.get(key) ?? new Validator(tool.inputSchema as Schema, '2020-12', false);
    this.validators.set(key, validator);
    const result = validator.validate(input);
    if (!result.valid) {
      const problems = result.errors.filter((e) => e.keyword !== 'properties').map((e) => `${e.instanceLocation.replace(/^#/, '') || '/'}: ${e.error}`);
      throw new PluginError('E_INVALID_INPUT', `Input for tool "${name}" does not match its schema: ${problems.join('; ')}`);
    }
    return this.run(tool.pluginId, name, input, options);
  }
}
