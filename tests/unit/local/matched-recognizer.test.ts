import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { MatchedRecognizer } from '../../../src/local/engines/matched-recognizer.ts';
import { speechWav } from '../../support/speechWav.ts';
import { RATE, speak, streamPcm } from './support/audio.ts';
import { concat, cut, mixIn, silence } from './support/mix.ts';
import { openRealtime, type ServerEvent } from './support/probe.ts';

const YOU = ['we should ship the pricing page before friday', 'can you send over the signed contract', 'our budget for next quarter looks tight', 'let us meet again on tuesday afternoon'];
const PARTICIPANT = 'i think the customer wants a discount';
const UNRELATED = 'please remind me to call the bank tomorrow morning';
const WPM = 165;

let server: LocalServer;
/** Each sentence as the test speaks it into a session: 24 kHz, straight from espeak. */
const spoken = new Map<string, Int16Array>();
const ms = (pcm: Int16Array) => (pcm.length * 1000) / RATE;

beforeAll(async () => {
  for (const text of [...YOU, PARTICIPANT, UNRELATED]) spoken.set(text, speak(text, 'en-us', WPM));
  // The recognizer knows each utterance from its own WAV (16 kHz, resampled on load), as `sotto local --config` would.
  const matched = [...YOU, PARTICIPANT].map((text) => ({ text, wav: speechWav([text], { rate: 16_000, leadSeconds: 0.3, gapSeconds: 0.3 }).file }));
  server = await startLocalServer({ recognizer: { matched } });
}, 30_000);
afterAll(() => server.close());

interface Heard {
  /** Completed transcripts, one per committed turn, empty ones included. */
  transcripts: string[];
  events: ServerEvent[];
}

