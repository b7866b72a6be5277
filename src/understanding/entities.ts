import ipaddr from 'ipaddr.js';
import { canonicalZone, isTimeZone } from '../text/time.js';
import type { Snapshot } from './types.js';
import { typoBudget, typoDistance } from './normalise.js';
import { own } from '../text/own.js';
import { isEnglishWord } from './english.js';
import { kindLabelBefore } from './kindLabels.js';

/**
 * Recognises the values in a message (addresses, durations, ports, names from the clusters…) and replaces each with
 * its category token (ADDR, DUR, NAME…), so intents are scored on wording and values are filled in by type.
 */

export type EntityType =
  | 'ADDR' | 'MYIP' | 'INTERNET' | 'DUR' | 'PORT' | 'PROTO' | 'SEV' | 'FIXABLE' | 'RUNNING' | 'TIME' | 'DAY' | 'TZ' | 'SINCE'
  | 'NUM' | 'PAGE' | 'GUID' | 'CLUSTER' | 'NS' | 'NAME' | 'SUBNET' | 'CRON' | 'IMAGE' | 'MONTHDAY' | 'FORCE';

/** exact: typed as it is; alias: "the prod cluster"; fuzzy: a typo away; partial: part of one name; unknown: not seen anywhere. */
export type Quality = 'exact' | 'alias' | 'fuzzy' | 'partial' | 'unknown';

export interface Entity {
  type: EntityType;
  value: string;
  quality: Quality;
  /** Other names a fuzzy or partial match could also mean. */
  alternatives?: string[];
  /** Round 13a: read from a piece of a longer hyphenated name nobody has ("ratings" and "web" of `ratings-web`). */
  pieceOfName?: boolean;
  /** Where the name exists: cluster → namespaces. */
  where?: Record<string, string[]>;
  /** Position among the message's tokens (order matters for "from … to …"). */
  at: number;
  /** "from the internet" / "to ratings-api": which end of a flow the words put it on. */
  role?: 'from' | 'to';
  /** The values this one was made of ("ratings-web in ratingsapp" → ratingsapp/ratings-web): using it uses them. */
  parts?: Entity[];
  /** A time said in the context before the request ("I added it last week, could you remove it"): not the request's. */
  context?: boolean;
  /** In a clause's reading: its place in the whole message (clauses read their own values first). */
  said?: number;
}

export interface Tagged {
  tokens: string[];
  entities: Entity[];
}

const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, half: 0.5 };
const UNIT_MS: Array<[RegExp, number, string]> = [
  [/^(?:s|secs?|seconds?)$/, 1e3, 's'],
  [/^(?:m|mins?|minutes?)$/, 60e3, 'm'],
  [/^(?:h|hrs?|hours?)$/, 3600e3, 'h'],
  [/^(?:d|days?)$/, 86400e3, 'd'],
  [/^(?:w|wks?|weeks?)$/, 7 * 86400e3, 'w'],
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEVERITY: Record<string, string> = { critical: 'critical', crit: 'critical', criticals: 'critical', high: 'high', highs: 'high', severe: 'high', medium: 'medium', mediums: 'medium', moderate: 'medium', med: 'medium', low: 'low', lows: 'low' };
const PORT_WORDS: Record<string, number> = { https: 443, http: 80, ssh: 22, dns: 53, mongo: 27017, postgres: 5432 };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAMEISH = /^[a-z0-9][a-z0-9._-]*$/;
const GENERIC_PARTS = new Set(['aks', 'app', 'svc', 'service', 'deployment', 'ingress', 'controller', 'nginx', 'kube', 'system', 'default', 'ratings', 'payments', 'basic', 'public', 'node', 'lease', 'db']);
/** "running" is a vulnerability filter only when the message is about images. */
/** One slip away from one of these words (and no word of its own): a value word mistyped ("runing", "fixible"). */
function slipOf(word: string, words: string[]): boolean {
  return /^[a-z]{6,}$/.test(word) && !words.includes(word) && words.some((w) => typoDistance(word, w) === 1) && !isEnglishWord(word);
}

const IMAGE_WORDS = /^(vulnerability|vulnerabilities|image|images|finding|findings|cve|cves|issue|issues|package|packages|patch|fixable|container|containers|vulnerable|scan)$/;
/** Words that come before "cluster" without naming one ("this cluster", "the private cluster"). */
/** Words that say which cluster by what it is like or where it stands, never its name ("the affected cluster"), and
 * the grammar's own "use cluster" ("switch the default to X" is "switch the use cluster X"). */
const DESCRIBES_A_CLUSTER = new Set(['use', 'affected', 'target', 'relevant', 'live', 'internal', 'external', 'managed', 'old', 'existing', 'above', 'following', 'same', 'only', 'last', 'next', 'previous', 'big', 'small', 'busy', 'broken', 'problem', 'failing', 'remaining', 'secured', 'unsecured', 'exposed', 'restricted', 'open', 'locked', 'cheap', 'expensive']);
const FUNCTIONAL_BEFORE_CLUSTER = new Set(['the', 'this', 'that', 'a', 'an', 'our', 'my', 'your', 'each', 'every', 'any', 'which', 'what', 'one', 'same', 'whole', 'entire', 'current', 'default', 'other', 'another', 'new', 'kubernetes', 'aks', 'k8s', 'both', 'all', 'its', 'their', 'private', 'public', 'whose', 'per', 'single', 'first', 'second', 'given', 'specific', 'selected', 'chosen', 'right', 'wrong', 'main', 'shared']);
const KIND_PREFIX = /^(?:deployment|deploy|statefulset|sts|daemonset|ds|job|cronjob|cj|service|svc|pod|po)\//;

function unitOf(word: string | undefined): [number, string] | undefined {
  if (!word) return undefined;
  for (const [re, ms, u] of UNIT_MS) if (re.test(word)) return [ms, u];
  return undefined;
}

function numberOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(word)) return Number(word);
  return own(WORD_NUMBERS, word);
}

