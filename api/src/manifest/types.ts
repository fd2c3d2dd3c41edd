/** JSON Schema as plugins write it (draft 2020-12 subset; validated by the host, never by plugins). */
export type JsonSchema = { readonly [key: string]: unknown };

export interface CommandContribution {
  /** Local id; the host namespaces it as `<pluginId>.<id>`. */
  readonly id: string;
  readonly title: string;
  readonly category?: string;
  /** e.g. "mod+shift+k"; `mod` is Cmd on macOS and Ctrl elsewhere. */
  readonly keybinding?: string;
}

export interface PanelContribution {
  readonly id: string;
  readonly title: string;
  /** Where the workbench shows it: beside the transcript, or as a tab of its own. */
  readonly location?: 'side' | 'main';
}

/** The two sides of a call, in the order they are shown and opened. */
export const callChannels = ['you', 'participant'] as const;
export type CallChannel = (typeof callChannels)[number];

export interface CaptureSourceContribution {
  readonly id: string;
  readonly title: string;
  readonly channels: readonly CallChannel[];
  readonly description?: string;
}

export interface TranscriberContribution {
  readonly id: string;
  readonly title: string;
  readonly transports?: readonly ('webrtc' | 'websocket')[];
}

export interface ReplyProviderContribution {
  readonly id: string;
  readonly title: string;
}

export interface AssistantToolContribution {
  /** Function name as the model sees it: letters, digits, `_` and `-`, at most 64. */
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
}

export interface ConfigurationContribution {
  readonly title?: string;
  /** Setting key (local to the plugin) → JSON Schema of its value, with `default`, `title`, `description`. */
  readonly properties: { readonly [key: string]: JsonSchema };
}

export interface Contributes {
  readonly configuration?: ConfigurationContribution;
  readonly commands?: readonly CommandContribution[];
  readonly panels?: readonly PanelContribution[];
  readonly captureSources?: readonly CaptureSourceContribution[];
  readonly transcribers?: readonly TranscriberContribution[];
  readonly replyProviders?: readonly ReplyProviderContribution[];
  readonly assistantTools?: readonly AssistantToolContribution[];
}

export type SecretKind = 'realtime' | 'transcription';

export interface Permissions {
  /** Origins (scheme://host[:port]) that `api.net.fetch` may reach. */
  readonly network?: readonly string[];
  /** Kinds of short-lived client secrets the plugin may mint. */
  readonly secrets?: readonly SecretKind[];
  /** May send requests to the current engine (OpenAI or the local engine) through `api.engine.fetch`; the key stays in the shell. */
  readonly engine?: boolean;
  /** May list and run other plugins' assistant tools (`api.tools.list/invoke`), as the assistant does. */
  readonly tools?: boolean;
  /** Setting keys whose value is a path the user chose: `api.files.read(key)` may read that one file. */
  readonly userFiles?: readonly string[];
}

/** The Sotto fields of a plugin's package.json, as written by its author. */
export interface PluginManifest {
  readonly id: string;
  readonly name?: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly version: string;
  readonly main: string;
  readonly engines: { readonly sotto: string };
  readonly activationEvents?: readonly string[];
  /** Built-in plugins start enabled unless this is false (e.g. capture-file, a source for demos and tests). */
  readonly enabledByDefault?: boolean;
  readonly permissions?: Permissions;
  readonly contributes?: Contributes;
}

export type ContributionPointName = keyof Contributes;
