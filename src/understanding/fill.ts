import { durationWord } from '../commands/spec.js';
import type { Entity, EntityType } from './entities.js';

/** Fills a command template ("make {service} internal[ in {namespace}][ on {cluster}]") from recognised values. */

export interface Filled {
  text: string;
  missing: string[];
  /** Entities the template used, by slot. */
  used: Map<string, Entity[]>;
}

const ENDPOINT_TYPES: EntityType[] = ['NAME', 'INTERNET', 'ADDR', 'IMAGE'];

function first(es: Entity[], ...types: EntityType[]): Entity[] {
  const e = es.find((x) => types.includes(x.type));
  return e ? [e] : [];
}

/**
 * A flow's two ends. Two neighbours that each say their role ("A to connect to B") belong to one clause and win over
 * a role borrowed from another clause ("… read from the database. Allow A to connect to B"); a value said twice
 * ("the internet … on the internet") is one end.
 */
export function flowEnds(endpoints: Entity[]): Entity[] {
  for (let i = 0; i + 1 < endpoints.length; i++) {
    const [a, b] = [endpoints[i], endpoints[i + 1]];
    if (a.role && b.role && a.role !== b.role && a.value !== b.value) return [a, b];
  }
  // (with no role said anywhere, the ends come in the order the message says them, whichever clause is read)
  const inOrder = endpoints.some((e) => e.role) ? endpoints : [...endpoints].sort((a, b) => (a.said ?? a.at) - (b.said ?? b.at));
  const distinct: Entity[] = [];
  // (round 12d: of a value said twice, the saying that tells its role stands for it: "customers on the internet …
  // can the internet reach it"; a name said alone and again with its namespace is one end: "DNS! … reach kube-dns in
  // kube-system")
  const bare = (v: string) => v.split('/').pop()!;
  const same = (a: string, b: string) => a === b || (bare(a) === bare(b) && (!a.includes('/') || !b.includes('/')));
  for (const e of inOrder) {
    const k = distinct.findIndex((d) => same(d.value, e.value));
    if (k < 0) distinct.push(e);
    else if ((!distinct[k].role && e.role) || (distinct[k].role === e.role && e.value.length > distinct[k].value.length)) distinct[k] = e;
  }
  return distinct.slice(0, 2);
}

/** The entities behind each slot name. */
function slotEntities(slot: string, es: Entity[]): Entity[] {
  switch (slot) {
    case 'service':
      return first(es, 'NAME');
    case 'target':
      return first(es, 'IMAGE', 'NAME');
    case 'from':
    case 'to': {
      // "from X" and "to Y" say which end is which; otherwise the first named is the source
      const ends = flowEnds(es.filter((e) => ENDPOINT_TYPES.includes(e.type)));
      const other = slot === 'from' ? 'to' : 'from';
      const marked = ends.find((e) => e.role === slot) ?? (ends.some((e) => e.role === other) ? ends.find((e) => e.role !== other) : undefined);
      // (the one end said is the other one's: this end is missing, never the same value twice)
      if (!marked && ends.some((e) => e.role === other)) return [];
      return marked ? [marked] : ends.slice(slot === 'from' ? 0 : 1, slot === 'from' ? 1 : 2);
    }
    case 'namespace':
      return first(es, 'NS');
    case 'cluster':
      return first(es, 'CLUSTER');
    case 'clusters':
      return es.filter((e) => e.type === 'CLUSTER');
    case 'ranges':
      return es.filter((e) => e.type === 'ADDR');
    case 'myip':
      return first(es, 'MYIP');
    case 'sources': {
      const addrs = es.filter((e) => e.type === 'ADDR');
      return addrs.length ? addrs : first(es, 'MYIP');
    }
    case 'duration':
      return es.filter((e) => e.type === 'DUR').slice(0, 1);
    case 'span':
      // "for 30 days" or "over the last 2 weeks": a length of history
      // (round 13a: "over the last week" is seven days of it)
      return es.filter((e) => (e.type === 'DUR' && e.value) || (e.type === 'SINCE' && /^(?:\d+[dw]|last week)$/.test(e.value))).slice(0, 1);
    case 'portspec': {
      // "TCP 27017" is one value, "27017/tcp": the protocol beside a port is used by it
      const port = first(es, 'PORT');
      const proto = es.find((e) => e.type === 'PROTO');
      return port.length && proto ? [...port, proto] : port;
    }
    case 'flowproto': {
      // "over udp" with no port: the protocol alone (with a port it is part of the port, "53/udp")
      const proto = first(es, 'PROTO');
      return es.some((e) => e.type === 'PORT') ? [] : proto;
    }
    case 'force':
      return first(es, 'FORCE');
    case 'monthday':
      return first(es, 'MONTHDAY');
    case 'severity':
      return first(es, 'SEV');
    case 'fixable':
      return first(es, 'FIXABLE');
    case 'running':
      return first(es, 'RUNNING');
    case 'time':
    case 'hour':
    case 'minute':
      return first(es, 'TIME');
    case 'dow':
      return es.filter((e) => e.type === 'DAY' && /^\d$/.test(e.value));
    case 'tz':
      return first(es, 'TZ');
    case 'since':
      return first(es, 'SINCE');
    case 'limit':
      return first(es, 'NUM');
    case 'page':
      return first(es, 'PAGE');
    case 'subnet':
      return first(es, 'SUBNET');
    case 'subscription':
      return first(es, 'GUID');
    case 'cron':
      return first(es, 'CRON');
    default:
      throw new Error(`unknown template slot {${slot}}`);
  }
}