function isAddress(w: string): boolean {
  const [ip, bits] = w.split('/');
  // every address has a dot or a colon; ipaddr.isValid throws and catches on each word without one, costly at scale
  if (!/[.:]/.test(ip) || !ipaddr.isValid(ip)) return false;
  if (ipaddr.IPv4.isValid(ip) && !ipaddr.IPv4.isValidFourPartDecimal(ip)) return false;
  if (bits === undefined) return true;
  const max = ipaddr.parse(ip).kind() === 'ipv4' ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

function hhmm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "10", "10am", "5 pm", "10:30", "noon" at i → [HH:MM, tokens used]. */
function timeAt(tokens: string[], i: number, needsAt: boolean): [string, number] | undefined {
  const w = tokens[i];
  if (w === 'noon' || w === 'midday') return ['12:00', 1];
  if (w === 'midnight') return ['00:00', 1];
  let m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(w ?? '');
  if (!m) return undefined;
  let used = 1;
  let ampm = m[3];
  if (!ampm && /^(am|pm|a\.m|p\.m)$/.test(tokens[i + 1] ?? '')) {
    ampm = tokens[i + 1][0] === 'a' ? 'am' : 'pm';
    used = 2;
  } else if (tokens[i + 1] === "o'clock" || tokens[i + 1] === 'oclock') used = 2;
  if (!m[2] && !ampm && needsAt) return undefined;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59) return undefined;
  m = null;
  return [hhmm(h, min), used];
}

interface NameIndex {
  /** lower-case name → cluster → namespaces */
  names: Map<string, Record<string, string[]>>;
  namespaces: Map<string, string[]>;
  clusters: string[];
}

function indexOf(snap: Snapshot): NameIndex {
  const names = new Map<string, Record<string, string[]>>();
  const namespaces = new Map<string, string[]>();
  for (const [cluster, inv] of Object.entries(snap.inventories)) {
    for (const ns of inv.namespaces) namespaces.set(ns, [...(namespaces.get(ns) ?? []), cluster]);
    for (const it of inv.items) {
      const rec = names.get(it.name) ?? {};
      rec[cluster] = [...new Set([...(rec[cluster] ?? []), it.namespace])];
      names.set(it.name, rec);
    }
  }
  return { names, namespaces, clusters: snap.clusters };
}

const INDEX_CACHE = new WeakMap<Snapshot, NameIndex>();

/** Cluster by name, or by a distinctive part ("prod", "production", "workshop"). */
export function clusterOf(word: string, clusters: string[], vocabulary?: ReadonlySet<string>): { value: string; quality: Quality } | undefined {
  const w = word === 'production' ? 'prod' : word === 'staging' ? 'stage' : word === 'development' ? 'dev' : word;
  const exact = clusters.find((c) => c.toLowerCase() === w);
  if (exact) return { value: exact, quality: 'exact' };
  // a word of the commands ("private" in aks-private) names a cluster only when typed in full
  if (vocabulary?.has(word)) return undefined;
  const parts = clusters.filter((c) => c.toLowerCase().split(/[-_.]/).some((p) => p !== 'aks' && p === w));
  if (parts.length === 1) return { value: parts[0], quality: 'alias' };
  if (w.length >= 6) {
    const near = clusters.filter((c) => typoDistance(c.toLowerCase(), w) <= typoBudget(w));
    if (near.length === 1) return { value: near[0], quality: 'fuzzy' };
  }
  return undefined;
}

/**
 * The cluster a message is about: the one it names, else the one cluster that has a namespace it names ("in shop"
 * when only aks-cilium has shop), else none.
 */
export function clusterNamedIn(tokens: string[], idx: NameIndex, vocabulary: ReadonlySet<string>): string | undefined {
  const named = tokens.map((t) => clusterOf(t, idx.clusters, vocabulary)).find((c) => c && c.quality !== 'fuzzy')?.value;
  if (named) return named;
  const homes = new Set(tokens.filter((t) => idx.namespaces.has(t) && !idx.names.has(t) && !/^(?:default|kube-)/.test(t)).flatMap((t) => idx.namespaces.get(t)!));
  return homes.size === 1 ? [...homes][0] : undefined;
}

/** The cluster a whole message is about (see clusterNamedIn), for reading one of its clauses. */
export function messageClusterOf(tokens: string[], snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  let idx = INDEX_CACHE.get(snap);
  if (!idx) INDEX_CACHE.set(snap, (idx = indexOf(snap)));
  return clusterNamedIn(tokens, idx, vocabulary);
}

/** Names to match loosely: the chosen cluster's when it has any, otherwise every cluster's. */
function looseNames(idx: NameIndex, chosen: string | undefined): string[] {
  const all = [...idx.names.keys()];
  const mine = chosen ? all.filter((n) => idx.names.get(n)![chosen]) : [];
  return mine.length ? mine : all;
}

const DATABASE = /db$|mongo|postgres|mysql|sql|redis|maria/;

function nameOf(word: string, idx: NameIndex, vocabulary: ReadonlySet<string>, chosen: string | undefined): Omit<Entity, 'at' | 'type'> | undefined {
  const bare = word.replace(KIND_PREFIX, '');
  const slash = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9._-]*)$/.exec(bare);
  const lookup = slash && idx.namespaces.has(slash[1]) ? slash[2] : bare;
  const hit = idx.names.get(lookup);
  // "api" said about the workshop cluster is its ratings-api, not another cluster's `api`: a nickname is resolved on
  // the cluster the message is about first (a name typed whole, with a dash, is taken as it is)
  const nearby = hit && chosen && !hit[chosen] && !slash && !word.includes('-') ? partsOn(word, idx, chosen) : [];
  if (nearby.length) return { value: nearby[0], quality: 'partial', alternatives: nearby.slice(1), where: idx.names.get(nearby[0]) };
  if (hit) return { value: word, quality: 'exact', where: hit };
  if (vocabulary.has(word) || !NAMEISH.test(word)) return undefined;
  const names = looseNames(idx, chosen);
  const pick = (found: string[], quality: Quality) => ({ value: found[0], quality, alternatives: found.slice(1), where: idx.names.get(found[0]) });
  if (word === 'db' || word === 'database' || word === 'mongo' || word === 'mongodb') {
    const dbs = names.filter((n) => n.split('-').some((p) => DATABASE.test(p)) && (word.startsWith('mongo') ? /mongo/.test(n) : true));
    if (dbs.length) return pick(dbs, 'partial');
  }
  if (word.length >= 5) {
    const dist = (n: string) => typoDistance(n, word);
    const best = Math.min(...names.map(dist));
    const nsBest = Math.min(...[...idx.namespaces.keys()].map((n) => typoDistance(n, word)));
    if (best <= typoBudget(word) && best < nsBest) return pick(names.filter((n) => dist(n) === best), 'fuzzy');
  }
  if (word.length >= 3 && !GENERIC_PARTS.has(word)) {
    const part = names.filter((n) => n.split('-').some((p) => !GENERIC_PARTS.has(p) && (p === word || (word.length >= 4 && p.startsWith(word)))));
    if (part.length >= 1) return pick(part, 'partial');
  }
  return undefined;
}

