import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import type { LocalServer } from '../../../src/local/index.ts';
import { localWithClient } from './support/server.ts';

let server: LocalServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await localWithClient());
});
afterAll(() => server.close());

/** A real offer (audio + data channel), made by werift as a stand-in browser; no media flows in these tests. */
async function offer(): Promise<{ pc: RTCPeerConnection; sdp: string }> {
  const pc = new RTCPeerConnection({ iceServers: [], codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })] } });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  pc.createDataChannel('oai-events');
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: pc.localDescription?.sdp ?? '' };
}

describe('realtime calls (SDP)', () => {
  it("answers the SDK's multipart calls.create with 201, an answer SDP and the call id in Location; hangup ends it", async () => {
    const { pc, sdp } = await offer();
    const response = await client.realtime.calls.create({ sdp, session: { type: 'realtime', model: 'gpt-realtime', instructions: 'be brief' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/sdp');
    const callId = (response.headers.get('location') ?? '').split('/').pop() as string;
    expect(callId).toMatch(/^rtc_/);
    const answer = await response.text();
    expect(answer).toMatch(/^v=0/);
    expect(answer).toContain('m=audio');
    expect(answer).toContain('opus/48000/2');
    expect(answer).toContain('m=application');
    await client.realtime.calls.hangup(callId);
    await expect(client.realtime.calls.hangup(callId)).rejects.toMatchObject({ status: 404 });
    await pc.close();
  });

  it('takes the session from an ek_ key on raw SDP, and refuses an expired or unknown key', async () => {
    const secret = await client.realtime.clientSecrets.create({ expires_after: { anchor: 'created_at', seconds: 10 }, session: { type: 'transcription' } });
    const { pc, sdp } = await offer();
    const post = (key: string) => fetch(`${server.url}/realtime/calls`, { method: 'POST', body: sdp, headers: { 'content-type': 'application/sdp', authorization: `Bearer ${key}` } });
    const ok = await post(secret.value);
    expect(ok.status).toBe(201);
    const refused = await post('ek_nope');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    const bad = await fetch(`${server.url}/realtime/calls`, { method: 'POST', body: 'hello', headers: { 'content-type': 'application/sdp', authorization: 'Bearer sk-x' } });
    expect(bad.status).toBe(400);
    await pc.close();
  });
});
