import { For, from, Show } from 'solid-js';
import { auditTime } from 'rxjs';
import type { CallChannel, CallState, CaptureProblem } from '@sotto/api';
import type { Workbench } from '../state/workbench.ts';
import './callBar.css';

/** Meters read in dBFS, as ears do: −60 dB and below is empty, 0 dB full. */
const FLOOR_DB = -60;
const toMeter = (rms: number) => (rms > 0 ? Math.max(0, 1 - (20 * Math.log10(rms)) / FLOOR_DB) : 0);

const channels: readonly { id: CallChannel; name: string }[] = [
  { id: 'you', name: 'You' },
  { id: 'participant', name: 'Participant' },
];

const statusText: Record<CallState['status'], string> = { idle: 'No call', starting: 'Starting…', live: 'Listening', reconnecting: 'Reconnecting…', waiting: 'Waiting', ended: 'Call ended', error: 'Call failed' };

/** Starts and stops the call, shows what each side's device hears, and says what to fix when capture goes wrong. */
export function CallBar(props: { wb: Workbench }) {
  const state = from(props.wb.host.bus.stream('callState'));
  // Levels arrive at 50 frames/s per side; ten repaints a second read as smooth and keep the call under its CPU budget.
  const levels = from(props.wb.call.levels$.pipe(auditTime(100)), props.wb.call.levels$.value);
  const problems = from(props.wb.call.problems$, [] as readonly CaptureProblem[]);
  const status = () => state()?.status ?? 'idle';
  const busy = () => status() === 'starting' || status() === 'live' || status() === 'reconnecting' || status() === 'waiting';
  return (
    <section class="call-bar" aria-label="Call" data-status={status()}>
      <div class="call-controls">
        <Show when={busy()} fallback={<button class="call-start" onClick={() => void props.wb.call.start()}>Start call</button>}>
          <button class="call-stop" onClick={() => void props.wb.call.stop()}>
            Stop call
          </button>
        </Show>
        <span class="call-status" data-testid="call-status" data-status={status()}>
          {statusText[status()]}
          <Show when={state()?.detail && status() !== 'error' && status() !== 'waiting'}>
            <span class="muted"> · {state()?.detail}</span>
          </Show>
        </span>
      </div>
      <div class="call-levels">
        <For each={channels}>
          {(channel) => (
            <label class={`call-level call-level-${channel.id}`}>
              <span>{channel.name}</span>
              <meter min={0} max={1} low={0.25} high={0.9} optimum={0.5} value={toMeter(levels()[channel.id])} data-testid={`level-${channel.id}`} data-rms={levels()[channel.id].toFixed(5)} />
            </label>
          )}
        </For>
      </div>
      <Show when={status() === 'error' && state()?.detail}>
        <p class="call-error" role="alert" data-testid="call-error">
          {state()?.detail}
        </p>
      </Show>
      <Show when={status() === 'waiting'}>
        <div class="call-error" role="alert" data-testid="call-waiting">
          <p>{state()?.detail}</p>
          <Show when={state()?.needsKey}>
            <button onClick={() => props.wb.showTab('settings')}>Enter API key</button>
          </Show>
          <button onClick={() => props.wb.call.resume()}>Try again</button>
        </div>
      </Show>
      <Show when={problems().length > 0}>
        <ul class="call-problems" aria-live="polite" data-testid="call-problems">
          <For each={problems()}>
            {(problem) => (
              <li data-code={problem.code} data-channel={problem.channel}>
                {problem.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