/** Words between "from"/"to" and the internet ("from the public internet", "to the whole internet"). */
const BEFORE_INTERNET = /^(?:the|public|open|whole|wider|wide|big|general)$/;
const SOMEONE_ON = /^(?:anyone|anybody|anything|everyone|everybody|someone|somebody|people|users|just|on|in)$/;
/** Words between the internet said as a subject and its verb ("the internet actually reach it"). */
const ADVERB = /^(?:actually|really|even|still|ever|somehow|directly|now|currently)$/;
const REACH_VERB = /^(?:reach|hit|access|connect|talk|see|touch)$/;

/**
 * Round 12d: which end of a flow the internet is. "from the public internet" is the source as "from the internet"
 * is; so is the internet said as the subject of a reaching verb ("can the internet actually reach it", "the outside
 * world hit X"): the target is what the verb reaches, whatever was said first.
 */
function internetRole(tokens: string[], i: number, width: number): { role?: 'from' | 'to' } {
  // ("reachable by anyone on the internet": whoever is on the internet is the source too)
  let k = i - 1;
  while (k >= 0 && i - k <= 5 && (BEFORE_INTERNET.test(tokens[k]) || SOMEONE_ON.test(tokens[k]))) k--;
  if (tokens[k] === 'from' || (tokens[k] === 'by' && /^(?:reachable|accessible|reached|accessed|hit|seen|visible)$/.test(tokens[k - 1] ?? ''))) return { role: 'from' };
  if (tokens[k] === 'to' || tokens[k] === 'into') return { role: 'to' };
  let j = i + width;
  while (j < tokens.length && ADVERB.test(tokens[j])) j++;
  return REACH_VERB.test(tokens[j] ?? '') ? { role: 'from' } : {};
}

/**
 * Round 12d: the one name on a cluster that has this word as a distinctive part ("web" → ratings-web), for an exact
 * command that names a workload the cluster does not have under that name.
 */
export function nicknameOn(word: string, snap: Snapshot, cluster: string): string | undefined {
  let idx = INDEX_CACHE.get(snap);
  if (!idx) INDEX_CACHE.set(snap, (idx = indexOf(snap)));
  if (word.includes('-') || word.includes('/')) return undefined;
  const found = partsOn(word.toLowerCase(), idx, cluster);
  return found.length === 1 ? found[0] : undefined;
}

/** The chosen cluster's names that have this word as a distinctive part ("api" → ratings-api). */
function partsOn(word: string, idx: NameIndex, chosen: string): string[] {
  if (word.length < 3 || GENERIC_PARTS.has(word)) return [];
  return [...idx.names.keys()].filter((n) => idx.names.get(n)![chosen] && n.split('-').some((p) => p === word && !GENERIC_PARTS.has(p)));
}

/** "nginx ingress controller" → the one name whose parts these words all are. */
function multiWordName(tokens: string[], i: number, idx: NameIndex, chosen: string | undefined): [string, number, string[]] | undefined {
  const names = looseNames(idx, chosen);
  for (let len = Math.min(4, tokens.length - i); len >= 2; len--) {
    const words = tokens.slice(i, i + len);
    const hits = names.filter((n) => {
      const parts = n.split('-');
      return words.every((w) => parts.includes(w));
    });
    if (hits.length >= 1) return [hits[0], len, hits.slice(1)];
  }
  return undefined;
}

/** Tokens of a message → category tokens and the values behind them. */
/** "prod+workshop", "aks-prod/aks-workshop": clusters written as one word are each named ("prod and workshop"). */
function severalClustersSplit(tokens: string[], clusters: Parameters<typeof clusterOf>[1], vocabulary: ReadonlySet<string>): string[] {
  return tokens.flatMap((w) => {
    if (!/^[a-z][\w-]*(?:[/+&][a-z][\w-]*)+$/.test(w)) return [w];
    const parts = w.split(/[/+&]/);
    return parts.every((part) => clusterOf(part, clusters, vocabulary)) ? parts.flatMap((part, k) => (k ? ['and', part] : [part])) : [w];
  }).map((w, i, all) => (
    // (round 12c: "prod + cilium", "prod & cilium": a plus or an ampersand between two clusters is "and")
    /^[+&]$/.test(w) && i > 0 && clusterOf(all[i - 1], clusters, vocabulary) && clusterOf(all[i + 1] ?? '', clusters, vocabulary) ? 'and' : w
  ));
}

