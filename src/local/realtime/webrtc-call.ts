import { RTCPeerConnection, RTCRtpCodecParameters, type RTCDataChannel } from 'werift';
import type { RealtimeTransport } from './events.ts';
import { OpusToPcm24k } from './opus.ts';
import type { RealtimeSession } from './session.ts';
import { DataChannelSender, type DataChannelWorkaround } from './data-channel-sender.ts';

const GATHERING_TIMEOUT_MS = 5000;

/**
 * The server side of a WebRTC call: answers the browser's offer (Opus audio + the client-created `oai-events` data
 * channel), decodes the uplink to 24 kHz PCM16 for the session, and carries the session's events on the channel.
 */
export class WebRtcCall {
  readonly pc = new RTCPeerConnection({
    codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })] },
    iceUseIpv6: false,
    iceServers: [],
  });
  readonly opus = new OpusToPcm24k();
  private channel: RTCDataChannel | undefined;
  sender: DataChannelSender | undefined;
  private transport: RealtimeTransport | undefined;
  /** The decoded uplink and send times, kept only for the test-only admin routes (audio up to five minutes). */
  readonly uplink: Int16Array[] = [];
  private uplinkSamples = 0;

  constructor(
    readonly id: string,
    readonly session: RealtimeSession,
    private readonly workaround: { mode: DataChannelWorkaround; windowMs: number },
    private readonly keepUplink = false,
  ) {}

  /** Sets the offer, gathers candidates (no trickle) and returns the answer SDP. */
  async answer(offerSdp: string): Promise<string> {
    await this.opus.ready;
    this.pc.onRemoteTransceiverAdded.subscribe((transceiver) => {
      transceiver.onTrack.subscribe((track) => {
        if (track.kind !== 'audio') return;
        track.onReceiveRtp.subscribe((rtp) => {
          const pcm = this.opus.decode(rtp.payload);
          if (this.keepUplink && this.uplinkSamples < 24000 * 300) {
            this.uplink.push(pcm);
            this.uplinkSamples += pcm.length;
          }
          this.session.appendAudio(pcm);
        });
      });
    });
    this.pc.onDataChannel.subscribe((channel) => this.adopt(channel));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.end();
    });
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHERING_TIMEOUT_MS);
        this.pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && (clearTimeout(timer), resolve()));
      });
    }
    return this.pc.localDescription?.sdp ?? '';
  }

  private adopt(channel: RTCDataChannel): void {
    if (channel.label !== 'oai-events') return;
    this.channel = channel;
    const opened = () => {
      this.sender = new DataChannelSender(channel, this.workaround.mode, this.workaround.windowMs);
      const sender = this.sender;
      if (this.keepUplink) sender.sentAt = new Map();
      this.transport = {
        kind: 'webrtc',
        send: (text) => sender.send(text),
        close: () => this.hangup(),
        drop: (what) => (what === 'data_channel' ? channel.close() : void this.pc.close()),
      };
      // werift fires `open` before its DCEP ACK goes out; the first event waits a tick so the ACK leads.
      setTimeout(() => this.transport && this.session.attach(this.transport), 1);
    };
    if (channel.readyState === 'open') opened();
    else channel.stateChanged.subscribe((state) => state === 'open' && opened());
    channel.onMessage.subscribe((data) => this.session.receive(data.toString()));
    channel.stateChanged.subscribe((state) => state === 'closed' && this.end());
  }

  /** Closes the data channel, then the peer connection (as OpenAI does at expiry or hangup). */
  hangup(): void {
    this.channel?.close();
    void this.pc.close();
    this.end();
  }

  private ended = false;

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.sender?.close();
    if (this.transport) this.session.detach(this.transport);
    else this.session.close();
    this.opus.free();
  }
}
