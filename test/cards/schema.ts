import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

function schemaFile(name: string): object {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./schema/${name}`, import.meta.url)), 'utf8'));
}

/**
 * Our own Adaptive Card 1.5 schema (draft-07, see schema/README.md), including the Teams `msteams` extension on the
 * card root and the Teams chart elements (`teams-charts.json`). It validates expanded cards: templating keys such as
 * `$when` and `$data` are rejected as leftovers.
 */
export function adaptiveCard15(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ allErrors: true, strict: true, logger: false });
  addFormats(ajv);
  ajv.addSchema(schemaFile('teams-charts.json'));
  validator = ajv.compile(schemaFile('adaptive-card-1.5.json'));
  return validator;
}

/** Readable ajv errors, once each, without the noise of type dispatch (`if`) and of every non-matching `anyOf` branch. */
export function schemaErrors(card: unknown): string[] {
  const validate = adaptiveCard15();
  if (validate(card)) return [];
  const errors = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if')
    .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  return [...new Set(errors)];
}