export function tagEntities(tokens: string[], snap: Snapshot, vocabulary: ReadonlySet<string>, messageCluster?: string): Tagged {
  let idx = INDEX_CACHE.get(snap);
  if (!idx) INDEX_CACHE.set(snap, (idx = indexOf(snap)));
  tokens = severalClustersSplit(tokens, idx.clusters, vocabulary);
  // the cluster the message names decides which names a loose match may mean (a clause is told the message's)
  const chosen = messageCluster ?? clusterNamedIn(tokens, idx, vocabulary) ?? snap.defaultCluster;
  const out: string[] = [];
  const entities: Entity[] = [];
  // (the positions of the pieces a hyphenated name nobody has was split into)
  const pieces = new Set<number>();
  let i = 0;
  const add = (type: EntityType, value: string, quality: Quality = 'exact', extra: Partial<Entity> = {}) => {
    // (round 14a: "Service X", "in namespace N": the kind's label before a value is no word of the request)
    if (kindLabelBefore(out, type)) out.pop();
    const before = tokens[i - 1] === 'the' || tokens[i - 1] === 'public' ? tokens[i - 2] : tokens[i - 1];
    // (round 12d: what a flow reaches is its far end too: "ugh, DNS! can api reach kube-dns" reaches kube-dns)
    const role = before === 'from' ? 'from' : before === 'to' || before === 'into' || (type === 'NAME' && before === 'reach') ? 'to' : undefined;
    entities.push({ type, value, quality, at: out.length, ...(role ? { role } : {}), ...(type === 'NAME' && pieces.has(i) ? { pieceOfName: true } : {}), ...extra });
    out.push(type);
  };
  tokens = [...tokens];
  for (; i < tokens.length; i++) {
    const w = tokens[i];
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    // quoted cron expressions
    if (/^"(?:\S+ ){4}\S+"$/.test(w)) {
      add('CRON', w.slice(1, -1));
      continue;
    }
    if (GUID.test(w)) {
      add('GUID', w);
      continue;
    }
    if (isAddress(w)) {
      add('ADDR', w);
      continue;
    }
    // "my ip", "my public ip", "my address", "my machine", "me" after allow/let/to
    const DEVICE = /^(ip|address|machine|laptop|computer|workstation|location|network|box|pc|desktop|device|connection|mac)$/;
    // (round 8: "my current egress / outbound / external ip": words that say which of my addresses)
    const MINE = /^(public|current|own|home|office|egress|outbound|outgoing|external|source|client|vpn)$/;
    if (w === 'my' && (DEVICE.test(next ?? '') || MINE.test(next ?? ''))) {
      let j = i + 1;
      while (MINE.test(tokens[j] ?? '') && j < i + 3) j++;
      if (DEVICE.test(tokens[j] ?? '')) {
        // ("my ip address", round 9b: "my laptop's ip": the device's address is one value)
        while (/^(?:ip|address)$/.test(tokens[j + 1] ?? '') && j < i + 5) j++;
        // round 13c: "my home ip is 198.51.100.23": the address is given, so it is that address, not the one I see
        let k = j + 1;
        while (/^(?:is|was|=|:|now|currently|actually)$/.test(tokens[k] ?? '') && k < j + 3) k++;
        // ("here's my ip: A": the address right after it, introduced)
        const introduced = tokens[i - 1] === 'is' && tokens[i - 2] === 'here';
        if ((k > j + 1 || introduced) && isAddress(tokens[k] ?? '')) {
          i = j;
          continue;
        }
        add('MYIP', 'my ip');
        i = j;
        continue;
      }
    }
    if (w === 'me' && /^(allowlist|allow|let|to|only|just|authorize|add|whitelist)$/.test(prev ?? '') && !/^(know|see|show)$/.test(next ?? '')) {
      add('MYIP', 'my ip');
      continue;
    }
    if ((w === 'this' || w === 'where') && /^(machine|computer|laptop|i)$/.test(next ?? '') && (w === 'this' || tokens[i + 2] === 'am')) {
      add('MYIP', 'my ip');
      i += w === 'this' ? 1 : 2;
      continue;
    }
    // the internet, the outside world, anyone
    // "everyone"/"anyone" stay words: "open X to everyone" is about its sources, not about the internet as a peer
    // ("to outside", "to the outside": the internet as the far end of a flow)
    const outsideEnd = w === 'outside' && (/^(?:from|to)$/.test(prev ?? '') || (prev === 'the' && /^(?:from|to)$/.test(tokens[i - 2] ?? '')));
    if (w === 'internet' || (w === 'outside' && next === 'world') || outsideEnd) {
      if (out[out.length - 1] === 'public' && prev === 'public') out.pop();
      add('INTERNET', 'internet', 'exact', internetRole(tokens, i, next === 'world' ? 2 : 1));
      if (next === 'world') i++;
      if (tokens[i + 1] === 'on' && tokens[i + 2] === 'internet') i += 2;
      continue;
    }
    // round 13c: "…and call it a day / a night": a closer that says the writer is done, never how long a change lasts
    if ((w === 'a' || w === 'one') && /^(?:day|night)$/.test(next ?? '') && prev === 'it' && tokens[i - 2] === 'call') {
      if (out[out.length - 1] === 'it' && out[out.length - 2] === 'call') out.splice(-2, 2);
      i++;
      continue;
    }
    // durations: "for 2 hours", "2h", "30 minutes", "an hour", "until 18:00"
    const glued = /^(\d+(?:\.\d+)?)(s|secs?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/.exec(w);
    const n = numberOf(w);
    // (round 9b: "half an hour", "half a day": half of the unit after the article)
    const halfOf = w === 'half' && (next === 'an' || next === 'a');
    const unit = glued ? unitOf(glued[2]) : unitOf(next === 'more' || halfOf ? tokens[i + 2] : next);
    // "the demo starts in an hour": a moment ahead, not how long a change lasts ("expires in 2 hours" is a length)
    if ((glued || (n !== undefined && unit)) && prev === 'in' && !/^(?:expire|expires|expiring|lapse|lapses|revert|reverts|off|gone|close|closes|auto-remove)$/.test(tokens[i - 2] ?? '')) {
      out.push('soon');
      i += glued ? 0 : next === 'more' || halfOf ? 2 : 1;
      continue;
    }
    if (glued || (n !== undefined && unit && prev !== 'since')) {
      let used = glued ? 0 : next === 'more' ? 2 : 1;
      if (halfOf) used = 2;
      // ("an hour and a half": the half is of the same unit)
      const andAHalf = tokens[i + used + 1] === 'and' && /^(?:a|one)$/.test(tokens[i + used + 2] ?? '') && tokens[i + used + 3] === 'half';
      const count = (glued ? Number(glued[1]) : n!) + (andAHalf ? 0.5 : 0);
      const u = glued ? unitOf(glued[2])! : unitOf(tokens[i + used]) ?? unit!;
      const ms = Math.round(count * u[0]);
      if (/^(last|past|previous)$/.test(prev ?? '') || (prev === 'the' && /^(last|past)$/.test(tokens[i - 2] ?? ''))) {
        // ("over the last", "in the past" are part of the period, not words of their own: "trend …, last 14 days")
        while (/^(?:last|past|previous|the)$/.test(out[out.length - 1] ?? '')) out.pop();
        if (/^(?:over|during|within)$/.test(out[out.length - 1] ?? '')) out.pop();
        add('SINCE', Number.isInteger(count) && count >= 1 ? `${count}${u[1]}` : sinceWord(ms));
      } else if (ms >= 1000) {
        // ("for the next 12 hours": "next" is part of the length, not a word of its own)
        if (/^(?:next|coming)$/.test(out[out.length - 1] ?? '')) out.pop();
        add('DUR', String(ms));
      }
      i += used + (andAHalf ? 3 : 0);
      continue;
    }
    // "for the next day": one of that unit; "for the rest of the day": a length we cannot be sure of, so it is asked
    if (unitOf(w) && /^(?:next|coming)$/.test(prev ?? '') && /^[a-z]+$/.test(w) && w.length > 1) {
      add('DUR', String(unitOf(w)![0]));
      continue;
    }
    // (round 9b: "for the afternoon / the evening" too; "this morning" says when something happened)
    if (((/^(?:afternoon|morning|evening|night)$/.test(w) && prev === 'the' && /^(?:for|during)$/.test(tokens[i - 2] ?? '')) || /^(?:hours?|days?|weeks?|minutes?|tonight|weekend)$/.test(w)) && (/^(?:whole|entire|rest|remainder|this)$/.test(prev ?? '') || (prev === 'the' && /^(?:for|during|over|of)$/.test(tokens[i - 2] ?? '')))) {
      add('DUR', '', 'unknown');
      continue;
    }
    if ((w === 'until' || w === 'till' || w === 'til') && next) {
      const t = timeAt(tokens, i + 1, false);
      if (t) {
        const [h, m] = t[0].split(':').map(Number);
        const now = snap.now;
        const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m));
        if (end.getTime() <= now.getTime()) end.setUTCDate(end.getUTCDate() + 1);
        add('DUR', String(Math.round((end.getTime() - now.getTime()) / 60e3) * 60e3));
        i += t[1];
        continue;
      }
      if (next === 'tomorrow' || next === 'eod' || (next === 'end' && tokens[i + 2] === 'of')) {
        // "until tomorrow" is not a length of time we can be sure of: leave it for the user to state
        add('DUR', '', 'unknown');
        i += next === 'end' ? 3 : 1;
        continue;
      }
    }
    // since: today, yesterday, this week, last week, since <date>
    // (round 8: "last night", "yesterday evening": since yesterday)
    if ((w === 'last' && /^(night|evening)$/.test(next ?? '')) || (w === 'yesterday' && /^(evening|night|afternoon|morning)$/.test(next ?? ''))) {
      add('SINCE', 'yesterday');
      i++;
      continue;
    }
    if (/^(today|yesterday)$/.test(w)) {
      add('SINCE', w);
      continue;
    }
    if ((w === 'this' || w === 'last' || w === 'past') && /^(week|month)$/.test(next ?? '')) {
      add('SINCE', w === 'this' ? `this ${next}` : next === 'week' ? 'last week' : '30d');
      i++;
      continue;
    }
    if (w === 'since' && next && /^\d{4}-\d{2}-\d{2}$/.test(next)) {
      add('SINCE', next);
      i++;
      continue;
    }
    if (w === 'since' && next && DAYS.includes(next.replace(/s$/, ''))) {
      add('SINCE', 'this week');
      i++;
      continue;
    }
    // ports and protocols: "port 27017", "27017/tcp", "tcp 8050", "db:27017", "over https"
    const slashProto = /^(\d{1,5})\/(tcp|udp|sctp)$/.exec(w);
    if (slashProto) {
      add('PORT', slashProto[1]);
      add('PROTO', slashProto[2].toUpperCase());
      continue;
    }
    // the protocol first, as in a manifest's or a firewall's notation: "tcp/8080"
    const protoSlash = /^(tcp|udp|sctp)\/(\d{1,5})$/.exec(w);
    if (protoSlash) {
      add('PORT', protoSlash[2]);
      add('PROTO', protoSlash[1].toUpperCase());
      continue;
    }
    if (/^(tcp|udp|sctp)$/.test(w)) {
      add('PROTO', w.toUpperCase());
      continue;
    }
    const hostPort = /^([a-z][a-z0-9._-]*):(\d{1,5})$/.exec(w);
    if (hostPort) {
      const nm = nameOf(hostPort[1], idx, vocabulary, chosen);
      add('NAME', nm?.value ?? hostPort[1], nm?.quality ?? 'unknown', nm ?? {});
      add('PORT', hostPort[2]);
      continue;
    }
    if (w === 'port' || w === 'ports') {
      const p = numberOf(next);
      if (p !== undefined && Number.isInteger(p) && p >= 1 && p <= 65535) {
        add('PORT', String(p));
        i++;
        continue;
      }
    }
    if (/^(on|over|via|using|tcp|udp|sctp)$/.test(prev ?? '') && /^\d{1,5}$/.test(w) && Number(w) <= 65535 && Number(w) >= 1) {
      add('PORT', w);
      continue;
    }
    if (/^(over|via|using|on)$/.test(prev ?? '') && own(PORT_WORDS, w) !== undefined && w !== 'mongo') {
      add('PORT', String(own(PORT_WORDS, w)));
      continue;
    }
    // times and days (digests)
    if (w === 'at' && next) {
      const t = timeAt(tokens, i + 1, false);
      if (t) {
        add('TIME', t[0]);
        i += t[1];
        continue;
      }
    }
    if (/^\d{1,2}(?::\d{2})?(am|pm)$|^\d{1,2}:\d{2}$/.test(w) || (/^\d{1,2}$/.test(w) && /^(am|pm)$/.test(next ?? ''))) {
      const t = timeAt(tokens, i, true);
      if (t) {
        add('TIME', t[0]);
        i += t[1] - 1;
        continue;
      }
    }
    if (/^(noon|midday|midnight)$/.test(w)) {
      add('TIME', timeAt(tokens, i, false)![0]);
      continue;
    }
    // "weekdays" and "daily" are words of the digest commands, not values: they stay words
    // ("working" alone is a verb: "I am working from home")
    if (/^(weekdays?|workdays?|weekday|business|working)$/.test(w) && (w.startsWith('week') || /^workdays?$/.test(w) || /^(days?)$/.test(next ?? ''))) {
      out.push('weekdays');
      if (/^(days?)$/.test(next ?? '')) i++;
      continue;
    }
    if ((w === 'monday' || w === 'mon') && /^(to|through|thru|-)$/.test(next ?? '') && /^(friday|fri)$/.test(tokens[i + 2] ?? '')) {
      out.push('weekdays');
      i += 2;
      continue;
    }
    if (w === 'mon-fri') {
      out.push('weekdays');
      continue;
    }
    if (w === 'daily' || ((w === 'every' || w === 'each') && /^(day|morning|evening|night)$/.test(next ?? ''))) {
      out.push('daily');
      if (w !== 'daily') i++;
      continue;
    }
    const day = DAYS.indexOf(w.replace(/s$/, ''));
    if (day >= 0) {
      add('DAY', String(day));
      continue;
    }
    if (w.includes('/') && /^[a-z]+\/[a-z_]+(?:\/[a-z_]+)?$/.test(w) && isTimeZone(w)) {
      add('TZ', canonicalZone(w));
      continue;
    }
    // "8am New York time", "London time": a zone by its city
    const city = zoneByCity(tokens, i);
    if (city) {
      add('TZ', city[0]);
      i += city[1] - 1;
      continue;
    }
    // "on the first of every month", "the 15th of each month": a day of the month
    const monthDay = monthDayAt(tokens, i);
    if (monthDay) {
      add('MONTHDAY', String(monthDay[0]));
      i += monthDay[1] - 1;
      continue;
    }
    if (/^(utc|gmt)$/.test(w)) {
      add('TZ', 'UTC');
      continue;
    }
    // vulnerability filters
    // (round 9b: "crits", "mediums": a level said in the plural)
    const sevWord = own(SEVERITY, w.replace(/\+$/, '')) ?? (/^[a-z]{4,}s$/.test(w) ? own(SEVERITY, w.slice(0, -1)) : undefined);
    if (sevWord && (w.endsWith('+') || IMAGE_WORDS.test(prev ?? '') || /^(severity|sev|vulnerability|finding|issue|risk|cve|and|or|only|image|one|ones)/.test(next ?? '') || /^(severity|sev|of|with|any|all|the|show|list|only|just|many)$/.test(prev ?? '') || next === undefined || (/^(anything|something|nothing)$/.test(prev ?? '') && tokens.some((t) => IMAGE_WORDS.test(t))))) {
      add('SEV', sevWord);
      // (round 9b: "high severity or above": the word "severity" after a level is part of the value)
      if (/^(?:severity|sev)$/.test(next ?? '')) i++;
      if ((tokens[i + 1] === 'and' || tokens[i + 1] === 'or') && /^(above|higher|up|worse|over|more)$/.test(tokens[i + 2] ?? '')) i += 2;
      continue;
    }
    if (w === 'be' && /^(fixed|patched)$/.test(next ?? '')) {
      add('FIXABLE', 'fixable');
      i++;
      continue;
    }
    if (/^(fixable|patchable)$/.test(w) || slipOf(w, ['fixable', 'patchable']) || (w === 'fix' && next === 'available') || ((w === 'a' || w === 'with' || w === 'have' || w === 'has') && /^(fix|fixes|patch)$/.test(next ?? ''))) {
      add('FIXABLE', 'fixable');
      if (w === 'fix' || /^(fix|fixes|patch)$/.test(next ?? '')) i += next === 'available' || /^(fix|fixes|patch)$/.test(next ?? '') ? 1 : 0;
      continue;
    }
    // (round 11a: "can we actually fix", "could I patch": a person between the verb and "can")
    const fixAt = [next, tokens[i + 2], tokens[i + 3]].findIndex((t, k) => /^(?:patch|fix)$/.test(t ?? '') && [next, tokens[i + 2]].slice(0, k).every((x) => /^(?:actually|really|even|we|i|you|they)$/.test(x ?? '')));
    if (/^(?:can|could)$/.test(w) && fixAt >= 0 && tokens.some((t) => IMAGE_WORDS.test(t))) {
      add('FIXABLE', 'fixable');
      i += fixAt + 1;
      continue;
    }
    if (w === 'run' && /^(?:we|you|i|they|actually|really)$/.test(prev ?? '') && tokens.some((t) => IMAGE_WORDS.test(t))) {
      add('RUNNING', 'running');
      continue;
    }
    // (round 9b: a slip in the filter word is still the filter: "runing", "deploed", when the message is about images)
    if ((/^(running|deployed)$/.test(w) || slipOf(w, ['running', 'deployed']) || (w === 'in' && next === 'use')) && tokens.some((t) => IMAGE_WORDS.test(t))) {
      add('RUNNING', 'running');
      if (w === 'in') i++;
      continue;
    }
    // "force it", "even with the warnings", "despite the warnings": go ahead although the plan warns
    if (/^(?:force|forced|forcing|--force)$/.test(w)) {
      add('FORCE', 'force');
      continue;
    }
    if (/^(?:despite|ignore|ignoring|regardless)$/.test(w) || (w === 'even' && /^(?:with|if|though)$/.test(next ?? ''))) {
      let j = i + 1;
      while (j < tokens.length && j <= i + 4 && !/^warnings?$/.test(tokens[j])) j++;
      if (/^warnings?$/.test(tokens[j] ?? '')) {
        add('FORCE', 'force');
        i = j;
        continue;
      }
    }
    if (w === 'page' && /^\d+$/.test(next ?? '')) {
      add('PAGE', next!);
      i++;
      continue;
    }
    if (w === 'subnet' && next && NAMEISH.test(next) && !vocabulary.has(next)) {
      add('SUBNET', next);
      i++;
      continue;
    }
    // registry images
    if (/\.azurecr\.io|^[a-z0-9.-]+\/[a-z0-9._/-]+:[a-z0-9._-]+$/.test(w)) {
      add('IMAGE', w);
      continue;
    }
    // clusters, namespaces, workloads and Services
    // "the private cluster": a word of the commands still names a cluster when it stands as that cluster's name
    const c = clusterOf(w, idx.clusters, prev === 'the' && next === 'cluster' ? undefined : vocabulary);
    if (c && (c.quality !== 'alias' || !idx.names.has(w) || clusterRatherThanName(w, prev, next, idx))) {
      // "the security of cluster aks-cilium": the word "cluster" before a cluster's name is part of the name
      if (prev === 'cluster' && out[out.length - 1] === 'cluster' && /^(?:of|on|for|in|the)$/.test(tokens[i - 2] ?? '')) out.pop();
      add('CLUSTER', c.value, c.quality);
      if (next === 'cluster') i++;
      continue;
    }
    // "ratings web" → ratings-web
    if (next && idx.names.has(`${w}-${next}`)) {
      add('NAME', `${w}-${next}`, 'exact', { where: idx.names.get(`${w}-${next}`) });
      i++;
      continue;
    }
    if (idx.namespaces.has(w) && !idx.names.has(w)) {
      add('NS', w);
      if (next === 'namespace' || next === 'ns') i++;
      continue;
    }
    // ("api :80 ns shop": a number before "ns" is a port, never a namespace)
    if ((next === 'namespace' || next === 'ns' || prev === 'namespace') && NAMEISH.test(w) && !/^\d+$/.test(w) && !vocabulary.has(w)) {
      const nsHits = [...idx.namespaces.keys()].filter((ns) => ns.startsWith(w) || typoDistance(ns, w) <= typoBudget(w));
      add('NS', nsHits.length === 1 ? nsHits[0] : w, nsHits.length === 1 ? (nsHits[0] === w ? 'exact' : 'fuzzy') : 'unknown');
      if (next === 'namespace' || next === 'ns') i++;
      continue;
    }
    // "api" is a name part ("web to api") unless it is about the Kubernetes API ("api access")
    if (w === 'api' && /^(server|call|calls|key|keys|version|token)$/.test(next ?? '')) {
      out.push(w);
      continue;
    }
    // …or when it belongs to a cluster ("prod api ranges", "the workshop cluster's API", "the API of aks-prod")
    if (w === 'api' && kubernetesApi(tokens, i, out, idx, vocabulary)) {
      out.push('apiserver');
      continue;
    }
    const multi = multiWordName(tokens, i, idx, chosen);
    // "the ingress controller nginx-ingress-…-controller": a description right before the name itself is not a second name
    if (multi && tokens[i + multi[1]] === multi[0]) {
      i += multi[1] - 1;
      continue;
    }
    if (multi) {
      // two or more words that are all parts of exactly one name ("the ingress controller") name it
      add('NAME', multi[0], multi[2].length ? 'partial' : 'alias', { alternatives: multi[2], where: idx.names.get(multi[0]) });
      i += multi[1] - 1;
      continue;
    }
    // "its database, payments-db": a generic word right before the name it stands for is not a second name
    if (/^(?:db|database)$/.test(w) && next && idx.names.has(next)) {
      out.push(w);
      continue;
    }
    const nm = nameOf(w, idx, vocabulary, chosen);
    if (nm) {
      add('NAME', nm.value, nm.quality, nm);
      continue;
    }
    if (idx.namespaces.size && w.length >= 5 && !vocabulary.has(w) && NAMEISH.test(w)) {
      const nsNear = [...idx.namespaces.keys()].filter((ns) => typoDistance(ns, w) <= typoBudget(w));
      if (nsNear.length === 1) {
        add('NS', nsNear[0], 'fuzzy');
        continue;
      }
    }
    // "the staging cluster": a cluster we do not know is still a cluster (a write must not fall back to the default)
    // (round 13a: so is "the staging API server", the API server of a cluster said by its name)
    const apiServerOf = next === 'apiserver' && prev === 'the';
    // (round 13a: "the test cluster", "the test environment": a word of our commands is no cluster's name either, so
    // after "the" and before "cluster" it is one we do not know, never the default)
    const namedAsCluster = next === 'cluster' && prev === 'the' && !DESCRIBES_A_CLUSTER.has(w);
    if ((next === 'cluster' || apiServerOf) && NAMEISH.test(w) && ((!vocabulary.has(w) && !nearWordOf(w, vocabulary)) || namedAsCluster) && !FUNCTIONAL_BEFORE_CLUSTER.has(w)) {
      add('CLUSTER', w, 'unknown');
      if (!apiServerOf) i++;
      continue;
    }
    // a name-looking word we have never seen: after "on" it is a cluster, otherwise a workload or Service
    if (/[-\d]/.test(w) && /[a-z]/.test(w) && NAMEISH.test(w) && !vocabulary.has(w)) {
      // (`-c aks-stage`, `--context x`: a flag for a cluster; a word shaped like the fleet's cluster names is one too)
      if (prev === 'on' || next === 'cluster' || /^(?:cluster|c|context|ctx)$/.test(prev ?? '') || clusterShaped(w, snap.clusters)) add('CLUSTER', w, 'unknown');
      // (on a cluster whose names could not be read, "ratings-web" may be one: a part no command uses says it is a name)
      else if (/\d/.test(w) || !w.includes('-') || (!own(snap.inventories, chosen ?? '') && w.split('-').some((part) => part && !vocabulary.has(part)))) add('NAME', w, 'unknown');
      // "internet-facing", "frontend-svc": plain words joined by hyphens are read as words
      else {
        const split = w.split('-').filter(Boolean);
        tokens.splice(i + 1, 0, ...split);
        split.forEach((_, k) => pieces.add(i + 1 + k));
      }
      continue;
    }
    // a number right after a workload's name is its port ("ratings-api 80"); counts (audit 20, page 2) are small,
    // and a bare number above 100 is a port
    // (so is one right after an address, "8.8.8.8 53 udp")
    const lastValue = entities[entities.length - 1]?.type;
    if (/^\d{1,5}$/.test(w) && (lastValue === 'NAME' || lastValue === 'ADDR') && out[out.length - 1] === lastValue && Number(w) >= 1 && Number(w) <= 65535) {
      add('PORT', w);
      continue;
    }
    if (/^\d+$/.test(w)) {
      add(Number(w) > 100 && Number(w) <= 65535 ? 'PORT' : 'NUM', w);
      continue;
    }
    out.push(w);
  }
  callersOfFlows(out, entities);
  return { tokens: out, entities: withoutVagueLengths(entities) };
}

