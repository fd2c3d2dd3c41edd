import type { Observable, Subscription } from 'rxjs';
import type { Reply } from '@sotto/api';

/**
 * Prints quick replies: as JSON lines, when the first text arrives and when the reply is final (done, superseded or
 * failed); as text, each final reply under the line it answers.
 */
export function printReplies(replies$: Observable<Reply>, json: boolean, write: (line: string) => void): Subscription {
  const started = new Set<string>();
  return replies$.subscribe((r) => {
    const first = r.text !== '' && !started.has(r.id);
    if (first) started.add(r.id);
    if (json && (first || r.final)) write(JSON.stringify({ kind: 'reply', question: r.question, text: r.text, final: r.final, ...(r.final ? { state: r.state } : {}), ...(r.error ? { error: r.error } : {}) }));
    else if (!json && r.final) write(`    ↳ ${r.state === 'done' ? r.text : `(${r.state}${r.error ? `: ${r.error}` : ''}) ${r.text}`}`);
  });
}
