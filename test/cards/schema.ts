import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

/**
 * The vendored Adaptive Card 1.5 schema (see schema/README.md), plus the one Teams extension we use:
 * `msteams` on the card root, which the upstream schema's `additionalProperties: false` would reject.
 */
export function adaptiveCard15(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./schema/adaptive-card-1.5.json', import.meta.url)), 'utf8'));
  schema.definitions.AdaptiveCard.properties.msteams = {
    type: 'object',
    properties: { width: { enum: ['Full'] } },
    additionalProperties: false,
  };
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  ajv.addMetaSchema(JSON.parse(readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-06.json'), 'utf8')));
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Readable ajv errors, deepest first, without the anyOf noise of every non-matching branch. */
export function schemaErrors(card: unknown): string[] {
  const validate = adaptiveCard15();
  if (validate(card)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'enum' && e.keyword !== 'pattern' && e.keyword !== 'required')
    .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