/** "for the afternoon, maybe 4 hours": a length said exactly wins over one we could not be sure of (round 9b). */
export function withoutVagueLengths(entities: Entity[]): Entity[] {
  return entities.some((e) => e.type === 'DUR' && e.value) ? entities.filter((e) => !(e.type === 'DUR' && !e.value)) : entities;
}

const FLOW_VERB = /^(?:call|reach|talk|connect|access|hit|query|contact|speak|send|ping|curl|read|write)$/;
const PASSIVE_FLOW = /^(?:reached|called|accessed|contacted|hit|queried)$/;
const MODAL = /^(?:to|can|could|may|might|should|must|will|would|shall)$/;
const ENDPOINT = new Set<EntityType>(['NAME', 'INTERNET', 'ADDR']);

/**
 * "permit to A to call B", "let A to reach B": the end followed by "to/can <verb>" is the caller, whatever
 * preposition stands before it (a "to" in front of the caller must not make it the destination).
 */
function callersOfFlows(out: string[], entities: Entity[]): void {
  for (const e of entities) {
    if (!ENDPOINT.has(e.type)) continue;
    const [a, b, c] = [out[e.at + 1] ?? '', out[e.at + 2] ?? '', out[e.at + 3] ?? ''];
    if ((MODAL.test(a) && FLOW_VERB.test(b)) || (/^needs?$/.test(a) && b === 'to' && FLOW_VERB.test(c))) e.role = 'from';
    // "A can be reached by B", "A is accessed by B": the passive names the destination first and the caller after "by"
    const by = out.indexOf('by', e.at + 1);
    const passive = by > e.at && by - e.at <= 4 && out.slice(e.at + 1, by).some((w) => PASSIVE_FLOW.test(w)) && /^(?:be|is|are|been|being|was|get|gets)$/.test(out[by - 2] ?? '');
    const caller = passive ? entities.find((x) => x.at === by + 1 && ENDPOINT.has(x.type)) : undefined;
    if (caller) [e.role, caller.role] = ['to', 'from'];
  }
}

