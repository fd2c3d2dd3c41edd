import { createSignal, from, type Accessor } from 'solid-js';
import { scan, startWith } from 'rxjs';
import type { AssistantAnswer, PanelModel, Reply, TranscriptSegment } from '@sotto/api';
import type { PluginHost } from '../../../host/common/pluginHost.ts';
import type { CallController } from '../../../host/common/call/callController.ts';
import type { PluginState } from '../../../host/common/pluginDescription.ts';
import type { Bridge, SettingsSnapshot, ShellInfo } from '../../common/bridge.ts';
import type { BridgeSettings } from '../services/bridgeSettings.ts';
import { createTranscriptFold } from './transcript.ts';

export interface LogLine {
  readonly at: number;
  readonly pluginId: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly message: string;
}

export interface CommandEntry {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly keybinding?: string;
  run(): Promise<unknown> | void;
}

/** Everything the workbench components read, as Solid signals over the host's streams. */
export interface Workbench {
  readonly bridge: Bridge;
  readonly host: PluginHost;
  readonly call: CallController;
  readonly settings: BridgeSettings;
  readonly info: Accessor<ShellInfo>;
  setInfo(info: ShellInfo): void;
  readonly plugins: Accessor<readonly PluginState[]>;
  readonly panels: Accessor<ReadonlyMap<string, PanelModel>>;
  readonly transcript: Accessor<readonly TranscriptSegment[]>;
  readonly replies: Accessor<readonly Reply[]>;
  readonly answers: Accessor<readonly AssistantAnswer[]>;
  readonly settingsSnapshot: Accessor<SettingsSnapshot>;
  readonly logs: Accessor<readonly LogLine[]>;
  readonly toasts: Accessor<readonly Toast[]>;
  notify(kind: Toast['kind'], message: string): void;
  readonly activeTab: Accessor<string>;
  showTab(id: string): void;
}

const upsert = <T extends { id: string }>(list: T[], item: T) => [...list.filter((x) => x.id !== item.id), item];

export function createWorkbench(deps: { bridge: Bridge; host: PluginHost; call: CallController; settings: BridgeSettings; info: ShellInfo; logs: Accessor<readonly LogLine[]> }): Workbench {
  const [info, setInfo] = createSignal(deps.info);
  const [toasts, setToasts] = createSignal<readonly Toast[]>([]);
  const [activeTab, showTab] = createSignal('transcript');
  let nextToast = 1;
  const bus = deps.host.bus;
  return {
    ...deps,
    info,
    setInfo,
    plugins: from(deps.host.plugins$, []) as Accessor<readonly PluginState[]>,
    panels: from(deps.host.contributions.panels$) as Accessor<ReadonlyMap<string, PanelModel>>,
    transcript: from(bus.stream('transcript').pipe(scan(createTranscriptFold(), [] as TranscriptSegment[]), startWith([])), []) as Accessor<readonly TranscriptSegment[]>,
    replies: from(bus.stream('replies').pipe(scan(upsert<Reply>, [] as Reply[]), startWith([])), []) as Accessor<readonly Reply[]>,
    answers: from(bus.stream('answers').pipe(scan(upsert<AssistantAnswer>, [] as AssistantAnswer[]), startWith([])), []) as Accessor<readonly AssistantAnswer[]>,
    settingsSnapshot: from(deps.settings.snapshot$.pipe(startWith(deps.settings.current())), deps.settings.current()) as Accessor<SettingsSnapshot>,
    toasts,
    notify(kind, message) {
      const id = nextToast++;
      setToasts((list) => [...list, { id, kind, message }].slice(-4));
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 8_000 : 4_000);
    },
    activeTab,
    showTab,
  };
}
