import type { Json } from '../world.js';

/** Patch algorithms the API server accepts: RFC 6902 JSON patch, RFC 7386 merge patch, strategic merge patch. */

export class PatchError extends Error {}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merge keys of the map-lists this emulator knows (a subset of the built-in strategic-merge schema).
 * Lists not named here are atomic (replaced whole), as NetworkPolicy rules and loadBalancerSourceRanges are upstream.
 */
export function listMergeKeys(field: string, items: unknown[]): string[] | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return ['name'];
    case 'volumeMounts':
      return ['mountPath'];
    case 'ports': {
      const first = items.find(isObj);
      if (first && 'containerPort' in first) return ['containerPort', 'protocol'];
      if (first && 'port' in first && !('endPort' in first) && typeof first.port === 'number') return ['port', 'protocol'];
      return undefined;
    }
    default:
      return undefined;
  }
}

export function itemKey(item: unknown, keys: string[]): string {
  if (!isObj(item)) return JSON.stringify(item);
  // protocol defaults to TCP, so {port: 80} and {port: 80, protocol: TCP} are the same entry
  return JSON.stringify(keys.map((k) => (k === 'protocol' ? (item[k] ?? 'TCP') : item[k])));
}

function decodePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: unknown, segs: string[]): unknown {
  let cur: any = doc;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(s)] : cur[s];
  }
  return cur;
}

function parentOf(doc: unknown, segs: string[], path: string): any {
  const parent = getAt(doc, segs.slice(0, -1));
  if (parent === null || typeof parent !== 'object') throw new PatchError(`doc is missing path: "${path}"`);
  return parent;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

export function applyJsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations');
  let out: any = clone(doc);
  for (const op of ops as Json[]) {
    const segs = decodePointer(String(op.path ?? ''));
    const last = segs[segs.length - 1];
    const add = (value: unknown) => {
      if (segs.length === 0) {
        out = clone(value);
        return;
      }
      const parent = parentOf(out, segs, op.path);
      if (Array.isArray(parent)) {
        const idx = last === '-' ? parent.length : Number(last);
        if (!(idx >= 0 && idx <= parent.length)) throw new PatchError(`index out of range: ${op.path}`);
        parent.splice(idx, 0, clone(value));
      } else parent[last] = clone(value);
    };
    const remove = () => {
      const parent = parentOf(out, segs, op.path);
      if (Array.isArray(parent)) {
        const idx = Number(last);
        if (!(idx >= 0 && idx < parent.length)) throw new PatchError(`index out of range: ${op.path}`);
        parent.splice(idx, 1);
      } else {
        if (!(last in parent)) throw new PatchError(`Unable to remove nonexistent key: ${last}: missing value`);
        delete parent[last];
      }
    };
    switch (op.op) {
      case 'add':
        add(op.value);
        break;
      case 'remove':
        remove();
        break;
      case 'replace': {
        if (getAt(out, segs) === undefined) throw new PatchError(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
        if (segs.length === 0) out = clone(op.value);
        else {
          const parent = parentOf(out, segs, op.path);
          parent[Array.isArray(parent) ? Number(last) : last] = clone(op.value);
        }
        break;
      }
      case 'move':
      case 'copy': {
        const fromSegs = decodePointer(String(op.from ?? ''));
        const value = getAt(out, fromSegs);
        if (value === undefined) throw new PatchError(`${op.op} operation does not apply: doc is missing from path: ${op.from}`);
        if (op.op === 'move') {
          const parent = parentOf(out, fromSegs, op.from);
          const k = fromSegs[fromSegs.length - 1];
          if (Array.isArray(parent)) parent.splice(Number(k), 1);
          else delete parent[k];
        }
        add(value);
        break;
      }
      case 'test':
        if (!deepEqual(getAt(out, segs), op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out as Json;
}

/** RFC 7386. */
export function applyMergePatch(target: unknown, patch: unknown): any {
  if (!isObj(patch)) return clone(patch);
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge: like a merge patch, but keyed lists merge by key and honour `$patch: delete|replace`. */
export function applyStrategicMergePatch(target: unknown, patch: unknown, field = ''): any {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _omit, ...rest } = patch;
    return clone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      const current = Array.isArray(out[k]) ? (out[k] as unknown[]) : [];
      const keys = listMergeKeys(k, [...v, ...current]);
      out[k] = keys ? mergeKeyedList(current, v, keys, k) : clone(v.filter((x) => !(isObj(x) && x.$patch)));
      continue;
    }
    const merged = applyStrategicMergePatch(out[k], v, k);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  void field;
  return out;
}

function mergeKeyedList(current: unknown[], patch: unknown[], keys: string[], field: string): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return clone(patch.filter((p) => !(isObj(p) && p.$patch)));
  const out = clone(current);
  for (const p of patch) {
    const idx = out.findIndex((c) => itemKey(c, keys) === itemKey(p, keys));
    if (isObj(p) && p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], p, field);
    else out.push(applyStrategicMergePatch(undefined, p, field));
  }
  return out;
}

/** Apply (SSA) merges the applied configuration the same way a strategic merge does, minus deletion directives. */
export function mergeApplied(live: unknown, applied: unknown): any {
  return applyStrategicMergePatch(live, applied);
}

export { clone, isObj, deepEqual };
