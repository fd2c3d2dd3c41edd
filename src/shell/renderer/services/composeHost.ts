import { container } from 'tsyringe';
import { PluginHost } from '../../../host/common/pluginHost.ts';
import { defaultSupervisionPolicy, tokens, type HostLog, type ShellGateway } from '../../../host/common/services.ts';
import { WebWorkerLauncher } from '../../../host/browser/webWorkerLauncher.ts';
import { BrowserRealtimeGateway } from '../../../host/browser/realtime/browserRealtimeGateway.ts';
import type { CallChannel } from '@sotto/api';
import type { PluginDescription } from '../../../host/common/pluginDescription.ts';
import type { Bridge } from '../../common/bridge.ts';
import type { BridgeSettings } from './bridgeSettings.ts';
import { connectEngineFetch } from './bridgeClient.ts';

/** The page's composition root for the plugin host: the shell's services go in, the host knows no shell. */
export function composeHost(bridge: Bridge, catalog: readonly PluginDescription[], settings: BridgeSettings, log: HostLog, trackOf: (channel: CallChannel) => MediaStreamTrack | undefined): PluginHost {
  const gateway: ShellGateway = {
    mintClientSecret: (pluginId, kind, session) => bridge.mintClientSecret({ pluginId, kind, session }),
    fetch: (pluginId, url, init) => bridge.netFetch({ pluginId, url, init }),
    engineInfo: (pluginId) => bridge.engineInfo({ pluginId }),
    engineFetch: connectEngineFetch(),
    readUserFiles: (pluginId, key) => bridge.readUserFiles({ pluginId, key }),
  };
  const scope = container.createChildContainer();
  scope.register(tokens.Catalog, { useValue: catalog });
  scope.register(tokens.WorkerLauncher, { useValue: new WebWorkerLauncher() });
  scope.register(tokens.HostSettings, { useValue: settings });
  scope.register(tokens.ShellGateway, { useValue: gateway });
  scope.register(tokens.HostLog, { useValue: log });
  scope.register(tokens.SupervisionPolicy, { useValue: defaultSupervisionPolicy });
  scope.register(tokens.RealtimeGateway, { useValue: new BrowserRealtimeGateway(trackOf) });
  return scope.resolve(PluginHost);
}
