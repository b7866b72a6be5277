import type { Json } from '../world.js';
import { clone, deepEqual, isObj, listMergeKeys } from './patch.js';

/**
 * Field ownership for server-side apply, kept only in `metadata.managedFields` (FieldsV1) so persistence stays wire-shaped.
 * A path is a list of FieldsV1 segments (`f:spec`, `k:{"name":"web"}`); leaves are scalars, atomic lists and empty maps.
 */
type Path = string[];
const SEP = '\u0000';

function keyObject(item: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((k) => [k, k === 'protocol' ? (item[k] ?? 'TCP') : item[k]]));
}

function walk(value: unknown, field: string, path: Path, out: Map<string, unknown>): void {
  if (isObj(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path.join(SEP), {});
    for (const [k, v] of entries) walk(v, k, [...path, `f:${k}`], out);
    return;
  }
  if (Array.isArray(value)) {
    const keys = listMergeKeys(field, value);
    if (keys && value.every(isObj)) {
      for (const item of value as Json[]) {
        const itemPath = [...path, `k:${JSON.stringify(keyObject(item, keys))}`];
        for (const [k, v] of Object.entries(item)) walk(v, k, [...itemPath, `f:${k}`], out);
      }
      return;
    }
  }
  out.set(path.join(SEP), value);
}

/** The fields an object (or applied configuration) sets: metadata labels/annotations and everything but status. */
export function leafFields(obj: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const meta = obj.metadata ?? {};
  for (const k of ['labels', 'annotations'] as const) if (meta[k]) walk(meta[k], k, ['f:metadata', `f:${k}`], out);
  for (const [k, v] of Object.entries(obj)) {
    if (['apiVersion', 'kind', 'metadata', 'status'].includes(k)) continue;
    walk(v, k, [`f:${k}`], out);
  }
  return out;
}

export function toFieldsV1(paths: Iterable<string>): Json {
  const root: Json = {};
  for (const p of paths) {
    let node = root;
    for (const seg of p.split(SEP)) {
      node[seg] ??= {};
      node = node[seg];
      if (seg.startsWith('k:')) node['.'] ??= {};
    }
  }
  return root;
}

export function fromFieldsV1(tree: Json, prefix: Path = [], out: Set<string> = new Set()): Set<string> {
  for (const [seg, child] of Object.entries(tree ?? {})) {
    if (seg === '.') continue;
    const children = Object.keys(child ?? {}).filter((k) => k !== '.');
    if (children.length === 0) out.add([...prefix, seg].join(SEP));
    else fromFieldsV1(child, [...prefix, seg], out);
  }
  return out;
}

/** Finds the container of a path's last segment; creates nothing. */
function locate(obj: Json, segs: string[]): { parent: any; last: string } | undefined {
  let cur: any = obj;
  for (const seg of segs.slice(0, -1)) {
    cur = step(cur, seg);
    if (cur === undefined) return undefined;
  }
  return { parent: cur, last: segs[segs.length - 1] };
}

function step(cur: any, seg: string): any {
  if (seg.startsWith('f:')) return isObj(cur) ? cur[seg.slice(2)] : undefined;
  if (seg.startsWith('k:') && Array.isArray(cur)) {
    const want = JSON.parse(seg.slice(2)) as Json;
    return cur.find((item) => isObj(item) && Object.entries(want).every(([k, v]) => (k === 'protocol' ? (item[k] ?? 'TCP') : item[k]) === v));
  }
  return undefined;
}

/** Removes one field, then prunes maps and keyed-list items it left empty (or holding only their keys). */
export function removeField(obj: Json, path: string): void {
  const segs = path.split(SEP);
  const at = locate(obj, segs);
  if (!at || !isObj(at.parent) || !at.last.startsWith('f:')) return;
  delete at.parent[at.last.slice(2)];
  for (let depth = segs.length - 1; depth > 0; depth--) {
    const loc = locate(obj, segs.slice(0, depth));
    if (!loc) return;
    const child = step(loc.parent, loc.last);
    let empty = false;
    if (isObj(child)) {
      const keyNames = loc.last.startsWith('k:') ? Object.keys(JSON.parse(loc.last.slice(2)) as Json) : [];
      const left = Object.keys(child);
      empty = left.length === 0 || (keyNames.length > 0 && left.every((k) => keyNames.includes(k)));
    } else if (Array.isArray(child)) empty = child.length === 0;
    if (!empty) return;
    if (Array.isArray(loc.parent)) loc.parent.splice(loc.parent.indexOf(child), 1);
    else if (isObj(loc.parent) && loc.last.startsWith('f:')) delete loc.parent[loc.last.slice(2)];
  }
}

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Json;
  subresource?: string;
}