/** "aks-stage" when the fleet is aks-prod, aks-cilium…: the shared "aks-" start makes an unknown word a cluster's name. */
function clusterShaped(word: string, clusters: readonly string[]): boolean {
  const starts = new Set(clusters.map((c) => /^[a-z0-9]+-/.exec(c)?.[0]).filter(Boolean));
  const prefix = starts.size === 1 && clusters.length >= 2 ? [...starts][0]! : undefined;
  return Boolean(prefix && word.startsWith(prefix) && word.length > prefix.length);
}

/** Words that say an "api" is a cluster's Kubernetes API, right after it. */
const API_OF_CLUSTER_NEXT = /^(?:ranges?|authorizedranges|allowlist|firewall|ip|ips|addresses|address|private|public|open|exposed|reachable|access|endpoint)$/;

/**
 * "api" right after a cluster ("prod api ranges", "aks-cilium api for 45 min", "prod private api"), or "the API of
 * <cluster>", is that cluster's Kubernetes API; after "reach", "to", "from" it stays a workload's name part.
 */
function kubernetesApi(tokens: string[], i: number, out: string[], idx: NameIndex, vocabulary: ReadonlySet<string>): boolean {
  const prev = tokens[i - 1];
  // (round 8: "to the api allowlist", "from api ranges": the cluster's list follows, so the API is the cluster's)
  if (/^(?:allowlist|authorizedranges|ranges|firewall|whitelist)$/.test(tokens[i + 1] ?? '') && !/^(?:reach|can|call|calls|hit|talk)$/.test(prev ?? '')) return true;
  if (/^(?:reach|to|from|and|can|call|calls|hit|talk|with|between)$/.test(prev ?? '')) return false;
  // once a message talks about the API server, "the API" in it is that too
  if (tokens.includes('apiserver') && !/^(?:in|of)$/.test(tokens[i + 1] ?? '')) return true;
  const recentCluster = out.slice(-2).includes('CLUSTER') && (out[out.length - 1] === 'CLUSTER' || /^(?:private|public|cluster)$/.test(prev ?? ''));
  if (recentCluster) return true;
  const after = tokens[i + 2] === 'the' ? tokens[i + 3] : tokens[i + 2];
  if (tokens[i + 1] === 'of' && after && clusterOf(after, idx.clusters, vocabulary)) return true;
  return API_OF_CLUSTER_NEXT.test(tokens[i + 1] ?? '');
}

