import type { RealtimeConnection, RealtimeServerEvent, SottoApi } from '@sotto/api';
import type { QuickReplySettings } from './settings.ts';

export interface SessionListener {
  onEvent(event: RealtimeServerEvent): void;
  /** The session went away; replies still streaming on it will get no more events. */
  onLost(detail: string): void;
}

/**
 * The Realtime session replies are asked from: the user's own session, shared by the transcription plugin as
 * "you", which already hears both sides; or, with no call running, a text-only session of this plugin's own.
 */
export class ReplySession {
  private current: Promise<RealtimeConnection> | undefined;

  constructor(
    private readonly api: SottoApi,
    private readonly settings: () => QuickReplySettings,
    private readonly listener: SessionListener,
  ) {}

  /** The open session, opening or attaching on first use; a failure is thrown once and the next call tries again. */
  get(): Promise<RealtimeConnection> {
    if (!this.current) {
      const opening = this.open();
      this.current = opening;
      opening.catch(() => this.current === opening && (this.current = undefined));
    }
    return this.current;
  }

  /** Forgets the session (a call started or ended), so the next reply attaches to the right one. */
  reset(): void {
    const previous = this.current;
    this.current = undefined;
    void previous?.then((connection) => connection.dispose(), () => {});
  }

  private async open(): Promise<RealtimeConnection> {
    const connection = await this.api.realtime.attach('you').catch(() => this.openOwn());
    const mine = this.current;
    const events = connection.events$.subscribe((event) => this.listener.onEvent(event));
    const states = connection.state$.subscribe((state) => {
      if (state.status !== 'closed' && state.status !== 'failed') return;
      events.unsubscribe();
      queueMicrotask(() => states.unsubscribe());
      if (this.current === mine) this.current = undefined;
      this.listener.onLost(state.detail ?? `the session ${state.status}`);
    });
    return connection;
  }

  private async openOwn(): Promise<RealtimeConnection> {
    const { model } = this.settings();
    const secret = await this.api.secrets.mintClientSecret('realtime', {
      type: 'realtime',
      model,
      output_modalities: ['text'],
      instructions: 'You suggest replies for the user of a live call. Do not respond unless asked.',
      audio: { input: { turn_detection: null } },
    });
    return this.api.realtime.connect({ secret, transport: 'websocket', channel: 'you', model });
  }
}
