import { definePlugin } from '@sotto/api';
import { CallContext } from './callContext.ts';
import { transcribeChannel } from './transcribeChannel.ts';

let call: CallContext | undefined;

export default definePlugin({
  activate(context, api) {
    context.subscriptions.push(
      api.transcribers.register('openai-realtime', {
        async transcribe(audio, token) {
          const current = (call ??= new CallContext());
          current.join();
          try {
            await transcribeChannel(api, audio, token, current);
          } finally {
            if (current.leave() && call === current) call = undefined;
          }
        },
      }),
    );
  },
});
