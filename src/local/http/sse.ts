import type { ServerResponse } from 'node:http';

/** Server-sent events in OpenAI's framing: `event: <type>` + `data: <json>`, each with a rising `sequence_number`. */
export class SseWriter {
  private sequence = 0;

  constructor(private readonly res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  }

  send(event: { type: string }): void {
    this.res.write(`event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: this.sequence++ })}\n\n`);
  }

  end(): void {
    this.res.end();
  }
}
