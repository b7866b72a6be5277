import type { Json } from '../world.js';
import { statusErrors } from './status.js';

/** Label selectors (`a=b,c!=d,e in (x,y),!f`) and the metadata field selectors. */

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms.map((t) => t.trim()).filter(Boolean);
}

function termMatches(term: string, labels: Json): boolean {
  let m = /^([^\s!=]+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
  if (m) {
    const values = m[3].split(',').map((v) => v.trim());
    const has = m[1] in labels && values.includes(String(labels[m[1]]));
    return m[2] === 'in' ? has : !has;
  }
  m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
  if (m) {
    const equal = labels[m[1]] === m[3];
    return m[2] === '!=' ? !equal : equal;
  }
  if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
  if (/^[^\s!=()]+$/.test(term)) return term in labels;
  throw statusErrors.badRequest(`unable to parse requirement: ${term}`);
}

export function matchesLabels(selector: string | undefined, labels: Json | undefined): boolean {
  if (!selector) return true;
  return splitTerms(selector).every((t) => termMatches(t, labels ?? {}));
}

export function matchesFields(selector: string | undefined, obj: Json): boolean {
  if (!selector) return true;
  return splitTerms(selector).every((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw statusErrors.badRequest(`invalid field selector: ${term}`);
    const value = m[1].split('.').reduce<any>((cur, k) => (cur == null ? undefined : cur[k]), obj);
    const equal = String(value ?? '') === m[3];
    return m[2] === '!=' ? !equal : equal;
  });
}

/** matchLabels + matchExpressions, as workloads and NetworkPolicies use them. */
export function selectorMatches(selector: Json | undefined, labels: Json | undefined): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  const okLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => l[k] === v);
  const okExpr = (selector.matchExpressions ?? []).every((e: Json) => {
    switch (e.operator) {
      case 'In':
        return k(l, e.key) && e.values.includes(l[e.key]);
      case 'NotIn':
        return !k(l, e.key) || !e.values.includes(l[e.key]);
      case 'Exists':
        return k(l, e.key);
      case 'DoesNotExist':
        return !k(l, e.key);
      default:
        return false;
    }
  });
  return okLabels && okExpr;
}

function k(labels: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}
