import { rx, type PanelModel, type PanelProvider, type Reply } from '@sotto/api';

const ASK = { id: 'ask', title: 'What should I say?' };
const STATE: Record<Reply['state'], string> = { streaming: ' · forming…', done: '', superseded: ' · superseded', error: ' · failed' };

function model(reply: Reply | undefined): PanelModel {
  if (!reply) return { kind: 'list', items: [{ id: 'none', title: 'Quick replies appear here when the participant asks something.', actions: [ASK] }] };
  const title = reply.state === 'error' ? (reply.error ?? 'The reply failed.') : reply.text || 'Forming…';
  return { kind: 'list', items: [{ id: reply.id, title, detail: `to “${reply.question}”${STATE[reply.state]}`, actions: [ASK] }] };
}

/** A side panel with the newest quick reply, so it is in view whatever tab the workbench shows. */
// The last update is always of the newest reply: only one reply forms at a time, and an older one is marked
// superseded before the next starts.
export function latestReplyPanel(replies$: rx.Observable<Reply>, ask: () => unknown): PanelProvider {
  return {
    // At most five updates a second cross to the workbench; the first and the last are never held back.
    model$: replies$.pipe(rx.throttleTime(200, undefined, { leading: true, trailing: true }), rx.startWith(undefined), rx.map(model)),
    onAction: (actionId) => {
      if (actionId === ASK.id) ask();
    },
  };
}
