import { PluginError, type CallChannel } from '@sotto/api';
import type { HostRealtimeConnection } from '@sotto/api/rpc';
import { realtimeCallsUrl, realtimeWebSocketUrl } from '../../common/realtimeEndpoints.ts';
import { connectRealtimeWebSocket, RealtimeWire, type SocketFactory } from '../../common/realtimeWire.ts';
import type { RealtimeGateway } from '../../common/services.ts';

type Connect = Parameters<RealtimeGateway['connect']>[1];

/**
 * Realtime sessions held by the page for plugins: WebRTC with the channel's captured track attached (the
 * `oai-events` data channel carries JSON both ways), or WebSocket with the client-secret subprotocol.
 */
export class BrowserRealtimeGateway implements RealtimeGateway {
  constructor(private readonly trackOf: (channel: CallChannel) => MediaStreamTrack | undefined) {}

  async connect(_pluginId: string, options: Connect): Promise<HostRealtimeConnection> {
    if (options.transport === 'websocket') return connectRealtimeWebSocket(realtimeWebSocketUrl(options.secret, options.model), options.secret.value, ((url: string, protocols: string[]) => new WebSocket(url, protocols)) as unknown as SocketFactory);
    return this.webrtc(options);
  }

  private async webrtc(options: Connect): Promise<HostRealtimeConnection> {
    const track = this.trackOf(options.channel);
    if (!track) throw new PluginError('E_UNAVAILABLE', `No captured audio for "${options.channel}": start capture before connecting.`);
    const wire = new RealtimeWire();
    const pc = new RTCPeerConnection();
    pc.addTrack(track, new MediaStream([track]));
    const channel = pc.createDataChannel('oai-events');
    const transport = {
      get isOpen() {
        return channel.readyState === 'open';
      },
      get isConnecting() {
        return channel.readyState === 'connecting';
      },
      send: (text: string) => channel.send(text),
    };
    channel.onopen = () => {
      wire.setState({ status: 'open' });
      wire.flush(transport.send);
    };
    channel.onmessage = (message) => wire.receive(message.data);
    channel.onclose = () => wire.end({ status: 'closed', detail: 'The data channel closed.' });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') wire.end({ status: 'failed', detail: 'The peer connection failed.' });
      if (pc.connectionState === 'closed') wire.end({ status: 'closed', detail: 'The peer connection closed.' });
    };
    await pc.setLocalDescription(await pc.createOffer());
    const response = await fetch(realtimeCallsUrl(options.secret), {
      method: 'POST',
      body: pc.localDescription!.sdp,
      headers: { Authorization: `Bearer ${options.secret.value}`, 'Content-Type': 'application/sdp' },
    }).catch((error: Error) => {
      pc.close();
      throw new PluginError('E_UPSTREAM', `Could not reach the Realtime API: ${error.message}`);
    });
    if (!response.ok) {
      pc.close();
      const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      throw new PluginError('E_UPSTREAM', `The Realtime API refused the call (${response.status}): ${body?.error?.message ?? response.statusText}`);
    }
    wire.setState({ callId: response.headers.get('location')?.split('/').pop() });
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
    return {
      events$: wire.events$,
      state$: wire.state$,
      send: (event) => wire.send(event, transport),
      close: () => {
        pc.close();
        wire.end({ status: 'closed', detail: 'Closed by Sotto.' });
      },
    };
  }
}
