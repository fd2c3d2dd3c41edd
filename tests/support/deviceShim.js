// Test-only init script (test-harness.md §8.3, option A): fake audio inputs, each playing its own WAV.
// Chromium's fake-device flag plays one file on every input; this shim gives each device its own sound.
// Configure it before it runs with `globalThis.__deviceShimConfig = { devices: [{ deviceId, label, wav (base64),
// loop }], deny, labelsAfterGrant, busy: [deviceId], sharedClock }`; with `sharedClock` every file plays on one clock
// from the first device opened, as a call goes on however late a device is opened (the mic's echo of the
// participant then stays later than the participant's own audio, whatever the order of opening); drive it with `__deviceShim.remove(deviceId)`, `.plugIn(deviceId)`, `.opened`.
// `labelsAfterGrant` hides labels until getUserMedia has succeeded once, as real browsers do.
(() => {
  const config = globalThis.__deviceShimConfig;
  if (!config) return;
  const media = navigator.mediaDevices;
  const realGetUserMedia = media.getUserMedia.bind(media);
  const devices = new Map(config.devices.map((d) => [d.deviceId, d]));
  const unplugged = new Map();
  const live = new Map(); // deviceId → tracks handed out
  let context;
  let epoch;
  const buffers = new Map();

  const decode = (device) => {
    if (!buffers.has(device.deviceId)) {
      const bytes = Uint8Array.from(atob(device.wav), (c) => c.charCodeAt(0));
      buffers.set(device.deviceId, context.decodeAudioData(bytes.buffer));
    }
    return buffers.get(device.deviceId);
  };

  let granted = !config.labelsAfterGrant;
  const info = (d) => ({ deviceId: d.deviceId, groupId: d.groupId ?? d.deviceId, kind: 'audioinput', label: granted ? d.label : '', toJSON() { return this; } });

  media.enumerateDevices = async () => [...devices.values()].map(info);

  const requestedId = (audio) => {
    const id = typeof audio === 'object' ? audio.deviceId : undefined;
    if (id === undefined) return 'default';
    if (typeof id === 'string') return id;
    return id.exact ?? id.ideal ?? 'default';
  };

  media.getUserMedia = async (constraints) => {
    if (!constraints?.audio) return realGetUserMedia(constraints);
    if (config.deny) throw new DOMException('Permission denied', 'NotAllowedError');
    const id = requestedId(constraints.audio);
    const device = devices.get(id);
    if (!device) throw new DOMException('Requested device not found', id === 'default' ? 'NotFoundError' : 'OverconstrainedError');
    if (config.busy?.includes(id)) throw new DOMException('Could not start audio source', 'NotReadableError');
    context ??= new AudioContext();
    await context.resume();
    const source = new AudioBufferSourceNode(context, { buffer: await decode(device), loop: device.loop !== false });
    const destination = new MediaStreamAudioDestinationNode(context, { channelCount: 1 });
    source.connect(destination);
    // On the shared clock a device opened later joins its recording where the call has got to.
    epoch ??= context.currentTime;
    source.start(0, config.sharedClock ? context.currentTime - epoch : 0);
    const track = destination.stream.getAudioTracks()[0];
    const settings = track.getSettings.bind(track);
    Object.defineProperty(track, 'label', { value: device.label });
    track.getSettings = () => ({ ...settings(), deviceId: device.deviceId });
    track.addEventListener('ended', () => source.stop());
    if (!live.has(id)) live.set(id, []);
    live.get(id).push({ track, source });
    granted = true;
    shim.opened.push({ deviceId: id, constraints: JSON.parse(JSON.stringify(constraints.audio)) });
    return destination.stream;
  };

  const shim = {
    opened: [],
    /** Unplugs a device: its tracks end, and the system says the device list changed. */
    remove(deviceId) {
      unplugged.set(deviceId, devices.get(deviceId));
      devices.delete(deviceId);
      for (const { track, source } of live.get(deviceId) ?? []) {
        source.stop();
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
      live.delete(deviceId);
      media.dispatchEvent(new Event('devicechange'));
    },
    /** Plugs a removed device back in. */
    plugIn(deviceId) {
      devices.set(deviceId, unplugged.get(deviceId));
      unplugged.delete(deviceId);
      media.dispatchEvent(new Event('devicechange'));
    },
  };
  globalThis.__deviceShim = shim;
})();
