import { describe, expect, it } from 'vitest';
import { createTestHost } from '@sotto/api/testing';
import type { AudioDeviceInfo, CaptureSelection, PluginManifest } from '@sotto/api';
import plugin from '../src/index.ts';
import manifest from '../package.json' with { type: 'json' };

const device = (deviceId: string, label: string, isDefault = false): AudioDeviceInfo => ({ deviceId, label, kind: 'audioinput', isDefault });
const macbook = [device('default', 'Default - MacBook Pro Microphone', true), device('mbp', 'MacBook Pro Microphone'), device('bh2', 'BlackHole 2ch'), device('usb', 'USB Headset')];

async function pick(devices: readonly AudioDeviceInfo[], settings: Record<string, unknown> = {}): Promise<CaptureSelection> {
  const host = createTestHost(plugin, { manifest: manifest as PluginManifest, settings });
  await host.activate();
  return host.invoke<CaptureSelection>('captureSources', 'blackhole', 'pickDevices', devices);
}

describe('capture-blackhole picks the devices of a call', () => {
  it('uses the default mic and BlackHole, with no processing on by default', async () => {
    const selection = await pick(macbook);
    expect(selection.you).toEqual({ kind: 'device', deviceId: 'default' });
    expect(selection.participant).toEqual({ kind: 'device', deviceId: 'bh2' });
    expect(selection.micProcessing).toEqual({ echoCancellation: false, noiseSuppression: false, autoGainControl: false });
    expect(selection.silenceAlertSeconds).toBe(10);
    expect(selection.echoSuppression).toBe('auto');
    expect(selection.problems).toEqual([]);
  });

  it('follows the settings: mic and participant by name, processing, silence alert', async () => {
    const devices = [...macbook, device('loop', 'systemAudio'), device('bh16', 'BlackHole 16ch')];
    const selection = await pick(devices, { microphone: 'usb headset', participantDevice: 'BlackHole 16ch', echoCancellation: true, silenceAlertSeconds: 3, echoSuppression: 'off' });
    expect(selection.you).toEqual({ kind: 'device', deviceId: 'usb' });
    expect(selection.participant).toEqual({ kind: 'device', deviceId: 'bh16' });
    expect(selection.micProcessing?.echoCancellation).toBe(true);
    expect(selection.silenceAlertSeconds).toBe(3);
    expect(selection.echoSuppression).toBe('off');
  });

  it('takes the virtual devices in the configured order', async () => {
    const devices = [device('mic', 'MacBook Pro Microphone', true), device('loop', 'systemAudio'), device('bh16', 'BlackHole 16ch')];
    expect((await pick(devices)).participant).toEqual({ kind: 'device', deviceId: 'bh16' });
    expect((await pick(devices, { virtualDeviceNames: ['systemAudio'] })).participant).toEqual({ kind: 'device', deviceId: 'loop' });
  });

  it('says how to install BlackHole when no virtual device is connected', async () => {
    const selection = await pick(macbook.filter((d) => d.deviceId !== 'bh2'));
    expect(selection.participant).toBeUndefined();
    expect(selection.you).toEqual({ kind: 'device', deviceId: 'default' });
    expect(selection.problems).toHaveLength(1);
    expect(selection.problems![0]!.code).toBe('virtual-device-missing');
    expect(selection.problems![0]!.message).toContain('brew install blackhole-2ch');
    expect(selection.problems![0]!.message).toContain('Multi-Output Device');
  });

  it('never uses the virtual device as the mic, even when it is the system default', async () => {
    const devices = [device('default', 'Default - BlackHole 2ch', true), device('bh2', 'BlackHole 2ch'), device('mbp', 'MacBook Pro Microphone')];
    const selection = await pick(devices);
    expect(selection.you).toEqual({ kind: 'device', deviceId: 'mbp' });
    expect(selection.participant).toEqual({ kind: 'device', deviceId: 'bh2' });
  });

  it('falls back to the default mic when the chosen one is unplugged, and says so', async () => {
    const selection = await pick(macbook, { microphone: 'Yeti' });
    expect(selection.you).toEqual({ kind: 'device', deviceId: 'default' });
    expect(selection.problems?.map((p) => p.message)).toEqual([expect.stringContaining('"Yeti" is not connected')]);
  });
});

describe('capture-blackhole across picks', () => {
  it('says the virtual device was unplugged when it disappears after being picked', async () => {
    const host = createTestHost(plugin, { manifest: manifest as PluginManifest });
    await host.activate();
    const first = await host.invoke<CaptureSelection>('captureSources', 'blackhole', 'pickDevices', macbook);
    expect(first.participant).toEqual({ kind: 'device', deviceId: 'bh2' });
    const again = await host.invoke<CaptureSelection>('captureSources', 'blackhole', 'pickDevices', macbook.filter((d) => d.deviceId !== 'bh2'));
    expect(again.problems?.map((p) => [p.code, p.message])).toEqual([['device-vanished', expect.stringContaining('"BlackHole 2ch", which carried the participant\'s audio, is no longer connected')]]);
  });
});
