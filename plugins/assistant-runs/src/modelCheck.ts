import type { OpenAI } from '@sotto/api/openai';

/** What the engine's model list says about a model; asked once per model name. */
export class ModelCheck {
  private readonly seen = new Map<string, Promise<string | undefined>>();

  /** A notice when the model is deprecated (it has a shutdown date), else undefined. Lookup failures say nothing. */
  deprecation(client: OpenAI, model: string): Promise<string | undefined> {
    let notice = this.seen.get(model);
    if (!notice) {
      notice = client.models.retrieve(model).then(
        (info) => {
          const shutdown = (info as { shutdown_date?: string | number | null }).shutdown_date;
          if (shutdown == null) return undefined;
          const date = typeof shutdown === 'number' ? new Date(shutdown * 1000).toISOString().slice(0, 10) : shutdown;
          return `The model "${model}" is deprecated: it shuts down on ${date}.`;
        },
        () => undefined,
      );
      this.seen.set(model, notice);
    }
    return notice;
  }
}
