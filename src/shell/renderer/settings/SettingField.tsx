import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { Validator } from '@cfworker/json-schema';
import type { JsonSchema } from '@sotto/api';

type FieldSchema = JsonSchema & { type?: string; enum?: unknown[]; title?: string; description?: string; default?: unknown; items?: { type?: string } };

/** Text typed by the user, turned into the JSON type the schema asks for (the schema then judges it). */
function parseInput(schema: FieldSchema, text: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return text.trim() === '' ? undefined : Number(text);
  if (schema.type === 'array') return text.split('\n').map((line) => line.trim()).filter(Boolean);
  return text;
}

function displayValue(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : value === undefined || value === null ? '' : String(value);
}

/**
 * One setting, rendered from its JSON Schema and validated as the user types with an eval-free validator
 * (the page's CSP forbids eval). Only valid values are sent to the shell, which validates them again.
 */
export function SettingField(props: { pluginId: string; settingKey: string; schema: FieldSchema; value: unknown; save: (value: unknown) => Promise<void> }) {
  const validator = new Validator(props.schema as object, '2020-12', false);
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const id = `setting-${props.pluginId}-${props.settingKey}`;
  const label = () => props.schema.title ?? props.settingKey;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Memos, so the input is only rewritten when this setting's stored value changes: any other setting being saved
  // re-evaluates props.value, and rewriting the input then would wipe what the user is still typing here.
  const stored = createMemo(() => props.value);
  const shown = createMemo(() => displayValue(stored()));

  const onValue = (value: unknown) => {
    setSaved(false);
    clearTimeout(timer);
    const result = value === undefined ? { valid: false, errors: [{ error: 'A value is required.' }] } : validator.validate(value);
    if (!result.valid) {
      setError(result.errors.map((e) => e.error).at(-1));
      return;
    }
    setError(undefined);
    timer = setTimeout(() => {
      props.save(value).then(
        () => setSaved(true),
        (e: Error) => setError(e.message),
      );
    }, 250);
  };

  return (
    <div class="field" data-testid={id}>
      <label for={id}>{label()}</label>
      <Switch fallback={<input id={id} type={props.schema.type === 'number' || props.schema.type === 'integer' ? 'number' : 'text'} value={shown()} aria-invalid={!!error()} onInput={(e) => onValue(parseInput(props.schema, e.currentTarget.value))} />}>
        <Match when={props.schema.type === 'boolean'}>
          <input id={id} type="checkbox" checked={stored() === true} onChange={(e) => onValue(e.currentTarget.checked)} />
        </Match>
        <Match when={Array.isArray(props.schema.enum)}>
          <select id={id} onChange={(e) => onValue(props.schema.enum![Number(e.currentTarget.value)])}>
            <For each={props.schema.enum}>
              {(option, index) => (
                <option value={index()} selected={option === stored()}>
                  {String(option)}
                </option>
              )}
            </For>
          </select>
        </Match>
        <Match when={props.schema.type === 'array'}>
          <textarea id={id} rows={3} value={shown()} onInput={(e) => onValue(parseInput(props.schema, e.currentTarget.value))} />
        </Match>
      </Switch>
      <Show when={props.schema.description}>
        <small class="muted">{props.schema.description}</small>
      </Show>
      <Show when={error()}>
        <small class="error" role="alert">
          {error()}
        </small>
      </Show>
      <Show when={saved()}>
        <small class="saved">Saved</small>
      </Show>
    </div>
  );
}