/** A slip of one of our words ("privte cluster"): a word to correct, not a name. */
function nearWordOf(w: string, vocabulary: ReadonlySet<string>): boolean {
  if (w.length < 5) return false;
  for (const v of vocabulary) if (Math.abs(v.length - w.length) <= 2 && typoDistance(v, w) <= typoBudget(w)) return true;
  return false;
}

/** Namespaces of the platform itself: a workload there ("cilium", "coredns") is rarely what a request names. */
const SYSTEM_NAMESPACE = /^(?:kube-|gatekeeper-|calico-|tigera-|cilium)/;

/**
 * A word that is both part of a cluster's name and a workload's ("cilium": the aks-cilium cluster and its CNI
 * DaemonSet) means the cluster where words say so ("on cilium", "the cilium cluster"), or when the workload is
 * only one of the platform's own (kube-system…): a request about the cluster is far likelier than one about its CNI.
 */
function clusterRatherThanName(w: string, prev: string | undefined, next: string | undefined, idx: NameIndex): boolean {
  if (next === 'cluster' || prev === 'cluster' || /^(?:on|for|of)$/.test(prev ?? '')) return true;
  // "drop X from cilium allowlist": a cluster's own thing follows, so the word is the cluster
  if (prev === 'from' && /^(?:allowlist|authorizedranges|apiserver|api|ranges?|firewall)$/.test(next ?? '')) return true;
  if (/^(?:from|reach|can|to)$/.test(prev ?? '')) return false;
  return Object.values(idx.names.get(w) ?? {}).every((namespaces) => namespaces.every((ns) => SYSTEM_NAMESPACE.test(ns)));
}

