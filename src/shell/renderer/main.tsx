import 'reflect-metadata';
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { CallController } from '../../host/common/call/callController.ts';
import { BrowserCaptureService } from '../../host/browser/capture/browserCaptureService.ts';
import { BridgeSettings } from './services/bridgeSettings.ts';
import { connectBridge } from './services/bridgeClient.ts';
import { composeHost } from './services/composeHost.ts';
import { savePinnedReplies } from './services/pinnedReplies.ts';
import { recordTranscripts, trackCallIds } from './services/transcriptRecorder.ts';
import { createWorkbench, type LogLine } from './state/workbench.ts';
import './styles.css';

async function boot(root: HTMLElement): Promise<void> {
  const bridge = connectBridge();
  const [info, catalog, snapshot] = await Promise.all([bridge.getInfo(), bridge.listPlugins(), bridge.getSettings()]);
  const [logs, setLogs] = createSignal<readonly LogLine[]>([]);
  const settings = new BridgeSettings(bridge, snapshot);
  // The Realtime gateway attaches captured tracks, which the call controller (built on the host) owns.
  const calls: { current?: CallController } = {};
  const host = composeHost(
    bridge,
    catalog,
    settings,
    {
      log: (pluginId, level, message) => {
        setLogs((list) => [...list.slice(-199), { at: Date.now(), pluginId, level, message }]);
        console[level === 'info' ? 'log' : level](`[${pluginId}] ${message}`);
      },
    },
    (channel) => calls.current?.trackOf(channel),
  );
  const call = (calls.current = new CallController(host, new BrowserCaptureService()));
  const wb = createWorkbench({ bridge, host, settings, info, logs, call });
  root.textContent = '';
  render(() => <App wb={wb} />, root);
  const callIds = trackCallIds(host.bus);
  recordTranscripts(host.bus, bridge, callIds, (message) => wb.notify('error', message));
  savePinnedReplies(wb, callIds);
  // For diagnostics and tests from the page itself; the page's CSP admits no other script to read it.
  Object.assign(window, { __sotto: { host, bridge, call } });
  await host.start();
}

const root = document.getElementById('app')!;
boot(root).catch((error: Error) => {
  root.innerHTML = '';
  const message = document.createElement('pre');
  message.className = 'fatal';
  message.setAttribute('role', 'alert');
  message.textContent = `Sotto could not start: ${error.message}`;
  root.append(message);
});
