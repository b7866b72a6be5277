// the generated models only, not the whole client: the emulator process starts faster
import * as k8s from '@kubernetes/client-node/dist/gen/models/all.js';
import type { Json } from '../world.js';
import { listMergeKeys } from './patch.js';

/**
 * Which fields each kind has, from @kubernetes/client-node's generated models (the OpenAPI schema of the built-in
 * types): how the API server's strict decoder finds unknown fields. Wire names are the models' `baseName`s.
 */

interface Attribute {
  baseName: string;
  type: string;
}

type Model = { getAttributeTypeMap(): Attribute[] };
const models = k8s as unknown as Record<string, Model | undefined>;
const fieldsCache = new Map<string, Map<string, string> | undefined>();

function fieldsOf(typeName: string): Map<string, string> | undefined {
  if (!fieldsCache.has(typeName)) {
    const model = models[typeName];
    fieldsCache.set(typeName, typeof model?.getAttributeTypeMap === 'function' ? new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type])) : undefined);
  }
  return fieldsCache.get(typeName);
}

/** The model of a built-in kind (`Deployment` → `V1Deployment`), when the client knows it. */
export function hasSchema(kind: string): boolean {
  return fieldsOf(`V1${kind}`) !== undefined;
}

export interface UnknownField {
  /** As the strict JSON decoder names it: `spec.template.spec.containers[0].containerport`. */
  path: string;
  /** As structured-merge-diff names it for server-side apply: `.spec.template.spec.containers[name="web"].containerport`. */
  smdPath: string;
  parent: Json;
  key: string;
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

function itemSelector(field: string, items: unknown[], item: unknown, index: number): string {
  const keys = listMergeKeys(field, items);
  if (!keys || !item || typeof item !== 'object') return `[${index}]`;
  return `[${keys.map((k) => `${k}=${JSON.stringify(k === 'protocol' ? ((item as Json)[k] ?? 'TCP') : (item as Json)[k])}`).join(',')}]`;
}

function walk(value: unknown, type: string, field: string, path: string, smd: string, out: UnknownField[]): void {
  if (value === null || value === undefined) return;
  const arr = ARRAY.exec(type);
  if (arr) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, arr[1], field, `${path}[${i}]`, `${smd}${itemSelector(field, value, item, i)}`, out));
    return;
  }
  const map = MAP.exec(type);
  if (map) {
    if (typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value as Json)) walk(v, map[1], k, `${path}.${k}`, `${smd}.${k}`, out);
    return;
  }
  const fields = fieldsOf(type);
  if (!fields || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as Json)) {
    const childPath = path ? `${path}.${k}` : k;
    const childType = fields.get(k);
    if (childType === undefined) out.push({ path: childPath, smdPath: `${smd}.${k}`, parent: value as Json, key: k });
    else walk(v, childType, k, childPath, `${smd}.${k}`, out);
  }
}

/** Fields of `obj` that its kind does not have, in document order. */
export function unknownFields(obj: Json, kind: string): UnknownField[] {
  const out: UnknownField[] = [];
  if (hasSchema(kind)) walk(obj, `V1${kind}`, '', '', '', out);
  return out;
}

/** Drops unknown fields in place, as decoding into the typed object does; returns their paths. */
export function pruneUnknownFields(obj: Json, kind: string): string[] {
  const found = unknownFields(obj, kind);
  for (const f of found) delete f.parent[f.key];
  return found.map((f) => f.path);
}
