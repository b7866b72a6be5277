import type { Json } from '../world.js';
import { parseCondition, parseSortKey, type Condition, type Path, type Stage } from './kql.js';

export type Row = Record<string | symbol, unknown>;

/** The read action a row's type needs; carried through projections (symbols never reach JSON). */
export const READ_ACTION = Symbol('readAction');

export function valueAt(row: unknown, path: Path): unknown {
  let v: unknown = row;
  for (const k of path) {
    if (v === null || v === undefined) return null;
    if (typeof k === 'number') v = Array.isArray(v) ? v[k] : undefined;
    else if (typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      // dynamic property access in KQL is case-sensitive, but top-level columns are matched case-insensitively
      v = k in obj ? obj[k] : obj[Object.keys(obj).find((x) => x.toLowerCase() === k.toLowerCase()) ?? ''];
    } else return null;
  }
  return v === undefined ? null : v;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A condition as a predicate, its literals prepared once (a query over thousands of rows runs it per row). */
export function predicate(c: Condition): (row: Row) => boolean {
  const want = c.values.map(text);
  const w = want[0] ?? '';
  const wl = w.toLowerCase();
  const exact = new Set(want);
  const folded = new Set(want.map((x) => x.toLowerCase()));
  const get = (row: Row) => text(valueAt(row, c.path));
  switch (c.op) {
    case '==':
      return (r) => get(r) === w;
    case '!=':
      return (r) => get(r) !== w;
    case '=~':
      return (r) => get(r).toLowerCase() === wl;
    case '!~':
      return (r) => get(r).toLowerCase() !== wl;
    case 'contains':
    case 'has':
      return (r) => get(r).toLowerCase().includes(wl);
    case 'contains_cs':
      return (r) => get(r).includes(w);
    case '!contains':
      return (r) => !get(r).toLowerCase().includes(wl);
    case 'startswith':
      return (r) => get(r).toLowerCase().startsWith(wl);
    case 'in':
      return (r) => exact.has(get(r));
    case '!in':
      return (r) => !exact.has(get(r));
    case 'in~':
      return (r) => folded.has(get(r).toLowerCase());
    case '!in~':
      return (r) => !folded.has(get(r).toLowerCase());
    default:
      return () => false;
  }
}

export function matches(row: Row, c: Condition): boolean {
  return predicate(c)(row);
}

function compare(a: unknown, b: unknown, lower: boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = lower ? text(a).toLowerCase() : text(a);
  const y = lower ? text(b).toLowerCase() : text(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs the parsed stages over the rows; the result's columns are the projection's (or every column). */
export function evaluate(stages: Stage[], rows: Row[]): Row[] {
  let out = rows;
  for (const s of stages) {
    if (s.kind === 'where') {
      const tests = s.conditions.map(predicate);
      out = out.filter((r) => tests.every((t) => t(r)));
    }
    else if (s.kind === 'project') {
      out = out.map((r) => {
        const p: Row = Object.fromEntries(s.items.map((i) => [i.name, valueAt(r, i.path)]));
        p[READ_ACTION] = r[READ_ACTION];
        return p;
      });
    }
    else if (s.kind === 'order') {
      out = [...out].sort((a, b) => {
        for (const k of s.keys) {
          const d = compare(valueAt(a, k.path), valueAt(b, k.path), k.lower);
          if (d !== 0) return k.desc ? -d : d;
        }
        return 0;
      });
    } else out = out.slice(0, s.count);
  }
  return out;
}

/** A requested facet (`expression` + options), answered as FacetResult or FacetError like Resource Graph. */
export function facet(rows: Row[], request: Json): Json {
  const expression = String(request?.expression ?? '');
  const column = expression.replace(/\./g, '_');
  const known = rows.length === 0 || rows.some((r) => column in r);
  if (!known) {
    return {
      errors: [
        { code: 'NoValidColumns', message: 'No valid columns in facet expression.' },
        { code: 'InvalidColumnNames', message: `Invalid column names: [${expression}].` },
      ],
      expression,
      resultType: 'FacetError',
    };
  }
  const opts: Json = request.options ?? {};
  const filtered = opts.filter ? rows.filter(predicate(parseCondition(String(opts.filter)))) : rows;
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const r of filtered) {
    const v = r[column] ?? null;
    const key = text(v);
    const entry = counts.get(key) ?? { value: v, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const desc = String(opts.sortOrder ?? 'desc').toLowerCase() !== 'asc';
  const sortBy = opts.sortBy ? parseSortKey(String(opts.sortBy)) : undefined;
  const groups = [...counts.values()].sort((a, b) => {
    const d = sortBy ? compare(a.value, b.value, sortBy.lower) : a.count - b.count;
    if (d !== 0) return desc ? -d : d;
    return compare(a.value, b.value, true);
  });
  const top = Math.min(Number(opts.$top ?? 10), 1000);
  const data = groups.slice(0, top).map((g) => ({ count: g.count, [column]: g.value }));
  return { count: data.length, data, expression, resultType: 'FacetResult', totalRecords: groups.length };
}
