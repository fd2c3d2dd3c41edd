import { unwrap } from '../common/errors.ts';
import type { ToolInvokeOptions } from '../plugin.ts';
import type { HostShape } from '../rpc/shapes.ts';

let nextCallId = 1;

/** Runs another plugin's tool through the host; cancelling the token cancels it there too. */
export async function invokeTool<O>(host: HostShape, name: string, input: unknown, options: ToolInvokeOptions = {}): Promise<O> {
  const callId = nextCallId++;
  const listener = options.token?.onCancellationRequested(() => void host.$cancelTool(callId));
  try {
    return unwrap(await host.$invokeTool(name, input, options.timeoutMs, callId)) as O;
  } finally {
    listener?.dispose();
  }
}
