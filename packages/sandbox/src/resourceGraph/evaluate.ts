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
      v = k in obj ? obj[k] : obj[Object.keys(obj).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k];
    } else return null;
  }
  return v === undefined ? null : v;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function matches(row: Row, c: Condition): boolean {
  const v = valueAt(row, c.path);
  const s = text(v);
  const want = c.values.map(text);
  switch (c.op) {
    case '==':
      return s === want[0];
    case '!=':
      return s !== want[0];
    case '=~':
      return s.toLowerCase() === want[0].toLowerCase();
    case '!~':
      return s.toLowerCase() !== want[0].toLowerCase();
    case 'contains':
    case 'has':
      return s.toLowerCase().includes(want[0].toLowerCase());
    case 'contains_cs':
      return s.includes(want[0]);
    case '!contains':
      return !s.toLowerCase().includes(want[0].toLowerCase());
    case 'startswith':
      return s.toLowerCase().startsWith(want[0].toLowerCase());
    case 'in':
      return want.includes(s);
    case '!in':
      return !want.includes(s);
    case 'in~':
      return want.some((w) => w.toLowerCase() === s.toLowerCase());
    case '!in~':
      return !want.some((w) => w.toLowerCase() === s.toLowerCase());
    default:
      return false;
  }
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
    if (s.kind === 'where') out = out.filter((r) => s.conditions.every((c) => matches(r, c)));
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
  const filtered = opts.filter ? rows.filter((r) => matches(r, parseCondition(String(opts.filter)))) : rows;
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
