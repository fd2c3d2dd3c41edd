import type { LocalContext } from '../../context.ts';
import type { Router } from '../router.ts';

/** `GET /health`: the server's status and which engines are usable. */
export function healthRoutes(router: Router, ctx: LocalContext): void {
  router.on('GET', '/health', () => ({
    json: {
      status: 'ok',
      engines: {
        vad: { name: 'silero', available: true },
        transcription: { name: ctx.recognizer.name, available: ctx.recognizer.unavailable === null, message: ctx.recognizer.unavailable },
        answers: { name: 'notes-bm25', notes: ctx.notes.size, generative: false },
      },
      realtime_sessions: ctx.realtime.sessions.size,
      faults: ctx.faults.enabled,
    },
  }));
}