let CITY_ZONES: Map<string, string> | undefined;

/** "new york" → America/New_York: every IANA zone by its city (the last part of its name). */
function cityZones(): Map<string, string> {
  if (!CITY_ZONES) {
    CITY_ZONES = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) CITY_ZONES.set(zone.split('/').pop()!.toLowerCase().replace(/_/g, ' '), zone);
  }
  return CITY_ZONES;
}

/** A city of one to three words followed by "time" ("berlin time", "new york time") → [zone, tokens used]. */
function zoneByCity(tokens: string[], i: number): [string, number] | undefined {
  // "time of berlin", "timezone of new york", "18:00 hour of madrid", "time in tokyo": the city after the word
  if (/^(?:time|timezone|hour|hours)$/.test(tokens[i]) && /^(?:of|in)$/.test(tokens[i + 1] ?? ''))
    for (let len = 3; len >= 1; len--) {
      const zone = cityZones().get(tokens.slice(i + 2, i + 2 + len).join(' '));
      if (zone) return [zone, len + 2];
    }
  for (let len = 3; len >= 1; len--) {
    const after = tokens[i + len];
    if (after !== 'time' && after !== 'timezone') continue;
    const zone = cityZones().get(tokens.slice(i, i + len).join(' '));
    if (zone) return [zone, len + 1];
  }
  return undefined;
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, tenth: 10, fifteenth: 15, twentieth: 20 };

/** "[the] first|1st|15th [day] of every|each|the month" → [day, tokens used]. */
function monthDayAt(tokens: string[], i: number): [number, number] | undefined {
  let j = i;
  if (tokens[j] === 'the') j++;
  const w = tokens[j] ?? '';
  const n = own(ORDINALS, w) ?? (/^(\d{1,2})(?:st|nd|rd|th)$/.exec(w) ? Number(/^(\d{1,2})/.exec(w)![1]) : undefined);
  if (n === undefined || n < 1 || n > 28) return undefined;
  j++;
  if (tokens[j] === 'day') j++;
  if (tokens[j] !== 'of' || !/^(?:every|each|the)$/.test(tokens[j + 1] ?? '') || tokens[j + 2] !== 'month') return undefined;
  return [n, j + 3 - i];
}

function sinceWord(ms: number): string {
  for (const [size, u] of [[7 * 86400e3, 'w'], [86400e3, 'd'], [3600e3, 'h'], [60e3, 'm']] as const) if (ms % size === 0) return `${ms / size}${u}`;
  return `${Math.max(1, Math.round(ms / 60e3))}m`;
}

export const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityType>([
  'ADDR', 'MYIP', 'INTERNET', 'DUR', 'PORT', 'PROTO', 'SEV', 'FIXABLE', 'RUNNING', 'TIME', 'DAY', 'TZ', 'SINCE', 'NUM', 'PAGE', 'GUID', 'CLUSTER', 'NS', 'NAME', 'SUBNET', 'CRON', 'IMAGE', 'MONTHDAY', 'FORCE',
]);

/**
 * Real names close to one the inventory does not have: a typo away, or sharing a part ("ratings" → ratings-web),
 * generic parts included (this only offers names, it never picks one).
 */
export function nearestNames(word: string, names: string[]): string[] {
  const w = word.toLowerCase();
  const close = names.filter((n) => typoDistance(n, w) <= Math.max(1, typoBudget(w)));
  if (close.length) return close;
  const parts = w.split('-').filter((p) => p.length >= 3);
  return names.filter((n) => n.split('-').some((p) => parts.some((q) => p === q || (q.length >= 4 && p.startsWith(q)))));
}
