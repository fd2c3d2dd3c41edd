import { definePlugin, rx, type Question } from '@sotto/api';
import { Assistant } from './assistant.ts';
import { DEFAULT_MODEL } from './settings.ts';

export default definePlugin({
  activate(context, api) {
    const assistant = new Assistant(api);
    const ask = (question: Question, prompt = question.text, maxOutputTokens?: number) =>
      assistant.run({ id: `answer-${question.id}`, question: question.text, prompt, maxOutputTokens });
    const subscriptions = [
      api.streams.transcript.events$.subscribe((segment) => assistant.conversation.add(segment)),
      api.streams.callState.events$.pipe(rx.filter((s) => s.status === 'starting' || s.status === 'ended')).subscribe(() => assistant.conversation.reset()),
      api.streams.questions.events$.subscribe((question) => {
        assistant.lastQuestion = question;
        if (assistant.settings().answerQuestions) void ask(question);
      }),
    ];
    context.subscriptions.push(
      { dispose: () => subscriptions.forEach((s) => s.unsubscribe()) },
      { dispose: () => assistant.cancel() },
      api.commands.register('ask', (text, images) => {
        const question = String(text ?? '').trim();
        if (!question) throw new Error('Type a question for the assistant.');
        return assistant.run({ id: assistant.newId('chat'), question, prompt: question, images: Array.isArray(images) ? images.map(String) : undefined });
      }),
      api.commands.register('summarise', () =>
        assistant.run({ id: assistant.newId('summary'), question: 'Summarise so far', prompt: 'Summarise the call so far: the main points, numbers, decisions, and open questions, as short bullets.' }),
      ),
      api.commands.register('answerInDepth', () => {
        const last = assistant.lastQuestion;
        if (!last) throw new Error('No question has been asked in this call yet.');
        return ask({ ...last, id: `${last.id}-depth` }, `Answer this question from the call in depth, with the reasoning and any figures from my documents: ${last.text}`, 2000);
      }),
      api.commands.register('useDefaultModel', () => {
        assistant.modelOverride = DEFAULT_MODEL;
        api.log.info(`Using ${DEFAULT_MODEL} for this session; change it for good in Settings → Assistant.`);
        return DEFAULT_MODEL;
      }),
      api.commands.register('syncKnowledge', () => assistant.knowledge.sync()),
      api.panels.register('knowledge', { model$: assistant.knowledge.panel$, onAction: (id) => (id === 'reload' ? assistant.knowledge.sync(true) : undefined) }),
      api.settings.onDidChange((change) => {
        if (change.key === 'knowledgeFolder' || change.key === 'knowledgeFiles') void assistant.knowledge.sync();
        if (change.key === 'model') assistant.modelOverride = undefined;
      }),
    );
    void assistant.knowledge.sync();
  },
});
