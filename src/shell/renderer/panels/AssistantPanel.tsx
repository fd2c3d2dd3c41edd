import { createSignal, For, Show } from 'solid-js';
import type { AssistantAnswer } from '@sotto/api';
import { Markdown } from '../components/Markdown.tsx';
import { captureScreen, readImageFiles } from '../services/screenCapture.ts';
import type { Workbench } from '../state/workbench.ts';

const ASK = 'assistant-runs.ask';

function Answer(props: { answer: AssistantAnswer; wb: Workbench }) {
  const a = () => props.answer;
  return (
    <li class={`answer answer-${a().state}`} data-testid="answer" data-state={a().state}>
      <p class="question">{a().question}</p>
      <Show when={a().text}>
        <Markdown text={a().text} />
      </Show>
      <Show when={a().state === 'streaming' && !a().text}>
        <p class="muted">Thinking…</p>
      </Show>
      <Show when={a().citations.length > 0}>
        <ul class="citations" data-testid="citations">
          <For each={a().citations}>{(c, i) => <li title={c.quote}>[{i() + 1}] {c.title}</li>}</For>
        </ul>
      </Show>
      <For each={a().notices ?? []}>{(notice) => <p class="notice" data-testid="notice">⚠ {notice}</p>}</For>
      <Show when={a().state === 'error'}>
        <p class="error" data-testid="answer-error">{a().error}</p>
      </Show>
      <Show when={a().state === 'superseded'}>
        <p class="muted">Superseded by a newer question.</p>
      </Show>
      <Show when={a().offer}>
        {(offer) => (
          <button type="button" onClick={() => void props.wb.host.executeCommand(offer().command).then(() => props.wb.notify('info', `${offer().title}: done.`), (e: Error) => props.wb.notify('error', e.message))}>
            {offer().title}
          </button>
        )}
      </Show>
    </li>
  );
}

/** Typed chat with the assistant (history lives in the call's conversation), images by paste, drop or screen capture. */
export function AssistantPanel(props: { wb: Workbench }) {
  const [text, setText] = createSignal('');
  const [images, setImages] = createSignal<readonly string[]>([]);
  const run = (command: string, ...args: unknown[]) => props.wb.host.executeCommand(command, ...args).catch((e: Error) => props.wb.notify('error', e.message));
  const addFiles = async (files: Iterable<File>) => setImages([...images(), ...(await readImageFiles(files))]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!text().trim()) return;
    void run(ASK, text(), images().length ? images() : undefined);
    setText('');
    setImages([]);
  };
  const capture = () => captureScreen().then((url) => url && setImages([...images(), url]), (e: Error) => props.wb.notify('error', `Screen capture failed: ${e.message}`));
  return (
    <section aria-label="Assistant" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), void addFiles(e.dataTransfer?.files ?? []))}>
      <h2>Assistant</h2>
      <form class="ask" onSubmit={submit}>
        <textarea
          data-testid="ask-input"
          placeholder="Ask the assistant… (paste or drop an image)"
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          onPaste={(e) => {
            const files = [...(e.clipboardData?.files ?? [])];
            if (files.length) void addFiles(files);
          }}
          onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form?.requestSubmit())}
        />
        <Show when={images().length > 0}>
          <div class="thumbs" data-testid="ask-images">
            <For each={images()}>{(url, i) => <img src={url} alt={`image ${i() + 1}`} title="Click to remove" onClick={() => setImages(images().filter((_, j) => j !== i()))} />}</For>
          </div>
        </Show>
        <div class="ask-actions">
          <button type="submit" data-testid="ask-send">Ask</button>
          <button type="button" onClick={() => void capture()}>Capture screen</button>
          <button type="button" onClick={() => void run('assistant-runs.summarise')}>Summarise so far</button>
          <button type="button" onClick={() => void run('assistant-runs.answerInDepth')}>Answer last question in depth</button>
        </div>
      </form>
      <ul class="answers" data-testid="answers">
        <For each={[...props.wb.answers()].reverse()} fallback={<li class="muted">Deeper answers from the assistant appear here.</li>}>
          {(answer) => <Answer answer={answer} wb={props.wb} />}
        </For>
      </ul>
    </section>
  );
}
