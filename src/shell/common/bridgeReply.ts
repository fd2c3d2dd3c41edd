import { bridgeMethods, BridgeError, type Bridge, type BridgeMethod } from './bridge.ts';

/** What every bridge transport answers: a value, or an error with a code. Errors are values on the wire. */
export type BridgeReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export type BridgeTransport = (method: BridgeMethod, arg: unknown) => Promise<BridgeReply>;

/** The typed bridge over any transport (Electron IPC or the web shell's HTTP). */
export function bridgeOver(transport: BridgeTransport): Bridge {
  const call = async (method: BridgeMethod, arg: unknown) => {
    const reply = await transport(method, arg);
    if (!reply.ok) throw new BridgeError(reply.error.code, reply.error.message);
    return reply.value;
  };
  return Object.fromEntries(bridgeMethods.map((method) => [method, (arg: unknown) => call(method, arg)])) as unknown as Bridge;
}

/** The shell side: runs one bridge method and turns any failure into an error value with its code. */
export async function answerBridgeCall(bridge: Bridge, method: string, arg: unknown): Promise<BridgeReply> {
  if (!(bridgeMethods as readonly string[]).includes(method)) return { ok: false, error: { code: 'E_NOT_FOUND', message: `No bridge method "${method}".` } };
  try {
    return { ok: true, value: await (bridge[method as BridgeMethod] as (a: unknown) => Promise<unknown>).call(bridge, arg) };
  } catch (error) {
    const code = error instanceof BridgeError ? error.code : ((error as { code?: string }).code ?? 'E_SHELL');
    return { ok: false, error: { code: typeof code === 'string' ? code : 'E_SHELL', message: (error as Error).message } };
  }
}
