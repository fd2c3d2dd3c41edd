import { API_VERSION, checkEnginePermission, checkNetworkPermission, checkUserFilePermission, effectiveSettings } from '@sotto/api/manifest';
import type { EngineInfo, EngineRequest, NetRequest, NetResponse, Reply, TranscriptSegment, UserFile } from '@sotto/api';
import type { PluginDescription } from '../../host/common/pluginDescription.ts';
import { BridgeError, type Bridge, type BridgeContract, type ShellInfo } from '../common/bridge.ts';
import type { Engine } from './engine.ts';
import { checkKeyShape, type KeyStore } from './keyStore.ts';
import type { SettingsStore } from './settingsStore.ts';
import type { TranscriptStore } from './transcriptStore.ts';
import { validateSetting } from './settingsValidation.ts';
import { readUserFiles } from './userFiles.ts';

const MAX_NET_BODY = 1024 * 1024;
const NET_TIMEOUT_MS = 15_000;

export interface BridgeServiceDeps {
  readonly shell: ShellInfo['shell'];
  readonly catalog: () => readonly PluginDescription[];
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly engine: Engine;
  readonly transcripts: TranscriptStore;
}

/**
 * The shell's side of the bridge, shared by Electron IPC and the web shell's HTTP. It re-checks plugin permissions
 * even though the host already did: the shell does not trust the renderer it serves.
 */
export class BridgeService implements Bridge {
  constructor(private readonly deps: BridgeServiceDeps) {}

  async getInfo(): Promise<ShellInfo> {
    const choice = await this.deps.engine.choose();
    return {
      shell: this.deps.shell,
      engine: choice.kind,
      engineDetail: choice.detail,
      engineUrl: choice.baseURL,
      hasKey: choice.kind === 'openai',
      keyStore: this.deps.keys.name,
      apiVersion: API_VERSION,
    };
  }

  async listPlugins(): Promise<PluginDescription[]> {
    return [...this.deps.catalog()];
  }

  async getSettings() {
    return this.deps.settings.read();
  }

  async setPluginEnabled({ id, enabled }: BridgeContract['setPluginEnabled'][0]) {
    this.plugin(id);
    const current = this.deps.settings.read();
    this.deps.settings.write({ ...current, enabled: { ...current.enabled, [id]: enabled === true } });
    return this.deps.settings.read();
  }

  async setSetting({ pluginId, key, value }: BridgeContract['setSetting'][0]) {
    validateSetting(this.plugin(pluginId), key, value);
    const current = this.deps.settings.read();
    this.deps.settings.write({ ...current, values: { ...current.values, [pluginId]: { ...current.values[pluginId], [key]: value } } });
    return this.deps.settings.read();
  }

  async setApiKey({ key }: { key: string }) {
    const problem = checkKeyShape(String(key ?? ''));
    if (problem) throw new BridgeError('E_INVALID_INPUT', problem);
    await this.deps.keys.set(key.trim());
    return this.getInfo();
  }

  async clearApiKey() {
    await this.deps.keys.clear();
    return this.getInfo();
  }

  async mintClientSecret({ pluginId, kind, session }: BridgeContract['mintClientSecret'][0]) {
    const manifest = this.plugin(pluginId).manifest!;
    if (!manifest.permissions?.secrets?.includes(kind)) throw new BridgeError('E_PERMISSION', `Plugin "${pluginId}" did not declare "${kind}" in permissions.secrets.`);
    return this.deps.engine.mintClientSecret(kind, session);
  }

  async netFetch({ pluginId, url, init }: { pluginId: string; url: string; init?: NetRequest }): Promise<NetResponse> {
    const refused = checkNetworkPermission(this.plugin(pluginId).manifest!, url);
    if (refused) throw new BridgeError(refused.code, refused.message);
    const response = await fetch(url, { method: init?.method ?? 'GET', headers: init?.headers, body: init?.body, redirect: 'error', signal: AbortSignal.timeout(NET_TIMEOUT_MS) }).catch((error: Error) => {
      throw new BridgeError('E_UPSTREAM', `Could not reach ${new URL(url).origin}: ${error.message}`);
    });
    const body = await response.text();
    if (body.length > MAX_NET_BODY) throw new BridgeError('E_UPSTREAM', `The response from ${new URL(url).origin} is larger than ${MAX_NET_BODY} bytes.`);
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  }

  async appendTranscript({ callId, segment }: { callId: string; segment: TranscriptSegment }): Promise<void> {
    if (!segment || typeof segment.text !== 'string' || (segment.channel !== 'you' && segment.channel !== 'participant')) throw new BridgeError('E_INVALID_INPUT', 'Not a transcript segment.');
    await this.deps.transcripts.append(callId, segment);
  }

  listCalls() {
    return this.deps.transcripts.list();
  }

  readCall({ callId }: { callId: string }) {
    return this.deps.transcripts.read(callId);
  }

  async savePinnedReplies({ callId, replies }: { callId: string; replies: Reply[] }): Promise<void> {
    const isReply = (r: Reply) => r && typeof r.id === 'string' && typeof r.question === 'string' && typeof r.text === 'string';
    if (!Array.isArray(replies) || replies.length > 200 || !replies.every(isReply)) throw new BridgeError('E_INVALID_INPUT', 'Not a list of replies.');
    await this.deps.transcripts.savePinned(callId, replies);
  }

  readPinnedReplies({ callId }: { callId: string }) {
    return this.deps.transcripts.readPinned(callId);
  }

  async engineInfo({ pluginId }: { pluginId: string }): Promise<EngineInfo> {
    this.checkEngine(pluginId);
    const choice = await this.deps.engine.choose();
    if (!choice.baseURL) throw new BridgeError('E_UNAVAILABLE', `${choice.detail}. Set an OpenAI API key in Settings.`);
    return { kind: choice.kind, baseURL: choice.baseURL };
  }

  /** Not part of the JSON bridge: each shell streams the answer its own way (HTTP body, IPC reads). */
  async engineFetch(pluginId: string, request: EngineRequest, signal: AbortSignal): Promise<Response> {
    this.checkEngine(pluginId);
    if (typeof request?.path !== 'string' || typeof request.method !== 'string') throw new BridgeError('E_INVALID_INPUT', 'Not an engine request.');
    return this.deps.engine.send(request.path, { method: request.method, headers: { ...request.headers }, body: request.body, signal });
  }

  async readUserFiles({ pluginId, key }: { pluginId: string; key: string }): Promise<UserFile[]> {
    const manifest = this.plugin(pluginId).manifest!;
    const refused = checkUserFilePermission(manifest, key);
    if (refused) throw new BridgeError(refused.code, refused.message);
    return readUserFiles(effectiveSettings(manifest, this.deps.settings.read().values[pluginId])[key], key);
  }

  private checkEngine(pluginId: string): void {
    const refused = checkEnginePermission(this.plugin(pluginId).manifest!);
    if (refused) throw new BridgeError(refused.code, refused.message);
  }

  private plugin(id: string): PluginDescription {
    const plugin = this.deps.catalog().find((p) => p.id === id);
    if (!plugin) throw new BridgeError('E_NOT_FOUND', `No plugin "${id}" is installed.`);
    if (!plugin.manifest) throw new BridgeError('E_UNAVAILABLE', `Plugin "${id}" is invalid: ${plugin.errors[0]}`);
    return plugin;
  }
}
