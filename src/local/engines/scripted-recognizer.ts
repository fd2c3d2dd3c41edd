import type { Recognizer, RecognizerStream } from './recognizer.ts';

/**
 * Test recognizer driven by the real audio: utterance N is the text of the Nth speech segment that the VAD finds in
 * what the server actually received. Its words stream out as the segment's audio is decoded (one per `msPerWord`), the
 * rest when the segment ends — so a test fails when audio stops, is cut, or arrives at the wrong time.
 */
export class ScriptedRecognizer implements Recognizer {
  readonly name = 'scripted';
  readonly unavailable = null;

  constructor(
    private readonly script: readonly string[] | Partial<Record<'realtime' | 'transcription', readonly string[]>>,
    private readonly msPerWord = 200,
  ) {}

  open(sessionType: 'realtime' | 'transcription'): RecognizerStream {
    // One list for every session, or one per session type (a call's two sides: you are realtime, the participant transcription).
    const utterances = Array.isArray(this.script) ? this.script : ((this.script as Partial<Record<string, readonly string[]>>)[sessionType] ?? []);
    const sent = new Map<number, number>();
    const wordsOf = (index: number) => (utterances[index] ?? '').match(/\s*\S+/g) ?? [];
    return {
      progress: (index, speechMs) => {
        const words = wordsOf(index);
        const due = Math.min(words.length - 1, Math.floor(speechMs / this.msPerWord));
        const already = sent.get(index) ?? 0;
        if (due <= already) return [];
        sent.set(index, due);
        return words.slice(already, due);
      },
      ended: async (index) => {
        const words = wordsOf(index);
        const deltas = words.slice(sent.get(index) ?? 0);
        sent.set(index, words.length);
        return { deltas, text: words.join('').trim() };
      },
    };
  }
}
