import { definePlugin, type CaptureSelection, type SottoApi } from '@sotto/api';

/** The recordings set in the settings, as the inputs of a call: one stereo file split in two, or two files. */
export function recordedCall(settings: { stereoFile: string; micFile: string; participantFile: string; silenceAlertSeconds: number }): CaptureSelection {
  const { stereoFile, micFile, participantFile, silenceAlertSeconds } = settings;
  if (stereoFile) return { you: { kind: 'file', url: stereoFile, channel: 0 }, participant: { kind: 'file', url: stereoFile, channel: 1 }, silenceAlertSeconds };
  if (!micFile && !participantFile) {
    return { problems: [{ code: 'capture-failed', message: 'No recording to replay: set a stereo recording, or your and the participant\'s recordings, in the "Capture (recording)" settings.' }] };
  }
  return {
    ...(micFile && { you: { kind: 'file' as const, url: micFile } }),
    ...(participantFile && { participant: { kind: 'file' as const, url: participantFile } }),
    silenceAlertSeconds,
  };
}

const text = (api: SottoApi, key: string) => (api.settings.get<string>(key) ?? '').trim();

export default definePlugin({
  activate(context, api) {
    context.subscriptions.push(
      api.capture.registerSource('file', {
        pickDevices: () =>
          recordedCall({ stereoFile: text(api, 'stereoFile'), micFile: text(api, 'micFile'), participantFile: text(api, 'participantFile'), silenceAlertSeconds: api.settings.get<number>('silenceAlertSeconds') ?? 10 }),
      }),
    );
  },
});
