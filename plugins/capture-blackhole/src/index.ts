import { definePlugin, type EchoSuppression, type SottoApi } from '@sotto/api';
import { pickDevices, type CaptureSettings } from './pickDevices.ts';

function readSettings(api: SottoApi): CaptureSettings {
  const get = <T>(key: keyof CaptureSettings) => api.settings.get<T>(key)!;
  return {
    microphone: get<string>('microphone'),
    participantDevice: get<string>('participantDevice'),
    virtualDeviceNames: get<string[]>('virtualDeviceNames'),
    echoCancellation: get<boolean>('echoCancellation'),
    echoSuppression: get<EchoSuppression>('echoSuppression'),
    noiseSuppression: get<boolean>('noiseSuppression'),
    autoGainControl: get<boolean>('autoGainControl'),
    silenceAlertSeconds: get<number>('silenceAlertSeconds'),
  };
}

export default definePlugin({
  activate(context, api) {
    let previous: string | undefined;
    context.subscriptions.push(
      api.capture.registerSource('blackhole', {
        pickDevices: (devices) => {
          const selection = pickDevices(devices, readSettings(api), previous);
          const input = selection.participant;
          if (input?.kind === 'device') previous = devices.find((d) => d.deviceId === input.deviceId)?.label;
          return selection;
        },
      }),
    );
  },
});
