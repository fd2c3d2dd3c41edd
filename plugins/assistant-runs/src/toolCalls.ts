import { CancellationTokenSource, type SottoApi, type ToolInfo } from '@sotto/api';
import type { Responses } from '@sotto/api/openai';

type Schema = { [key: string]: unknown };

/** Keywords strict mode does not take; the host validates the full declared schema before the tool runs anyway. */
const UNSUPPORTED = ['minLength', 'maxLength', 'minProperties', 'maxProperties', 'default', 'examples', '$schema'];

/** A declared JSON Schema in strict form: every property required, optional ones nullable, no extra properties. */
export function strictSchema(schema: Schema): Schema {
  const out: Schema = Object.fromEntries(Object.entries(schema).filter(([k]) => !UNSUPPORTED.includes(k)));
  if (schema.type === 'object' && schema.properties) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = Object.entries(schema.properties as Record<string, Schema>).map(([key, value]) => {
      const strict = strictSchema(value);
      if (!required.has(key)) strict.type = [...new Set([...(Array.isArray(strict.type) ? strict.type : [strict.type]), 'null'])];
      return [key, strict];
    });
    Object.assign(out, { properties: Object.fromEntries(properties), required: properties.map(([key]) => key), additionalProperties: false });
  }
  if (schema.items) out.items = strictSchema(schema.items as Schema);
  return out;
}

/** Strict mode sends absent optional fields as null; the tool's own schema expects them absent. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
  return value;
}

export function functionTools(tools: readonly ToolInfo[]): Responses.FunctionTool[] {
  return tools.map((t) => ({ type: 'function', name: t.name, description: t.description, strict: true, parameters: strictSchema(t.inputSchema) }));
}

export interface ToolOutcome {
  readonly output: Responses.ResponseInputItem.FunctionCallOutput;
  /** Set when the tool failed: shown with the answer, which goes on. */
  readonly notice?: string;
}

/** Runs one function call through the host (validated, with a deadline); failures become an error output. */
export async function runToolCall(api: SottoApi, call: Responses.ResponseFunctionToolCall, signal: AbortSignal, timeoutMs: number): Promise<ToolOutcome> {
  const source = new CancellationTokenSource();
  const onAbort = () => source.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  const output = (value: unknown) => ({ type: 'function_call_output' as const, call_id: call.call_id, output: JSON.stringify(value) });
  try {
    const input = dropNulls(JSON.parse(call.arguments || '{}'));
    return { output: output(await api.tools.invoke(call.name, input, { token: source.token, timeoutMs })) };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const notice = code === 'E_TIMEOUT' ? `Tool ${call.name} timed out after ${timeoutMs / 1000} s.` : `Tool ${call.name} failed: ${message}`;
    return { output: output({ error: notice }), notice };
  } finally {
    signal.removeEventListener('abort', onAbort);
    source.dispose();
  }
}
