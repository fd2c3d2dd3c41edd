import { definePlugin, rx, type PanelModel, type SottoApi } from '@sotto/api';
import { CrmIndex } from './crmIndex.ts';
import { parseExport, type CrmRecord } from './records.ts';

const rows = (r: CrmRecord): [string, string][] =>
  (
    [
      ['Name', r.name],
      ['Company', r.company],
      ['Email', r.email],
      ['Deal stage', r.dealStage],
      ['Last contact', r.lastContact],
      ['Notes', r.notes],
    ] as [string, string][]
  ).filter(([, v]) => v);

async function loadIndex(api: SottoApi): Promise<{ index: CrmIndex; problem?: string }> {
  if (!api.settings.get<string>('exportFile')) return { index: new CrmIndex([]), problem: 'Set a CRM export (CSV or JSON) in Settings → CRM lookup.' };
  try {
    const [file] = await api.files.read('exportFile');
    return { index: new CrmIndex(parseExport(file.name, file.text)) };
  } catch (error) {
    return { index: new CrmIndex([]), problem: `Could not read the CRM export: ${(error as Error).message}` };
  }
}

/** Asks the optional HTTP CRM; the host lets the request through only to the origin in permissions.network. */
async function askEndpoint(api: SottoApi, query: string): Promise<CrmRecord[]> {
  const endpoint = api.settings.get<string>('endpoint');
  if (!endpoint) return [];
  const response = await api.net.fetch(`${endpoint.replace(/\/$/, '')}/contacts?q=${encodeURIComponent(query)}`);
  if (response.status !== 200) throw new Error(`The CRM endpoint answered ${response.status}.`);
  return parseExport('endpoint.json', response.body);
}

export default definePlugin({
  async activate(context, api) {
    let loaded = await loadIndex(api);
    const panel$ = new rx.BehaviorSubject<PanelModel>({ kind: 'empty', message: loaded.problem ?? `${loaded.index.records.length} CRM records loaded. A record shows here when the call mentions it.` });
    context.subscriptions.push(
      api.settings.onDidChange(async (change) => {
        if (change.key !== 'exportFile') return;
        loaded = await loadIndex(api);
        panel$.next({ kind: 'empty', message: loaded.problem ?? `${loaded.index.records.length} CRM records loaded.` });
      }),
      api.tools.register<{ query: string }, unknown>('crm_lookup', {
        async invoke({ query }) {
          if (loaded.problem && !api.settings.get('endpoint')) return { found: false, error: loaded.problem };
          const records = loaded.index.find(query);
          const found = records.length ? records : await askEndpoint(api, query);
          if (found[0]) panel$.next({ kind: 'keyValue', rows: rows(found[0]) });
          return found.length ? { found: true, records: found.slice(0, 5) } : { found: false, query };
        },
      }),
      api.panels.register('record', { model$: panel$ }),
    );
    const mentions = api.streams.transcript.events$
      .pipe(
        rx.filter((segment) => segment.final),
        rx.map((segment) => loaded.index.mentionedIn(segment.text)),
        rx.filter((record): record is CrmRecord => record !== undefined),
        rx.distinctUntilChanged(),
      )
      .subscribe((record) => panel$.next({ kind: 'keyValue', rows: rows(record) }));
    context.subscriptions.push({ dispose: () => mentions.unsubscribe() });
  },
});
