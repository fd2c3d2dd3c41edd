import 'reflect-metadata';
import { filter, firstValueFrom } from 'rxjs';
import { startAssistantHost } from '../tests/support/assistantHost.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

export default {
  title: 'Assistant runs (issue 7): question to request on the wire, tool round trip through plugin workers',
  async run() {
    const sentAt = new Map<string, number>();
    const t = await startAssistantHost({ onResponseRequest: (body) => sentAt.set(String(JSON.stringify(body.input).match(/bench question (\d+)/)?.[1]), performance.now()) });
    try {
      // The knowledge upload and the call's conversation exist before the first measured question, as in a call.
      await t.host.executeCommand('assistant-runs.ask', 'warm up');
      const toWire: number[] = [];
      for (let i = 0; i < 120; i++) {
        const done = firstValueFrom(t.host.bus.stream('answers').pipe(filter((a) => a.id === `answer-b${i}` && a.final)));
        // As in a live call, lines arrive between questions; they ride along with the question's request.
        for (const channel of ['participant', 'you'] as const) t.host.bus.publish('transcript', { channel, itemId: `${channel}-${i}`, previousItemId: null, text: `line ${i} from ${channel}`, final: true, start: i, end: i + 1 });
        const asked = performance.now();
        t.host.bus.publish('questions', { id: `b${i}`, text: `bench question ${i}`, at: Date.now(), source: 'gate' });
        await done;
        if (i >= 20) toWire.push(sentAt.get(String(i))! - asked);
      }
      const tools = (await t.host.executeCommand<number[]>('slow-tools.timeTools', 1200)).slice(200);
      return [
        atMost('assistant.question-to-wire-p95', percentile(toWire, 95), 'ms', 20),
        report('assistant.question-to-wire-p50', percentile(toWire, 50), 'ms'),
        atMost('assistant.tool-roundtrip-p95', percentile(tools, 95), 'ms', 2),
        report('assistant.tool-roundtrip-p50', percentile(tools, 50), 'ms'),
      ];
    } finally {
      await t.close();
    }
  },
} satisfies BenchModule;
