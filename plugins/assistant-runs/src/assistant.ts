import type { AssistantAnswer, Question, SottoApi } from '@sotto/api';
import { engineClient, type OpenAI, type Responses } from '@sotto/api/openai';
import { runAnswer, type RunRequest } from './answerRun.ts';
import { CallConversation, type ResponseMessage } from './callConversation.ts';
import { describeError } from './describeError.ts';
import { Knowledge } from './knowledge.ts';
import { functionTools } from './toolCalls.ts';
import { ModelCheck } from './modelCheck.ts';
import { DEFAULT_MODEL, readSettings } from './settings.ts';

/** Everything the plugin keeps between runs: the call's conversation, the knowledge store, the run in flight. */
export class Assistant {
  readonly conversation: CallConversation;
  readonly knowledge: Knowledge;
  modelOverride: string | undefined;
  lastQuestion: Question | undefined;
  private current: { request: RunRequest; abort: AbortController; answer?: AssistantAnswer } | undefined;
  private readonly models = new ModelCheck();
  /** The engine the conversation and vector store live on; ids from one engine mean nothing to another. */
  private engineBase: string | undefined;
  private nextId = 1;

  constructor(private readonly api: SottoApi) {
    this.conversation = new CallConversation(this.client, () => {
      const s = this.settings();
      return { batchSeconds: s.transcriptBatchSeconds, compactAfterChars: s.compactAfterChars, model: s.model };
    });
    this.knowledge = new Knowledge(api, this.client);
  }

  settings() {
    return readSettings(this.api, this.modelOverride);
  }

  readonly client = (): Promise<OpenAI> => engineClient(this.api, { maxRetries: 1, timeout: 60_000 });

  newId(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${this.nextId++}`;
  }

  /** Runs one answer; a newer run supersedes this one, whose answer is marked so. */
  async run(request: RunRequest, onRequest?: () => void): Promise<AssistantAnswer | undefined> {
    this.supersede();
    const abort = new AbortController();
    const mine = { request, abort, answer: undefined as AssistantAnswer | undefined };
    this.current = mine;
    const settings = this.settings();
    let unsent: ResponseMessage[] = [];
    let deprecation: Pick<AssistantAnswer, 'notices' | 'offer'> = {};
    const publish = (answer: AssistantAnswer) => {
      if (abort.signal.aborted) return;
      const offer = answer.offer ?? deprecation.offer;
      mine.answer = { ...answer, ...(deprecation.notices ? { notices: [...deprecation.notices, ...(answer.notices ?? [])] } : {}), ...(offer ? { offer } : {}) };
      this.api.streams.answers.publish(mine.answer);
    };
    publish({ id: request.id, question: request.question, text: '', citations: [], final: false, state: 'streaming' });
    try {
      const client = await this.client();
      if (this.engineBase !== client.baseURL) {
        if (this.engineBase) this.onEngineChange();
        this.engineBase = client.baseURL;
      }
      const [conversation, stores, tools, engine, deprecated] = await Promise.all([
        this.conversation.forAnswer(),
        this.knowledge.readyStores(),
        this.api.tools.list(),
        this.api.engine.info(),
        this.models.deprecation(client, settings.model),
      ]);
      if (deprecated) deprecation = { notices: [deprecated], offer: settings.model === DEFAULT_MODEL ? undefined : { title: `Switch to ${DEFAULT_MODEL}`, command: 'assistant-runs.useDefaultModel' } };
      const fileSearch: Responses.Tool[] = stores.length ? [{ type: 'file_search', vector_store_ids: stores, max_num_results: 8 }] : [];
      unsent = conversation.unsent;
      const usages = await runAnswer({ ...request, context: unsent }, {
        api: this.api,
        client,
        model: settings.model,
        conversation: conversation.id,
        tools: [...fileSearch, ...functionTools(tools)],
        toolTimeoutMs: settings.toolTimeoutMs,
        signal: abort.signal,
        publish,
        onRequest,
        onFirstTurn: () => (unsent = []),
      });
      void this.conversation.compactIfLong().catch((error: unknown) => this.api.log.warn(`Could not summarise older turns: ${(error as Error).message}`));
      for (const u of usages) this.api.streams.usage.publish({ pluginId: 'assistant-runs', engine: engine.kind, model: settings.model, inputTokens: u.input_tokens, cachedInputTokens: u.input_tokens_details?.cached_tokens ?? 0, outputTokens: u.output_tokens });
    } catch (error) {
      this.conversation.requeue(unsent);
      if (!abort.signal.aborted) publish({ id: request.id, question: request.question, text: mine.answer?.text ?? '', citations: mine.answer?.citations ?? [], final: true, state: 'error', ...describeError(error, settings.model) });
    } finally {
      if (this.current === mine) this.current = undefined;
    }
    return mine.answer;
  }

  private supersede(): void {
    const previous = this.current;
    if (!previous) return;
    previous.abort.abort();
    const { request, answer } = previous;
    this.api.streams.answers.publish({ id: request.id, question: request.question, text: answer?.text ?? '', citations: answer?.citations ?? [], final: true, state: 'superseded' });
  }

  /** A key was set or removed mid-call: start a new conversation and upload the knowledge again on the new engine. */
  private onEngineChange(): void {
    this.conversation.rehome();
    void this.knowledge.sync(true);
  }

  cancel(): void {
    this.supersede();
    this.current = undefined;
  }
}
