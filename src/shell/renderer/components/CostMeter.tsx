import { from, Show } from 'solid-js';
import { scan, startWith } from 'rxjs';
import { costOf } from '@sotto/api';
import type { Workbench } from '../state/workbench.ts';

const compact = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/** The running cost of this session's requests, priced from the usage plugins report (api/src/model/pricing.ts). */
export function CostMeter(props: { wb: Workbench }) {
  const totals = from(
    props.wb.host.bus.stream('usage').pipe(
      scan((sum, usage) => ({ usd: sum.usd + costOf(usage), tokens: sum.tokens + usage.inputTokens + usage.outputTokens }), { usd: 0, tokens: 0 }),
      startWith({ usd: 0, tokens: 0 }),
    ),
    { usd: 0, tokens: 0 },
  );
  return (
    <Show when={totals().tokens > 0}>
      <span class="cost" data-testid="cost" title={`${totals().tokens} tokens this session, priced with Sotto's price table (models it does not list count as free)`}>
        ${totals().usd.toFixed(totals().usd < 1 ? 4 : 2)} · {compact(totals().tokens)} tok
      </span>
    </Show>
  );
}