function entriesOf(obj: Json): ManagedEntry[] {
  return (obj.metadata?.managedFields ?? []) as ManagedEntry[];
}

function setEntries(obj: Json, entries: ManagedEntry[]): void {
  const kept = entries.filter((e) => Object.keys(e.fieldsV1 ?? {}).length > 0);
  obj.metadata.managedFields = kept;
}

/** After a create/update/patch by `manager`: it owns what it changed; others lose what changed under them. */
export function recordUpdate(before: Json | undefined, after: Json, manager: string, apiVersion: string): void {
  const old = before ? leafFields(before) : new Map<string, unknown>();
  const now = leafFields(after);
  const changed = new Set<string>();
  for (const [p, v] of now) if (!old.has(p) || !deepEqual(old.get(p), v)) changed.add(p);
  const entries = clone(entriesOf(before ?? after)).map((e) => {
    const owned = fromFieldsV1(e.fieldsV1);
    for (const p of [...owned]) if (!now.has(p) || (changed.has(p) && e.manager !== manager)) owned.delete(p);
    return { ...e, fieldsV1: toFieldsV1(owned) };
  });
  if (changed.size > 0 || !before) {
    const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    let mine = entries.find((e) => e.manager === manager && e.operation === 'Update');
    if (!mine) {
      mine = { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: {} };
      entries.push(mine);
    }
    const owned = fromFieldsV1(mine.fieldsV1);
    for (const p of before ? changed : now.keys()) owned.add(p);
    mine.fieldsV1 = toFieldsV1(owned);
    mine.time = time;
  }
  setEntries(after, entries);
}

export interface ApplyConflict {
  manager: string;
  field: string;
}

/**
 * Server-side apply: merge `applied` into `live` (or create from it), detect conflicts with other managers
 * (unless forced), and drop fields this manager applied before but no longer does.
 */
export function serverSideApply(
  live: Json | undefined,
  applied: Json,
  manager: string,
  force: boolean,
  merge: (live: Json, applied: Json) => Json,
): { result: Json; conflicts: ApplyConflict[] } {
  const want = leafFields(applied);
  const current = live ? leafFields(live) : new Map<string, unknown>();
  const entries = clone(live ? entriesOf(live) : []);
  const conflicts: ApplyConflict[] = [];
  for (const e of entries) {
    if (e.manager === manager && e.operation === 'Apply') continue;
    const owned = fromFieldsV1(e.fieldsV1);
    for (const p of owned) {
      if (want.has(p) && current.has(p) && !deepEqual(current.get(p), want.get(p))) {
        if (force) owned.delete(p);
        else conflicts.push({ manager: e.manager, field: '.' + p.split(SEP).map((s) => s.slice(2)).join('.') });
      }
    }
    e.fieldsV1 = toFieldsV1(owned);
  }
  if (conflicts.length > 0 && !force) return { result: live as Json, conflicts };

  const mine = entries.find((e) => e.manager === manager && e.operation === 'Apply');
  const previously = mine ? fromFieldsV1(mine.fieldsV1) : new Set<string>();
  const others = new Set<string>();
  for (const e of entries) if (e !== mine) for (const p of fromFieldsV1(e.fieldsV1)) others.add(p);

  let result = live ? merge(clone(live), applied) : clone(applied);
  // atomic lists and scalars come from the applied config as is; fields this manager dropped go away
  for (const p of previously) if (!want.has(p) && !others.has(p)) removeField(result, p);
  result = clone(result);

  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const entry: ManagedEntry = {
    manager,
    operation: 'Apply',
    apiVersion: String(applied.apiVersion ?? ''),
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(want.keys()),
  };
  const rest = entries.filter((e) => e !== mine);
  result.metadata ??= {};
  setEntries(result, [entry, ...rest]);
  return { result, conflicts: [] };
}
