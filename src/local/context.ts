import type { ConversationItem } from 'openai/resources/conversations/items';
import type { Response } from 'openai/resources/responses/responses';
import type { FaultRegistry } from './faults/registry.ts';
import type { Recognizer } from './engines/recognizer.ts';
import type { NotesIndex } from './knowledge/notes-index.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import type { WebRtcCall } from './realtime/webrtc-call.ts';
import type { DataChannelWorkaround } from './realtime/data-channel-sender.ts';
import type { Responder } from './responses/responder.ts';
import type { ConversationStore } from './store/conversations.ts';
import type { FileStore } from './store/files.ts';
import type { SecretStore } from './store/secrets.ts';
import type { VectorStoreStore } from './store/vector-stores.ts';

/** Everything the routes and transports share: one per server. */
export interface LocalContext {
  files: FileStore;
  vectorStores: VectorStoreStore;
  conversations: ConversationStore;
  responses: Map<string, { response: Response; input: ConversationItem[]; items: ConversationItem[] }>;
  secrets: SecretStore;
  notes: NotesIndex;
  responder: Responder;
  recognizer: Recognizer;
  faults: FaultRegistry;
  realtime: RealtimeHub;
  calls: Map<string, WebRtcCall>;
  /** Pause between streamed text deltas. */
  textDeltaDelayMs: number;
  /** Keys accepted on /v1 (undefined: any). */
  apiKeys: ReadonlySet<string> | undefined;
  /** Models /v1/responses refuses with model_not_found. */
  unknownModels: ReadonlySet<string>;
  /** Model → shutdown date, listed by /v1/models. */
  deprecatedModels: Readonly<Record<string, string>>;
  /** How the first seconds of a data channel get past werift's message-loss bug. */
  dataChannel: { mode: DataChannelWorkaround; windowMs: number };
}
