import WebSocket from 'ws';
import { PluginError } from '@sotto/api';
import type { HostRealtimeConnection } from '@sotto/api/rpc';
import { realtimeWebSocketUrl } from '../common/realtimeEndpoints.ts';
import { connectRealtimeWebSocket, type SocketFactory } from '../common/realtimeWire.ts';
import type { RealtimeGateway } from '../common/services.ts';

/** Realtime sessions over WebSocket for the headless host (`sotto replay`, tests). WebRTC needs a browser. */
export class WsRealtimeGateway implements RealtimeGateway {
  async connect(_pluginId: string, options: Parameters<RealtimeGateway['connect']>[1]): Promise<HostRealtimeConnection> {
    if (options.transport !== 'websocket') throw new PluginError('E_UNAVAILABLE', 'WebRTC needs a browser; headless runs use the WebSocket transport.');
    return connectRealtimeWebSocket(realtimeWebSocketUrl(options.secret, options.model), options.secret.value, ((url: string, protocols: string[]) => new WebSocket(url, protocols)) as unknown as SocketFactory);
  }
}
