import type { Json } from '../world.js';
import type { ResourceType } from './resources.js';
import { pruneUnknownFields, unknownFields } from './schema.js';
import { KubeStatusError, statusErrors } from './status.js';
import { fieldError } from './validation/fieldErrors.js';

/**
 * Unknown fields, as the API server's decoder treats them under `fieldValidation` (kubectl sends Strict; without the
 * parameter the server warns): Strict refuses, Warn drops them with a `Warning` header, Ignore drops them silently.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeOptions {
  fieldValidation?: FieldValidation;
  /** Where Warn puts its warnings (the server turns them into `Warning: 299 - "…"` headers). */
  warnings?: string[];
}

function strictError(paths: string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
}

function warnOrIgnore(paths: string[], opts: DecodeOptions): void {
  if ((opts.fieldValidation ?? 'Warn') === 'Warn') opts.warnings?.push(...paths.map((p) => `unknown field ${JSON.stringify(p)}`));
}

/** A create or update body: Strict answers 400 `<Kind> in version "v1" cannot be handled as a <Kind>: strict decoding error: …`. */
export function decodeBody(t: ResourceType, obj: Json, opts: DecodeOptions): void {
  if (opts.fieldValidation === 'Strict') {
    const paths = unknownFields(obj, t.kind).map((f) => f.path);
    if (paths.length) throw statusErrors.badRequest(`${t.kind} in version ${JSON.stringify(t.version)} cannot be handled as a ${t.kind}: ${strictError(paths)}`);
  }
  warnOrIgnore(pruneUnknownFields(obj, t.kind), opts);
}

/** The object a JSON, merge or strategic-merge patch produced: Strict answers 422 Invalid on the field `patch`. */
export function decodePatched(t: ResourceType, obj: Json, opts: DecodeOptions): void {
  if (opts.fieldValidation === 'Strict') {
    const paths = unknownFields(obj, t.kind).map((f) => f.path);
    if (paths.length) {
      const message = `Invalid value: ${JSON.stringify(JSON.stringify(obj))}: ${strictError(paths)}`;
      throw new KubeStatusError(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
    }
  }
  warnOrIgnore(pruneUnknownFields(obj, t.kind), opts);
}

/** Server-side apply types the applied configuration first: an unknown field is a 400 whatever `fieldValidation` says. */
export function checkApplyConfiguration(t: ResourceType, ns: string | undefined, name: string, applied: Json): void {
  const found = unknownFields(applied, t.kind);
  if (!found.length) return;
  const errors = found.map((f) => `${f.smdPath}: field not declared in schema`);
  const gvk = `${t.group}/${t.version}, Kind=${t.kind}`;
  const detail = errors.length === 1 ? errors[0] : `errors:\n  ${errors.join('\n  ')}`;
  throw statusErrors.badRequest(`failed to create typed patch object (${ns ?? ''}/${name}; ${gvk}): ${detail}`);
}

/** The `fieldValidation` query parameter (case-sensitive); anything else fails validation of the request's options. */
export function fieldValidationParam(value: string | null, options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions'): FieldValidation | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw statusErrors.invalid('meta.k8s.io', options, '', [fieldError.notSupported('fieldValidation', value, ['', 'Ignore', 'Strict', 'Warn'])]);
}
