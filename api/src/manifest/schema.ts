import type { ContributionPointName, JsonSchema } from './types.ts';

const localId = { type: 'string', pattern: '^[a-z0-9][a-zA-Z0-9_-]*(\\.[a-zA-Z0-9_-]+)*$', maxLength: 64 } as const;
const title = { type: 'string', minLength: 1, maxLength: 120 } as const;
const listOf = (item: JsonSchema): JsonSchema => ({ type: 'array', items: item });
const strictObject = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** One schema per contribution point: each contribution is checked against its point's schema. */
export const contributionSchemas: Record<ContributionPointName, JsonSchema> = {
  configuration: strictObject(
    {
      title,
      properties: { type: 'object', propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9_.-]*$' }, additionalProperties: { type: 'object' } },
    },
    ['properties'],
  ),
  commands: listOf(
    strictObject(
      {
        id: localId,
        title,
        category: title,
        keybinding: { type: 'string', pattern: '^((mod|ctrl|alt|shift|meta)\\+)*[a-z0-9`\\-=\\[\\];\',./]$|^((mod|ctrl|alt|shift|meta)\\+)*(f[1-9]|f1[0-2]|enter|escape|space|tab)$' },
      },
      ['id', 'title'],
    ),
  ),
  panels: listOf(strictObject({ id: localId, title, location: { enum: ['side', 'main'] } }, ['id', 'title'])),
  captureSources: listOf(
    strictObject(
      { id: localId, title, description: { type: 'string' }, channels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['you', 'participant'] } } },
      ['id', 'title', 'channels'],
    ),
  ),
  transcribers: listOf(
    strictObject({ id: localId, title, transports: { type: 'array', items: { enum: ['webrtc', 'websocket'] }, uniqueItems: true } }, ['id', 'title']),
  ),
  replyProviders: listOf(strictObject({ id: localId, title }, ['id', 'title'])),
  assistantTools: listOf(
    strictObject(
      {
        name: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,64}$' },
        description: { type: 'string', minLength: 1, maxLength: 1024 },
        inputSchema: { type: 'object', required: ['type'], properties: { type: { const: 'object' } } },
      },
      ['name', 'description', 'inputSchema'],
    ),
  ),
};

/**
 * The top level of a plugin manifest. `contributes` is checked here only as an object: each point is validated
 * separately so that one bad point is reported by name without hiding the others.
 */
export const manifestSchema: JsonSchema = {
  $id: 'https://sotto.dev/schemas/plugin-manifest.json',
  type: 'object',
  required: ['id', 'version', 'main', 'engines'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$', maxLength: 64 },
    name: { type: 'string' },
    displayName: title,
    description: { type: 'string', maxLength: 500 },
    version: { type: 'string', minLength: 5 },
    main: { type: 'string', pattern: '^(?!/)(?!.*\\.\\.).+\\.(ts|js|mjs)$' },
    engines: { type: 'object', required: ['sotto'], properties: { sotto: { type: 'string', minLength: 1 } } },
    activationEvents: {
      type: 'array',
      items: { type: 'string', pattern: '^(\\*|onStartup|onCallStart|onCommand:.+|onPanel:.+|onTool:.+|onTranscriber:.+|onCaptureSource:.+|onReplyProvider:.+)$' },
    },
    enabledByDefault: { type: 'boolean' },
    permissions: {
      type: 'object',
      additionalProperties: false,
      properties: {
        network: { type: 'array', items: { type: 'string', pattern: '^(https?|wss?)://[^/?#\\s]+$' }, uniqueItems: true },
        secrets: { type: 'array', items: { enum: ['realtime', 'transcription'] }, uniqueItems: true },
        engine: { type: 'boolean' },
        tools: { type: 'boolean' },
        userFiles: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      },
    },
    contributes: { type: 'object', propertyNames: { enum: Object.keys(contributionSchemas) } },
  },
};
