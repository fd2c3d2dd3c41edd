import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallController } from '../../src/host/common/call/callController.ts';
import { WavCaptureService } from '../../src/host/node/capture/wavCaptureService.ts';
import { headless, rotationOverlaps, sentences, shown } from '../support/transcriptionHarness.ts';
import { compressedCall, HeapWatch, MeasuredLauncher, startLocalProcess, YOURS, type LocalProcess } from '../support/longCall.ts';

// Issue 5's long-call test: an 8-hour call, compressed. OpenAI ends a session at 60 minutes and Sotto rotates at 55,
// so 8 hours is 9 rotations of each side. Here sessions rotate after ROTATE_S seconds, `sotto local` ends them after
// twice that, and a 7-minute recording of turn-taking plays at SPEED × real time: 17 rotations a side. Every line must
// come out once, on its side, at its time; no session may expire; memory must stay flat.
const CYCLES = 14;
const SPEED = 6;
const ROTATE_S = 4;

describe('an 8-hour call, compressed', () => {
  let local: LocalProcess;
  beforeAll(async () => {
    local = await startLocalProcess([...sentences, ...YOURS], 2 * ROTATE_S);
  }, 60_000);
  afterAll(() => local?.close());

  it('rotates each side 9+ times with no line lost or doubled, and memory stays flat', async () => {
    const call = compressedCall(CYCLES);
    const launcher = new MeasuredLauncher();
    const run = await headless(local, { rotateAfterSeconds: ROTATE_S }, { launcher });
    const capture = new WavCaptureService({ speed: SPEED });
    const controller = new CallController(run.host, capture);
    const heap = new HeapWatch(launcher, 'transcription');
    try {
      await run.host.start();
      await controller.start({ participant: { kind: 'file', url: call.participantFile }, you: { kind: 'file', url: call.youFile } });
      await heap.sampleWhile(capture.whenFinished(), call.seconds / SPEED);
      const finals = () => run.segments.filter((s) => s.final && !s.gap).length;
      const deadline = Date.now() + 30_000;
      while (finals() < call.lines.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      const lines = shown(run.segments);
      const lane = (channel: string) => lines.filter((line) => line.channel === channel);
      expect(lines.filter((line) => line.gap)).toEqual([]);
      expect(lines.every((line) => line.final)).toBe(true);
      expect(lane('participant').map((line) => line.text)).toEqual(call.lines.filter((l) => l.channel === 'participant').map((l) => l.text));
      expect(lane('you').map((line) => line.text)).toEqual(call.lines.filter((l) => l.channel === 'you').map((l) => l.text));
      // Each line where it was said (the server's voice detection keeps up to 300 ms before speech).
      for (const [i, line] of call.lines.entries()) {
        const heard = lane(line.channel).find((l) => l.text === line.text && Math.abs(l.start - line.at) < 0.6);
        expect(heard, `line ${i} "${line.text}" at ${line.at.toFixed(1)} s`).toBeDefined();
      }
      const rotations = (side: string) => run.states.filter((s) => s.detail?.startsWith(`Rotated ${side} session`)).length;
      expect(rotations("the participant's")).toBeGreaterThanOrEqual(9);
      expect(rotations('your')).toBeGreaterThanOrEqual(9);
      // At every handover the newcomer had been listening already: no audio went unheard.
      const overlaps = rotationOverlaps(run.states);
      expect(overlaps.length).toBe(rotations("the participant's") + rotations('your'));
      expect(Math.min(...overlaps)).toBeGreaterThan(0);
      // Rotation always came before the limit: no session expired, nothing had to be recovered.
      expect(run.states.filter((s) => s.status !== 'live')).toEqual([{ status: 'starting', detail: 'Choosing audio devices…' }]);

      // Your newest session was given the recent conversation when it took over, your own lines included.
      const admin = local.url.replace(/\/v1$/, '/__admin');
      const sessions = (await (await fetch(`${admin}/sessions`)).json()).data as { id: string; type: string }[];
      const yours = sessions.filter((s) => s.type === 'realtime').at(-1)!;
      const items = (await (await fetch(`${admin}/sessions/${yours.id}/items`)).json()).data as { text?: string }[];
      const carried = items.map((item) => item.text ?? '').filter((text) => text.startsWith('[You] '));
      expect(carried.length).toBeGreaterThan(0);
      expect(carried.every((text) => YOURS.includes(text.slice('[You] '.length)))).toBe(true);

      const report = heap.report();
      console.info(`long call: ${call.lines.length} lines over ${call.seconds.toFixed(0)} s of audio; heap after GC ${report}`);
      expect(heap.growth(), report).toBeLessThanOrEqual(0.1);
    } finally {
      await controller.stop();
      await run.host.dispose();
    }
  }, 240_000);
});
