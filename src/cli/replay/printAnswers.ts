import { pairwise, startWith, type Observable, type Subscription } from 'rxjs';
import type { AssistantAnswer, PanelModel } from '@sotto/api';

/**
 * Prints assistant answers: as JSON lines `{kind:"answer", question, text, citations, final}` when the first text
 * arrives and when the answer is final (with its state, notices, error); as text, each final answer.
 */
export function printAnswers(answers$: Observable<AssistantAnswer>, json: boolean, write: (line: string) => void): Subscription {
  const started = new Set<string>();
  return answers$.subscribe((a) => {
    const first = a.text !== '' && !started.has(a.id);
    if (first) started.add(a.id);
    if (json && (first || a.final)) {
      const extra = { ...(a.final ? { state: a.state } : {}), ...(a.notices ? { notices: a.notices } : {}), ...(a.error ? { error: a.error } : {}) };
      write(JSON.stringify({ kind: 'answer', question: a.question, text: a.text, citations: a.citations, final: a.final, ...extra }));
    } else if (!json && a.final) {
      const sources = a.citations.length ? `\n      sources: ${a.citations.map((c) => c.title).join(', ')}` : '';
      write(`    ◆ ${a.state === 'done' ? a.text : `(${a.state}${a.error ? `: ${a.error}` : ''}) ${a.text}`}${sources}`);
    }
  });
}

/** Prints every plugin panel update as `{kind:"panel", plugin, panel, model}` (JSON) or `[plugin.panel] …` (text). */
export function printPanels(panels$: Observable<ReadonlyMap<string, PanelModel>>, pluginIds: readonly string[], json: boolean, write: (line: string) => void): Subscription {
  return panels$.pipe(startWith(new Map<string, PanelModel>()), pairwise()).subscribe(([before, after]) => {
    for (const [fullId, model] of after) {
      if (JSON.stringify(before.get(fullId)) === JSON.stringify(model)) continue;
      const plugin = pluginIds.find((id) => fullId.startsWith(`${id}.`)) ?? fullId.split('.')[0];
      const panel = fullId.slice(plugin.length + 1);
      if (json) write(JSON.stringify({ kind: 'panel', plugin, panel, model }));
      else write(`    [${plugin}.${panel}] ${model.kind === 'keyValue' ? model.rows.map(([k, v]) => `${k}: ${v}`).join(' · ') : model.kind === 'markdown' ? model.text : model.kind === 'empty' ? model.message : model.items.map((i) => `${i.title}${i.detail ? ` (${i.detail})` : ''}`).join(', ')}`);
    }
  });
}
