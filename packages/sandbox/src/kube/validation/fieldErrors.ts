/**
 * field.Error from k8s.io/apimachinery/pkg/util/validation/field: the cause of a 422 Invalid answer, with the
 * message body the API server writes (`Invalid value: "x": detail`, `Required value`, `Unsupported value: …`).
 */
export interface Cause {
  field: string;
  /** ErrorBody(): type, the bad value as Go prints it, and the detail. */
  message: string;
  /** The cause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueForbidden, … */
  reason: string;
}

/** How Go's `%q` / `%v` / `%#v` print the values the validators report. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  return JSON.stringify(v);
}

function body(type: string, value: unknown, detail: string, showValue = true): string {
  const head = showValue ? `${type}: ${goValue(value)}` : type;
  return detail ? `${head}: ${detail}` : head;
}

export const fieldError = {
  invalid: (field: string, value: unknown, detail: string): Cause => ({ field, message: body('Invalid value', value, detail), reason: 'FieldValueInvalid' }),
  required: (field: string, detail = ''): Cause => ({ field, message: body('Required value', undefined, detail, false), reason: 'FieldValueRequired' }),
  forbidden: (field: string, detail: string): Cause => ({ field, message: body('Forbidden', undefined, detail, false), reason: 'FieldValueForbidden' }),
  notSupported: (field: string, value: unknown, supported: string[]): Cause => ({
    field,
    message: body('Unsupported value', value, supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : ''),
    reason: 'FieldValueNotSupported',
  }),
  duplicate: (field: string, value: unknown): Cause => ({ field, message: body('Duplicate value', value, ''), reason: 'FieldValueDuplicate' }),
};

/** `ErrorList.ToAggregate().Error()`: one error as is, several in brackets. */
export function aggregate(causes: Cause[]): string {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  return parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
}
