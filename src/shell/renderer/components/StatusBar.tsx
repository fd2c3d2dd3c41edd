import { createMemo, from, Show } from 'solid-js';
import type { CallState } from '@sotto/api';
import type { Workbench } from '../state/workbench.ts';
import { CostMeter } from './CostMeter.tsx';

export function StatusBar(props: { wb: Workbench }) {
  const call = from(props.wb.host.bus.stream('callState'));
  const failing = createMemo(() => props.wb.plugins().filter((p) => p.status === 'failed' || p.status === 'invalid'));
  const engineLabel = () => (props.wb.info().engine === 'openai' ? 'OpenAI' : 'Local engine');
  const connection = (state: CallState | undefined) => (state ? `${state.status}${state.detail ? ` · ${state.detail}` : ''}` : 'No call');
  return (
    <footer class="statusbar" role="status">
      <span class="engine" data-testid="engine" title={props.wb.info().engineDetail}>
        {engineLabel()}
      </span>
      <span data-testid="connection">{connection(call())}</span>
      <Show when={failing().length > 0}>
        <button class="link error" data-testid="plugin-errors" onClick={() => props.wb.showTab('plugins')}>
          {failing().length} plugin {failing().length === 1 ? 'problem' : 'problems'}
        </button>
      </Show>
      <span class="spacer" />
      <CostMeter wb={props.wb} />
      <span class="hint">Ctrl+Shift+P: commands</span>
    </footer>
  );
}
