import { createSignal, Show } from 'solid-js';
import type { Workbench } from '../state/workbench.ts';

/** Sends the key to the shell and forgets it: the page never reads a key back. */
export function ApiKeyForm(props: { wb: Workbench }) {
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.wb.setInfo(await props.wb.bridge.setApiKey({ key: draft() }));
      // A call that stopped on a refused key goes on with the new one, from where it stopped.
      const resuming = props.wb.call.isWaitingForKey;
      props.wb.notify('info', resuming ? 'API key saved. The call goes on.' : 'API key saved.');
      if (resuming) props.wb.call.resume();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setDraft('');
      setBusy(false);
    }
  };
  const clear = async () => props.wb.setInfo(await props.wb.bridge.clearApiKey());
  return (
    <form class="card" aria-label="OpenAI API key" onSubmit={submit}>
      <h3>OpenAI API key</h3>
      <p class="muted" data-testid="key-state">
        <Show when={props.wb.info().hasKey} fallback={'No key set: Sotto uses the local engine.'}>
          A key is set ({props.wb.info().keyStore}). It is never shown again.
        </Show>
      </p>
      <div class="row">
        <input type="password" autocomplete="off" aria-label="API key" placeholder="sk-…" value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit" disabled={busy() || !draft()}>
          Save key
        </button>
        <Show when={props.wb.info().hasKey}>
          <button type="button" onClick={() => void clear()}>
            Remove key
          </button>
        </Show>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
