import { definePlugin, type SottoApi } from '@sotto/api';
import { pickDevices, type CaptureSettings } from './pickDevices.ts';

function readSettings(api: SottoApi): CaptureSettings {
  const get = <T>(key: keyof CaptureSettings) => api.settings.get<T>(key)!;
  return {
    microphone: get<string>('microphone'),
    participantDevice: get<string>('participantDevice'),
    virtualDeviceNames: get<string[]>('virtualDeviceNames'),
    echoCancellation: get<boolean>('echoCancellation'),
    noiseSuppression: get<boolean>('noiseSuppression'),
    autoGainControl: get<boolean>('autoGainControl'),
    silenceAlertSeconds: get<number>('silenceAlertSeconds'),
  };
}

export default definePlugin({
  activate(context, api) {
    context.subscriptions.push(api.capture.registerSource('blackhole', { pickDevices: (devices) => pickDevices(devices, readSettings(api)) }));
  },
});
