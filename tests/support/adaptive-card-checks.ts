// Offline checks of an expanded Adaptive Card, shared by every test that renders cards:
// the `adaptivecards` parser (unknown types, bad enums, duplicate ids, inputs without label) and the
// official 1.5 JSON schema (misspelled properties and the rest the parser silently accepts).
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { AdaptiveCard, SerializationContext } from 'adaptivecards';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

// The official schema (MIT, see tests/fixtures/adaptive-cards/SOURCE.md): it is not published on npm.
const SCHEMA_FILE = fileURLToPath(new URL('../fixtures/adaptive-cards/adaptive-card-1.5.0.schema.json', import.meta.url));

let validate: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // Draft-06 names the schema with `id`; Ajv 8 only understands `$id`.
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  validate = ajv.compile(schema);
  return validate;
}

/** Every warning or error the adaptivecards library reports while parsing and validating the card. */
export function parserProblems(card: unknown): string[] {
  const context = new SerializationContext();
  const parsed = new AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) problems.push(`parse: ${context.getEventAt(index).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/**
 * Schema violations as readable lines (instance path and message). The card's root `msteams` is Teams'
 * documented host extension, which the generic schema does not know: it is checked on its own
 * (msteamsProblems) and the rest against the schema.
 */
export function schemaProblems(card: unknown): string[] {
  const check = schemaValidator();
  const { msteams, ...generic } = (card ?? {}) as Record<string, unknown>;
  const problems = msteams === undefined ? [] : msteamsProblems(msteams, generic);
  if (check(generic)) return problems;
  return [...problems, ...(check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)];
}

/**
 * Teams' `msteams` of a card: only mention entities (`{ type: 'mention', text: '<at>…</at>', mentioned:
 * { id, name } }`), each of whose text appears in a TextBlock of the card, as Teams requires to render it.
 */
function msteamsProblems(msteams: unknown, card: Record<string, unknown>): string[] {
  if (!msteams || typeof msteams !== 'object') return ['/msteams is not an object'];
  const { entities, ...rest } = msteams as Record<string, unknown>;
  const problems = Object.keys(rest).map((key) => `/msteams has an unexpected property ${key}`);
  if (!Array.isArray(entities)) return [...problems, '/msteams/entities is not an array'];
  const texts = JSON.stringify(card);
  entities.forEach((entity, index) => {
    const { type, text, mentioned } = (entity ?? {}) as { type?: unknown; text?: unknown; mentioned?: { id?: unknown; name?: unknown } };
    if (type !== 'mention') problems.push(`/msteams/entities/${index} type is not "mention"`);
    if (typeof text !== 'string' || !/^<at>[^<>]*<\/at>$/.test(text)) problems.push(`/msteams/entities/${index} text is not <at>…</at>`);
    else if (!texts.includes(JSON.stringify(text).slice(1, -1))) problems.push(`/msteams/entities/${index} text ${text} is in no TextBlock`);
    if (typeof mentioned?.id !== 'string' || !mentioned.id || typeof mentioned.name !== 'string') problems.push(`/msteams/entities/${index} mentioned needs id and name`);
  });
  return problems;
}
