import { PluginError } from '../common/errors.ts';
import type { RegistrationKind } from '../manifest/declared.ts';

/** The providers one plugin registered, by kind and local id. Lives in the plugin's worker. */
export class ProviderRegistry {
  private readonly providers = new Map<string, unknown>();

  add(kind: RegistrationKind, id: string, provider: unknown): void {
    const key = `${kind}:${id}`;
    if (this.providers.has(key)) throw new PluginError('E_ALREADY_REGISTERED', `${kind} "${id}" is already registered by this plugin.`);
    this.providers.set(key, provider);
  }

  delete(kind: RegistrationKind, id: string): void {
    this.providers.delete(`${kind}:${id}`);
  }

  get(kind: RegistrationKind, id: string): unknown {
    const provider = this.providers.get(`${kind}:${id}`);
    if (provider === undefined) throw new PluginError('E_NOT_FOUND', `No ${kind} "${id}" is registered (the plugin may have disposed it).`);
    return provider;
  }
}
