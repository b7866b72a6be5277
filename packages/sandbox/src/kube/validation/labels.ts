import type { Json } from '../../world.js';
import { fieldError, type Cause } from './fieldErrors.js';
import { isDns1123Subdomain, maxLenError, regexError } from './names.js';

/** Label keys, values and selectors (apimachinery's IsQualifiedName / IsValidLabelValue / ValidateLabelSelector). */

const KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const VALUE_FMT = `(${KEY_FMT})?`;
const KEY = new RegExp(`^${KEY_FMT}$`);
const VALUE = new RegExp(`^${VALUE_FMT}$`);

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    name = parts[1];
    if (parts[0].length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDns1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  } else return [`a qualified name ${regexError(KEY_MSG, KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!KEY.test(name)) errs.push(`name part ${regexError(KEY_MSG, KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!VALUE.test(value))
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

export function validateLabelName(key: string, field: string): Cause[] {
  return isQualifiedName(key).map((m) => fieldError.invalid(field, key, m));
}

/** ValidateLabels: every error names the map's field, with the bad key or value. */
export function validateLabels(labels: unknown, field: string): Cause[] {
  if (!labels || typeof labels !== 'object') return [];
  const causes: Cause[] = [];
  for (const [k, v] of Object.entries(labels as Json)) {
    causes.push(...validateLabelName(k, field));
    causes.push(...isValidLabelValue(String(v ?? '')).map((m) => fieldError.invalid(field, String(v ?? ''), m)));
  }
  return causes;
}

/** ValidateLabelSelector: matchLabels as labels; each matchExpression's operator, values and key. */
export function validateLabelSelector(selector: unknown, field: string): Cause[] {
  if (!selector || typeof selector !== 'object') return [];
  const s = selector as Json;
  const causes = validateLabels(s.matchLabels, `${field}.matchLabels`);
  (Array.isArray(s.matchExpressions) ? s.matchExpressions : []).forEach((e: Json, i: number) => {
    const at = `${field}.matchExpressions[${i}]`;
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(fieldError.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) causes.push(fieldError.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        causes.push(fieldError.invalid(`${at}.operator`, String(e?.operator ?? ''), 'not a valid selector operator'));
    }
    causes.push(...validateLabelName(String(e?.key ?? ''), `${at}.key`));
    values.forEach((v, j) => causes.push(...isValidLabelValue(String(v)).map((m) => fieldError.invalid(`${at}.values[${j}]`, String(v), m))));
  });
  return causes;
}
