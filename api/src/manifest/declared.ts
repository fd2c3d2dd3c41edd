import type { ErrorDto } from '../common/errors.ts';
import type { ContributionPointName, PluginManifest } from './types.ts';

/** Contribution points whose entries a plugin later registers in code. */
export type RegistrationKind = Exclude<ContributionPointName, 'configuration'>;

export const registrationKinds: readonly RegistrationKind[] = ['commands', 'panels', 'captureSources', 'transcribers', 'replyProviders', 'assistantTools'];

/** The ids a manifest declares for one registration kind (assistant tools are keyed by name). */
export function declaredIds(manifest: PluginManifest, kind: RegistrationKind): string[] {
  const entries = (manifest.contributes?.[kind] ?? []) as readonly ({ id?: string; name?: string })[];
  return entries.map((entry) => (kind === 'assistantTools' ? entry.name : entry.id) ?? '');
}

/** The rule behind every `register*` call: the id must be declared statically, so the workbench knows it up front. */
export function checkDeclared(manifest: PluginManifest, kind: RegistrationKind, id: string): ErrorDto | undefined {
  const ids = declaredIds(manifest, kind);
  if (ids.includes(id)) return undefined;
  const known = ids.length ? `declared: ${ids.join(', ')}` : 'it declares none';
  return {
    code: 'E_NOT_DECLARED',
    message: `Plugin "${manifest.id}" registered ${kind} "${id}", which its package.json does not declare in contributes.${kind} (${known}).`,
  };
}