/** One transcription session hears `pcm` (then silence) and reports every turn's transcript. */
async function transcribe(pcm: Int16Array, silenceMs = 500): Promise<Heard> {
  const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
  send({ type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-live-transcribe' }, turn_detection: { type: 'server_vad', silence_duration_ms: silenceMs } } } } });
  await streamPcm(concat(pcm, silence(silenceMs + 700)), (audio) => send({ type: 'input_audio_buffer.append', audio }));
  // `clear` is handled after all audio before it has been analysed; then every turn that started has its transcript.
  send({ type: 'input_audio_buffer.clear' });
  await log.next('input_audio_buffer.cleared');
  const turns = log.of('input_audio_buffer.speech_started').length;
  if (turns) await log.next('conversation.item.input_audio_transcription.completed', () => true, turns);
  ws.close();
  expect(log.schemaErrors).toEqual([]);
  return { transcripts: log.of('conversation.item.input_audio_transcription.completed').map((e) => String(e.transcript)), events: log.events };
}

const words = (text: string) => text.split(' ');
const said = (heard: Heard) => heard.transcripts.filter(Boolean).join(' ');

describe('matched recognizer (knows each utterance by its audio)', () => {
  it('two sessions fed overlapping halves of a recording each give the utterances whose audio they heard', async () => {
    const recording = concat(silence(300), ...YOU.flatMap((text) => [spoken.get(text)!, silence(800)]));
    const startOf = (i: number) => 300 + YOU.slice(0, i).reduce((t, text) => t + ms(spoken.get(text)!) + 800, 0);
    // The first session stops in the gap after utterance 2; the second starts in the gap before utterance 1.
    const [first, second] = await Promise.all([transcribe(cut(recording, 0, startOf(3) - 400)), transcribe(cut(recording, startOf(1) - 400))]);
    expect(first.transcripts).toEqual(YOU.slice(0, 3));
    expect(second.transcripts).toEqual(YOU.slice(1));
    // Streamed while decoded: deltas arrive before the turn ends, and add up to the final text.
    const deltas = first.events.filter((e) => e.type === 'conversation.item.input_audio_transcription.delta');
    const firstStop = first.events.findIndex((e) => e.type === 'input_audio_buffer.speech_stopped');
    expect(first.events.findIndex((e) => e.type === 'conversation.item.input_audio_transcription.delta')).toBeLessThan(firstStop);
    expect(deltas.map((e) => e.delta).join('')).toBe(YOU.slice(0, 3).join(''));
  }, 30_000);

  it('a session cut mid-utterance gives the words it heard, and one started mid-utterance the rest', async () => {
    const text = YOU[0];
    const pcm = spoken.get(text)!;
    const at = ms(pcm) * 0.55;
    // The third session loses the rest of the sentence but goes on hearing: the next one follows at once.
    const [head, tail, stitched] = await Promise.all([transcribe(concat(silence(400), cut(pcm, 0, at))), transcribe(cut(pcm, at)), transcribe(concat(silence(400), cut(pcm, 0, at), spoken.get(YOU[1])!))]);
    const all = words(text);
    // Words are placed in proportion to their letters: those well before the cut are heard, those well after not.
    const before = (fraction: number) => all.filter((_, i) => all.slice(0, i + 1).join('').length <= all.join('').length * fraction);
    const headWords = words(said(head));
    expect(all.slice(0, headWords.length)).toEqual(headWords);
    expect(headWords.length).toBeGreaterThanOrEqual(before(0.45).length);
    expect(headWords.length).toBeLessThanOrEqual(before(0.65).length);
    const tailWords = words(said(tail));
    expect(all.slice(all.length - tailWords.length)).toEqual(tailWords);
    expect(tailWords.length).toBeGreaterThanOrEqual(all.length - before(0.65).length);
    expect(headWords.length + tailWords.length).toBeLessThanOrEqual(all.length + 1);
    expect(said(stitched)).toBe(`${said(head)} ${YOU[1]}`);
  }, 30_000);

  it('silence, noise and an unrelated sentence give no words', async () => {
    let seed = 7;
    const noise = Int16Array.from({ length: RATE * 2 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2000);
    const heard = await transcribe(concat(silence(1500), noise, silence(800), spoken.get(UNRELATED)!));
    expect(heard.events.some((e) => e.type === 'input_audio_buffer.speech_stopped')).toBe(true);
    expect(said(heard)).toBe('');
  }, 30_000);

  it('two utterances in one turn give both texts, in order', async () => {
    const heard = await transcribe(concat(silence(400), spoken.get(YOU[3])!, silence(300), spoken.get(YOU[1])!), 900);
    expect(heard.transcripts).toEqual([`${YOU[3]} ${YOU[1]}`]);
  }, 30_000);

  it('the participant leaking into the mic at −3 dB, 40 ms later, is heard as the participant', async () => {
    const participant = spoken.get(PARTICIPANT)!;
    const you = spoken.get(YOU[2])!;
    const participantAt = 600 + ms(you) + 800;
    const participantLane = concat(silence(participantAt), participant);
    const mic = mixIn(concat(silence(600), you), participant, participantAt + 40, -3);
    // Double talk: the participant starts halfway through your sentence.
    const overlapping = mixIn(concat(silence(600), you), participant, 600 + ms(you) / 2 + 40, -3);
    const [lane, echo, doubleTalk] = await Promise.all([transcribe(participantLane), transcribe(mic), transcribe(overlapping)]);
    expect(lane.transcripts).toEqual([PARTICIPANT]);
    expect(echo.transcripts).toEqual([YOU[2], PARTICIPANT]);
    expect(said(doubleTalk)).toBe(`${YOU[2]} ${PARTICIPANT}`);
  }, 30_000);

  it('credits a phrase two utterances share to the one whose audio matches all around it', async () => {
    const texts = ['please send the pricing sheet', 'send the proposal and the pricing sheet'];
    const audio = texts.map((text) => speak(text));
    const recognizer = new MatchedRecognizer(texts.map((text, i) => ({ text, pcm24k: audio[i] })));
    for (const [i, text] of texts.entries()) {
      const { text: heard } = await recognizer.open().ended(0, concat(silence(200), audio[i], silence(200)));
      expect(heard).toBe(text);
    }
  });
});
