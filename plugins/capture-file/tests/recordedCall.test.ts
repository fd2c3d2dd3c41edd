import { describe, expect, it } from 'vitest';
import { createTestHost } from '@sotto/api/testing';
import type { CaptureSelection, PluginManifest } from '@sotto/api';
import plugin from '../src/index.ts';
import manifest from '../package.json' with { type: 'json' };

async function pick(settings: Record<string, unknown>): Promise<CaptureSelection> {
  const host = createTestHost(plugin, { manifest: manifest as PluginManifest, settings });
  await host.activate();
  return host.invoke<CaptureSelection>('captureSources', 'file', 'pickDevices', []);
}

describe('capture-file replays a recorded call', () => {
  it('is off until the user turns it on', () => {
    expect(manifest.enabledByDefault).toBe(false);
  });

  it('splits one stereo recording: left is you, right is the participant', async () => {
    expect(await pick({ stereoFile: '/rec/call.wav', micFile: '/rec/mic.wav' })).toEqual({
      you: { kind: 'file', url: '/rec/call.wav', channel: 0 },
      participant: { kind: 'file', url: '/rec/call.wav', channel: 1 },
      silenceAlertSeconds: 10,
    });
  });

  it('plays two recordings, one per side', async () => {
    expect(await pick({ micFile: ' /rec/mic.wav ', participantFile: '/rec/them.wav', silenceAlertSeconds: 2 })).toEqual({
      you: { kind: 'file', url: '/rec/mic.wav' },
      participant: { kind: 'file', url: '/rec/them.wav' },
      silenceAlertSeconds: 2,
    });
  });

  it('says what to set when no recording is set', async () => {
    const selection = await pick({});
    expect(selection.you).toBeUndefined();
    expect(selection.problems?.[0]?.message).toContain('No recording to replay');
  });
});