function slotText(slot: string, used: Entity[], all: Entity[]): string | undefined {
  if (!used.length) return undefined;
  const v = used[0].value;
  switch (slot) {
    case 'duration':
      return v ? durationWord(Number(v)) : undefined;
    case 'span':
      return used[0].type === 'DUR' ? durationWord(Number(v)) : v === 'last week' ? '7d' : v;
    case 'portspec': {
      const proto = all.find((e) => e.type === 'PROTO');
      return proto ? `${v}/${proto.value.toLowerCase()}` : v;
    }
    case 'flowproto':
      return v.toLowerCase();
    case 'cron':
      return `"${v}"`;
    case 'hour':
      return String(Number(v.split(':')[0]));
    case 'minute':
      return String(Number(v.split(':')[1]));
    case 'dow':
      return [...new Set(used.map((e) => e.value))].sort().join(',');
    case 'sources':
      return used[0].type === 'MYIP' ? 'my ip' : used.map((e) => e.value).join(', ');
    case 'ranges':
    case 'clusters':
      return used.map((e) => e.value).join(', ');
    default:
      return v;
  }
}

/** "A in ns1 … B in ns2": a namespace right after a flow's end belongs to that end (written `ns/name`), not to the command. */
function endsWithNamespaces(template: string, entities: Entity[]): Entity[] {
  if (!/\{(?:from|to)\}/.test(template)) return entities;
  const claimed = new Set<Entity>();
  const out = entities.map((e) => {
    if (e.type !== 'NAME') return e;
    const ns = entities.find((n) => n.type === 'NS' && !claimed.has(n) && n.at > e.at && n.at - e.at <= 2);
    if (!ns) return e;
    claimed.add(ns);
    return { ...e, value: `${ns.value}/${e.value}`, parts: [e, ns] };
  });
  return livesIn(out.filter((e) => !claimed.has(e)));
}

/**
 * Round 12d: namespaces said apart from the ends ("A can't reach B, it's ns1 to ns2"; "anything outside ns2 … can A
 * reach B?") belong to the end that lives there: each namespace no other end lives in is written on the one that does
 * (`ns/name`), so the flow's namespace is never put on an end that is not in it.
 */
function livesIn(entities: Entity[]): Entity[] {
  const ends = entities.filter((e) => e.type === 'NAME' && !e.value.includes('/') && e.where);
  const spaces = entities.filter((e) => e.type === 'NS');
  if (ends.length !== 2 || !spaces.length || spaces.length > 2) return entities;
  const home = (e: Entity, ns: string) => Object.values(e.where!).some((list) => list.includes(ns));
  const owner = new Map<Entity, Entity>();
  for (const ns of spaces) {
    const homes = ends.filter((e) => home(e, ns.value));
    // (only when the other end does not live there: a namespace both share stays the flow's)
    if (homes.length === 1 && !owner.has(homes[0])) owner.set(homes[0], ns);
  }
  if (!owner.size) return entities;
  const used = new Set(owner.values());
  return entities.filter((e) => !used.has(e)).map((e) => (owner.has(e) ? { ...e, value: `${owner.get(e)!.value}/${e.value}`, parts: [e, owner.get(e)!] } : e));
}

export function fillTemplate(template: string, all: Entity[]): Filled {
  const entities = endsWithNamespaces(template, all);
  const used = new Map<string, Entity[]>();
  const missing: string[] = [];
  const value = (slot: string): string | undefined => {
    const es = slotEntities(slot, entities);
    const text = slotText(slot, es, entities);
    if (text !== undefined) used.set(slot, es);
    return text;
  };
  // optional groups first: kept only when every slot inside has a value
  const withOptionals = template.replace(/\[([^\]]*)\]/g, (_, group: string) => {
    const slots = [...group.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const values = slots.map((s) => value(s));
    if (values.some((v) => v === undefined)) {
      for (const s of slots) used.delete(s);
      return '';
    }
    return group.replace(/\{(\w+)\}/g, (_m, s: string) => values[slots.indexOf(s)]!);
  });
  const text = withOptionals.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const v = value(slot);
    if (v === undefined) {
      missing.push(slot);
      return `<${slot}>`;
    }
    return v;
  });
  return { text: text.replace(/\s+/g, ' ').trim(), missing, used };
}

/** Slot names a template mentions (required and optional). */
export function templateSlots(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}
