import { rx, type PanelModel, type SottoApi, type UserFile } from '@sotto/api';
import { toFile, type OpenAI } from '@sotto/api/openai';

export type FileState = { readonly state: 'uploading' | 'processing' | 'ready' } | { readonly state: 'failed'; readonly reason: string };

const KEYS = ['knowledgeFolder', 'knowledgeFiles'] as const;

const bytesOf = (file: UserFile): Uint8Array => (file.binary ? Uint8Array.from(atob(file.binary), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.text));

/**
 * The user's documents in one vector store: every file named by the knowledge settings is uploaded, attached and
 * polled until ready, with its state shown in the Knowledge panel. Files already uploaded are not sent again.
 */
export class Knowledge {
  readonly states = new rx.BehaviorSubject<ReadonlyMap<string, FileState>>(new Map());
  private store: Promise<string> | undefined;
  private readonly uploaded = new Map<string, string>();
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: SottoApi,
    private readonly client: () => Promise<OpenAI>,
  ) {}

  readonly panel$: rx.Observable<PanelModel> = this.states.pipe(
    rx.map((states): PanelModel =>
      states.size
        ? { kind: 'list', items: [...states].map(([name, s]) => ({ id: name, title: name, detail: s.state === 'failed' ? `failed: ${s.reason}` : s.state })), actions: [{ id: 'reload', title: 'Upload again' }] }
        : { kind: 'empty', message: 'No knowledge files. Set a folder or files in Settings → Assistant.' },
    ),
  );

  /** Vector stores with at least one ready file, for file_search. */
  readyStores(): Promise<string[]> {
    const ready = [...this.states.value.values()].some((s) => s.state === 'ready');
    return ready && this.store ? this.store.then((id) => [id]) : Promise.resolve([]);
  }

  sync(force = false): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow(force)).catch((error: unknown) => this.api.log.error('Knowledge sync failed', error));
    return this.syncing;
  }

  private set(name: string, state: FileState): void {
    this.states.next(new Map(this.states.value).set(name, state));
  }

  private async syncNow(force: boolean): Promise<void> {
    if (force) {
      this.uploaded.clear();
      this.store = undefined;
    }
    const files: UserFile[] = [];
    for (const key of KEYS) {
      const value = this.api.settings.get<string | string[]>(key);
      if (!value || (Array.isArray(value) && !value.length)) continue;
      try {
        files.push(...(await this.api.files.read(key)));
      } catch (error) {
        this.set(String(value), { state: 'failed', reason: (error as Error).message });
      }
    }
    const wanted = new Set(files.map((f) => f.name));
    this.states.next(new Map([...this.states.value].filter(([name, s]) => wanted.has(name) || s.state === 'failed')));
    await Promise.all(files.map((file) => this.upload(file)));
  }

  private async upload(file: UserFile): Promise<void> {
    const fingerprint = `${file.path}:${file.text.length}:${file.binary?.length ?? 0}`;
    if (this.uploaded.get(file.name) === fingerprint) return;
    const client = await this.client();
    try {
      this.set(file.name, { state: 'uploading' });
      const store = await this.vectorStore(client);
      const uploaded = await client.files.create({ file: await toFile(bytesOf(file), file.name), purpose: 'assistants' });
      this.set(file.name, { state: 'processing' });
      const attached = await client.vectorStores.files.createAndPoll(store, { file_id: uploaded.id }, { pollIntervalMs: 250 });
      if (attached.status !== 'completed') throw new Error(attached.last_error?.message ?? `the vector store reports ${attached.status}`);
      this.uploaded.set(file.name, fingerprint);
      this.set(file.name, { state: 'ready' });
    } catch (error) {
      this.set(file.name, { state: 'failed', reason: (error as Error).message });
    }
  }

  private vectorStore(client: OpenAI): Promise<string> {
    this.store ??= client.vectorStores
      .create({ name: 'Sotto knowledge', expires_after: { anchor: 'last_active_at', days: 30 } })
      .then((s) => s.id)
      .catch((error: unknown) => {
        this.store = undefined;
        throw error;
      });
    return this.store;
  }
}
