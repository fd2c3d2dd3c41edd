import { PluginError, definePlugin, toDisposable, type Question, type TranscriptSegment } from '@sotto/api';
import { askCue } from './gate.ts';
import { latestReplyPanel } from './latestReplyPanel.ts';
import { QuickReplies } from './quickReplies.ts';
import { RecentTurns } from './recentTurns.ts';
import { readSettings } from './settings.ts';

export default definePlugin({
  activate(context, api) {
    const settings = () => readSettings(api);
    const turns = new RecentTurns();
    const replies = new QuickReplies(api, settings, turns);
    let manual = 1;
    const askNow = () => {
      const line = turns.lastFrom('participant');
      if (!line) throw new PluginError('E_UNAVAILABLE', 'The participant has not said anything yet.');
      const question: Question = { id: `q-${line.itemId}-m${manual++}`, text: line.text, itemId: line.itemId, at: Date.now(), source: 'manual' };
      return replies.askNow(question);
    };

    const onFinalLine = (segment: TranscriptSegment) => {
      turns.add(segment);
      if (segment.channel !== 'participant') return;
      replies.warm();
      if (!askCue(segment.text)) return replies.continued(segment);
      if (settings().automatic) replies.offer({ id: `q-${segment.itemId}`, text: segment.text, itemId: segment.itemId, at: Date.now(), source: 'gate' });
    };

    const transcript = api.streams.transcript.events$.subscribe((segment) => segment.final && segment.text && onFinalLine(segment));
    const calls = api.streams.callState.events$.subscribe((state) => {
      // A new call brings a new shared session and a new conversation.
      if (state.status === 'starting' || state.status === 'ended') {
        replies.reset();
        turns.clear();
      }
    });

    context.subscriptions.push(
      toDisposable(() => transcript.unsubscribe()),
      toDisposable(() => calls.unsubscribe()),
      toDisposable(() => replies.reset()),
      api.commands.register('whatShouldISay', askNow),
      api.panels.register('latest', latestReplyPanel(replies.replies$, askNow)),
    );
  },
});
