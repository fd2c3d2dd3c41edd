import type { Observable } from 'rxjs';
import type { CancellationToken } from './common/cancellation.ts';
import type { Disposable } from './common/disposable.ts';
import type { Event } from './common/event.ts';
import type { CallChannel, PluginManifest, SecretKind } from './manifest/types.ts';
import type { AudioDeviceInfo, AudioInput, CaptureInput, CaptureProblem, EchoSuppression, MicProcessing } from './model/audio.ts';
import type { Question, StreamTypes, TranscriptSegment } from './model/call.ts';
import type { PanelModel } from './model/panel.ts';
import type { ClientSecret, EngineInfo, NetRequest, NetResponse, SettingChange, ToolInfo, UserFile } from './model/services.ts';
import type { RealtimeConnectOptions, RealtimeConnection } from './model/realtime.ts';

/** A value, or a promise of it: providers may answer either way. */
export type ProviderResult<T> = T | Promise<T>;

/** A typed stream shared by all plugins: anyone may publish, everyone subscribed hears it. */
export interface SottoStream<T> {
  readonly events$: Observable<T>;
  publish(value: T): void;
}

export type SottoStreams = { readonly [K in keyof StreamTypes]: SottoStream<StreamTypes[K]> };

export type CommandHandler = (...args: unknown[]) => unknown;

export interface PanelProvider {
  readonly model$: Observable<PanelModel>;
  onAction?(actionId: string, payload: unknown, token: CancellationToken): ProviderResult<void>;
}

/** Picks which devices feed which side of the call. The host owns the devices and opens them. */
export interface CaptureSourceProvider {
  pickDevices(devices: readonly AudioDeviceInfo[], token: CancellationToken): ProviderResult<CaptureSelection>;
}

export interface CaptureSelection {
  readonly you?: CaptureInput;
  readonly participant?: CaptureInput;
  readonly micProcessing?: MicProcessing;
  /** Seconds of digital silence from the participant, while the mic hears speech, before warning; default 10. */
  readonly silenceAlertSeconds?: number;
  /** Remove the participant's voice leaking from the speakers into the mic; auto (default): when both sides are captured. */
  readonly echoSuppression?: EchoSuppression;
  /** Problems found while choosing, e.g. the virtual device is missing; shown to the user as they are. */
  readonly problems?: readonly CaptureProblem[];
}

/** Turns one channel's audio into transcript segments, published on `api.streams.transcript`. */
export interface TranscriberProvider {
  transcribe(audio: AudioInput, token: CancellationToken): ProviderResult<void>;
}

export interface ReplyRequest {
  readonly question: Question;
  readonly recent: readonly TranscriptSegment[];
}

export interface ReplyProvider {
  provideReply(request: ReplyRequest, token: CancellationToken): ProviderResult<string | undefined>;
}

/** A function the assistant may call. Input arrives already validated against the declared inputSchema. */
export interface AssistantTool<I = unknown, O = unknown> {
  invoke(input: I, token: CancellationToken): ProviderResult<O>;
}

/** What `api.engine.fetch` accepts: the subset of `RequestInit` the official SDK sends. */
export interface EngineFetchInit {
  readonly method?: string;
  readonly headers?: HeadersInit;
  readonly body?: BodyInit | null;
  readonly signal?: AbortSignal | null;
}

/** Options for the official `openai` SDK's constructor that route every request through `api.engine.fetch`. */
export interface EngineClientOptions {
  /** A placeholder: the shell adds the real key, which never reaches the worker. */
  readonly apiKey: string;
  readonly baseURL: string;
  readonly fetch: (url: string | URL | Request, init?: EngineFetchInit) => Promise<Response>;
  readonly dangerouslyAllowBrowser: true;
}

export interface ToolInvokeOptions {
  readonly token?: CancellationToken;
  /** Longest the tool may take; the host's default applies otherwise. */
  readonly timeoutMs?: number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Everything a plugin may do, handed to `activate`. Every `register*` id must be declared in the manifest. */
export interface SottoApi {
  readonly version: string;
  readonly streams: SottoStreams;
  readonly commands: {
    register(id: string, handler: CommandHandler): Disposable;
    /** Runs any plugin's command by its full id (`<pluginId>.<id>`). */
    execute<T = unknown>(fullId: string, ...args: unknown[]): Promise<T>;
  };
  readonly panels: { register(id: string, provider: PanelProvider): Disposable };
  readonly capture: { registerSource(id: string, provider: CaptureSourceProvider): Disposable };
  readonly transcribers: { register(id: string, provider: TranscriberProvider): Disposable };
  readonly replies: { registerProvider(id: string, provider: ReplyProvider): Disposable };
  readonly tools: {
    register<I, O>(name: string, tool: AssistantTool<I, O>): Disposable;
    /** The assistant tools of every enabled plugin, with their declared input schemas. */
    list(): Promise<ToolInfo[]>;
    /** Runs a tool of any enabled plugin; the host validates `input` against its schema first. */
    invoke<O = unknown>(name: string, input: unknown, options?: ToolInvokeOptions): Promise<O>;
  };
  readonly settings: {
    /** The value set by the user, or the schema default. */
    get<T = unknown>(key: string): T | undefined;
    /** Every setting at once, typed by the caller from its configuration schema (values are schema-checked). */
    all<T extends object = Record<string, unknown>>(): T;
    readonly onDidChange: Event<SettingChange>;
  };
  readonly secrets: {
    /** Mints a short-lived Realtime client secret; the plugin must declare the kind in `permissions.secrets`. */
    mintClientSecret(kind: SecretKind, session?: Record<string, unknown>): Promise<ClientSecret>;
  };
  readonly net: {
    /** Fetches through the host, only to origins declared in `permissions.network`. */
    fetch(url: string, init?: NetRequest): Promise<NetResponse>;
  };
  readonly engine: {
    /** The engine in use and its base URL. Needs `permissions.engine`. */
    info(): Promise<EngineInfo>;
    /** Sends a request to the engine (path under its base URL); the shell adds the key. The body streams. */
    fetch(path: string, init?: EngineFetchInit): Promise<Response>;
    /** `new OpenAI({ ...await api.engine.clientOptions(), maxRetries })` gives an SDK client that goes through `fetch`. */
    clientOptions(): Promise<EngineClientOptions>;
  };
  readonly files: {
    /**
     * Reads the files the user named in setting `key`: a file path, a folder (its files, not sub-folders) or a list
     * of paths. The key must be listed in `permissions.userFiles`; the plugin never chooses a path itself.
     */
    read(key: string): Promise<UserFile[]>;
  };
  readonly realtime: {
    /** Opens a Realtime session through the host, with a client secret the plugin minted. */
    connect(options: RealtimeConnectOptions): Promise<RealtimeConnection>;
    /**
     * Attaches to a session another plugin shared with `shareAs`. Events are seen by every attached plugin;
     * disposing detaches without closing the session. Needs `realtime` in `permissions.secrets`.
     */
    attach(name: string): Promise<RealtimeConnection>;
  };
  readonly log: Logger;
}

export interface PluginContext {
  readonly id: string;
  readonly version: string;
  readonly manifest: PluginManifest;
  /** Disposed, newest first, when the plugin is deactivated. */
  readonly subscriptions: Disposable[];
}

export interface PluginModule {
  activate(context: PluginContext, api: SottoApi): void | Promise<void>;
  deactivate?(): void | Promise<void>;
}

/** Identity helper that gives a plugin entry its types. */
export function definePlugin(module: PluginModule): PluginModule {
  return module;
}

export type { CallChannel };
