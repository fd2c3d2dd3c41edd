import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { POCKETSPHINX_MISSING, startLocalServer } from '../../../src/local/index.ts';
import { PocketsphinxRecognizer } from '../../../src/local/engines/pocketsphinx.ts';
import { SpeechSegmenter } from '../../../src/local/engines/segmenter.ts';
import { SileroVadEngine } from '../../../src/local/engines/vad.ts';
import { NotesIndex } from '../../../src/local/knowledge/notes-index.ts';
import { g711To24k } from '../../../src/local/engines/g711.ts';
import { streamPcm, utterances } from './support/audio.ts';
import { openRealtime } from './support/probe.ts';

const SENTENCES = ['what is the price per seat for the enterprise plan', 'who owns the security review', 'send the proposal and the pricing sheet'];

describe('local engines', () => {
  it('Silero VAD finds each sentence, at its real boundaries', async () => {
    const speech = utterances(SENTENCES, 900, 400);
    const found: Array<{ startMs: number; endMs: number }> = [];
    const segmenter = new SpeechSegmenter(await new SileroVadEngine().create(), { started: () => {}, progress: () => {}, ended: (_i, startMs, endMs) => found.push({ startMs, endMs }) });
    for (let i = 0; i < speech.pcm.length; i += 480) segmenter.push(speech.pcm.subarray(i, i + 480));
    await segmenter.run(() => undefined);
    expect(found).toHaveLength(SENTENCES.length);
    for (const [i, span] of speech.spans.entries()) {
      expect(Math.abs(found[i].startMs - span.startMs)).toBeLessThan(100);
      expect(Math.abs(found[i].endMs - span.endMs)).toBeLessThan(200);
    }
  });

  it('transcribes with pocketsphinx when installed, and otherwise says how to install it', async () => {
    const available = new PocketsphinxRecognizer().unavailable === null;
    const server = await startLocalServer();
    const health = await (await fetch(server.url.replace('/v1', '/health'))).json();
    expect(health.engines.transcription).toMatchObject({ name: 'pocketsphinx', available, message: available ? null : POCKETSPHINX_MISSING });
    const { log, send, ws } = await openRealtime(server.url, 'intent=transcription');
    send({ type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-live-transcribe' }, turn_detection: { type: 'server_vad' } } } } });
    await streamPcm(utterances([SENTENCES[0]], 900, 300).pcm, (audio) => send({ type: 'input_audio_buffer.append', audio }));
    if (available) {
      const done = await log.next('conversation.item.input_audio_transcription.completed');
      // espeak speech is hard for pocketsphinx (WER ~60%): ask only for some of the words.
      const heard = String(done.transcript).split(' ');
      expect(heard.filter((w) => SENTENCES[0].split(' ').includes(w)).length).toBeGreaterThanOrEqual(2);
    } else {
      const failed = await log.next('conversation.item.input_audio_transcription.failed');
      expect(failed.error).toMatchObject({ code: 'local_transcription_unavailable', message: POCKETSPHINX_MISSING });
    }
    expect(log.schemaErrors).toEqual([]);
    ws.close();
    await server.close();
  });

  it('decodes G.711 μ-law and A-law appends as sox does', () => {
    const pcm = utterances([SENTENCES[1]], 200, 200).pcm;
    const input = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    for (const [law, encoding] of [['pcmu', 'u-law'], ['pcma', 'a-law']] as const) {
      const encoded = spawnSync('sox', ['-t', 'raw', '-r', '24000', '-e', 'signed', '-b', '16', '-c', '1', '-', '-t', 'raw', '-r', '8000', '-e', encoding, '-b', '8', '-'], { input }).stdout;
      const reference = spawnSync('sox', ['-t', 'raw', '-r', '8000', '-e', encoding, '-b', '8', '-c', '1', '-', '-t', 'raw', '-e', 'signed', '-b', '16', '-'], { input: encoded }).stdout;
      const expected = new Int16Array(reference.buffer, reference.byteOffset, reference.length / 2);
      const decoded = g711To24k(new Uint8Array(encoded), law);
      expect(decoded.length).toBe(expected.length * 3);
      expect(Array.from(decoded.filter((_v, i) => i % 3 === 0))).toEqual(Array.from(expected));
    }
  });

  it('BM25 answers extract the best sentence and abstain under the threshold', () => {
    const index = new NotesIndex();
    index.add({ id: 'a', title: 'pricing', body: 'Intro line.\n\nThe enterprise plan costs 42 dollars per seat.\n\nSupport is included.' });
    index.add({ id: 'b', title: 'team', body: 'Priya owns security reviews.' });
    expect(index.answer('how much is a seat on the enterprise plan', 3)?.text).toBe('The enterprise plan costs 42 dollars per seat.');
    expect(index.answer('what is the weather like', 3)).toBeNull();
    expect(index.answer('seat', 1000)).toBeNull();
    expect(index.answer('what does a seat cost in the mars colony office canteen', 3)).toBeNull();
  });
});
