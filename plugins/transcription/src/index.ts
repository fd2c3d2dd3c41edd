import { definePlugin } from '@sotto/api';
import { CallContext } from './callContext.ts';
import { ChannelTranscriber } from './channelTranscriber.ts';
import { readSettings } from './settings.ts';

let call: CallContext | undefined;

export default definePlugin({
  activate(context, api) {
    context.subscriptions.push(
      api.transcribers.register('openai-realtime', {
        async transcribe(audio, token) {
          const current = (call ??= new CallContext(api));
          current.join();
          if (audio.callEpochMs !== undefined) current.setEpoch(audio.callEpochMs);
          current.setEchoSuppression(audio.echoSuppression);
          try {
            await new ChannelTranscriber(api, audio, token, current, readSettings(api)).run();
          } finally {
            if (current.leave() && call === current) call = undefined;
          }
        },
      }),
    );
  },
});
