import { type Command, format, parse, SPECS } from '../commands/grammar.js';
import { helpSections } from '../commands/help.js';
import type { CommandSpec } from '../commands/spec.js';
import { isAddress } from './addressCheck.js';
import { isClusterWord } from './exactChecks.js';
import { clusterOf } from './entities.js';
import type { Snapshot } from './types.js';
import { isEnglishWord } from './english.js';
import { typoDistance } from './normalise.js';
import { rangesOfWords } from './fastPathRanges.js';
import { digestScheduleSaidBare } from './bareSchedule.js';

/**
 * Round 11d: a command half-remembered from the bot's own syntax ("canreach a b 80", "iprange disable X", "make public
 * svc/X aks-prod", "allowlist myip 8h", "vulns X p2", "man allowlist") is rewritten into the grammar's exact text.
 * The grammar's own spec data decides: each usage's literal words (in any order, joined or split), its slots filled
 * with the message's values in order, and its optional groups (`on <cluster>`, `for <duration>`, `on <port>`, …) given
 * the values they take. Every word of the message must be one of those, or nothing is rewritten: a sentence is never
 * read this way. The result is the grammar's canonical text, and the spec the words named must be the one that parses it.
 */

type ValueType = 'CLUSTER' | 'NS' | 'NAME' | 'ADDR' | 'PORT' | 'DUR' | 'NUM' | 'SEV';
interface Value {
  type: ValueType;
  text: string;
}
type Token = { literal: string } | { value: Value };

/** One usage, read: its literal words (outside optional groups), slots in order, and its optional groups' words. */
interface Shape {
  spec: CommandSpec<Command>;
  /** The usage's words outside optional groups, slots included, in order ("can <from> reach <to>"). */
  pattern: string[];
  /** Its ranges slot takes a list (`<cidr>[, …]`). */
  listSlot: boolean;
  literals: string[];
  slots: string[];
  optionalWords: Set<string>;
  optionalSlots: number;
  takes: { cluster?: 'on' | 'for'; namespace: boolean; duration?: 'days' | 'any' | 'since'; port: boolean; page: boolean; count: boolean };
}

/** Words that only say "show it" ("netpol summary", "clusters list") or shrug ("… whatever", "pls"). */
const SHOW_WORDS = new Set(['show', 'list', 'ls', 'get', 'summary', 'overview', 'whatever']);
/** Politeness, which any command may carry ("iprange disable X pls"). */
const POLITE = new Set(['please', 'pls', 'plz', 'thx', 'thanks', 'kthx', 'ty']);
/** A verb said in the tool's other spelling ("ipranges off X"). */
const VERB_SYNONYMS = new Map<string, string[]>(Object.entries({ off: ['disable'], disable: ['off'], stop: ['off'], man: ['help'], usage: ['help'], syntax: ['help'], manual: ['help'], add: ['allowlist'], '->': ['to'], '=>': ['to'], '→': ['to'] }));
const SEVERITY_LEVELS = /^(?:low|medium|high|critical)\+?$/;
/** A level's short form ("crit", "med"). */
const SEVERITY_SHORT = new Map(Object.entries({ crit: 'critical', med: 'medium', hi: 'high' }));

/** An optional group that stands for a value said bare: `[service]`, `[namespace]`, `[topic]`, `[registry|repository|image]`. */
const VALUE_PLACEHOLDER = /^(?:service|namespace|topic|registry\|repository\|image)$/;

const stem = (w: string) => (w.length > 3 ? w.replace(/ies$/, 'y').replace(/s$/, '') : w);

/** The shape of each usage (the digest schedule's alternatives have their own rule below). */
function shapes(): Shape[] {
  const out: Shape[] = [];
  for (const spec of SPECS) {
    let usage = spec.usage.toLowerCase();
    // "<cidr>[, …] | my ip": one slot, which also takes my ip
    usage = usage.replace(/(<[^>]+>)\[, …\] \| my ip/g, '$1');
    const optional: string[] = [];
    let bare = usage;
    for (;;) {
      const next = bare.replace(/\[([^[\]]*)\]/g, (_, inner: string) => {
        optional.push(inner);
        return ' ';
      });
      if (next === bare) break;
      bare = next;
    }
    // "enable | disable defender for containers": one shape per leading alternative
    const parts = bare.split(' | ').map((p) => p.trim());
    const heads = parts.length === 2 && !parts[0].includes(' ') ? [`${parts[0]} ${parts[1].split(' ').slice(1).join(' ')}`, parts[1]] : parts.length === 1 ? parts : [];
    const optionalText = optional.join(' ');
    for (const head of heads) {
      // (round 12b: a bar inside one placeholder, `<ip|cidr>`, is one slot's two names, not two heads: terse
      // "allowlist A 2h" is `allowlist A for 2h`)
      if (/["]|\|(?![^<>]*>)/.test(head)) continue;
      const words = head.split(/\s+/).filter(Boolean);
      const optionalWords = new Set(optionalText.replace(/<[^>]*>/g, ' ').split(/[\s|,]+/).filter((w) => /^[a-z][a-z-]*\+?$/.test(w)).map((w) => w.replace(/\+$/, '')));
      out.push({
        spec,
        pattern: words,
        listSlot: /<[^>]*(?:cidr|ip)[^>]*>\[, …\]/.test(spec.usage),
        literals: words.filter((w) => !w.startsWith('<')),
        slots: words.filter((w) => w.startsWith('<')),
        optionalWords,
        optionalSlots: optional.filter((g) => VALUE_PLACEHOLDER.test(g.trim())).length,
        takes: {
          cluster: /on <cluster>/.test(optionalText) ? 'on' : /for <cluster>/.test(optionalText) ? 'for' : undefined,
          namespace: /in <namespace>/.test(optionalText),
          duration: /for <days>d/.test(optionalText) ? 'days' : /for <duration>/.test(optionalText) ? 'any' : /\bsince\b/.test(optionalText) ? 'since' : undefined,
          port: /on <port>/.test(optionalText),
          page: /page <n>/.test(optionalText),
          count: optional.includes('n'),
        },
      });
    }
  }
  return out;
}

let cached: { shapes: Shape[]; words: Set<string>; literals: Set<string>; aliases: Map<string, string[]> } | undefined;
function grammarWords() {
  if (!cached) {
    const all = shapes();
    const words = new Set(all.flatMap((s) => [...s.literals, ...s.optionalWords]));
    // a spec's one-word keyword that no usage spells ("vulns", "netpol", "whitelist", "revoke") stands for its usage's words
    const aliases = new Map<string, string[]>();
    for (const s of all)
      for (const kw of s.spec.keywords)
        if (!kw.includes(' ') && !words.has(kw) && /^[a-z-]+$/.test(kw) && s.literals.length && !aliases.has(kw)) aliases.set(kw, s.literals);
    cached = { shapes: all, words, literals: new Set(all.flatMap((s) => s.literals)), aliases };
  }
  return cached;
}

/** A word no usage spells, glued from two that some do ("canreach", "iprange", "myip"). */
function split(word: string, words: Set<string>): string[] | undefined {
  const known = (w: string) => words.has(w) || words.has(`${w}s`) || w === 'my';
  // ("disable-ip-ranges", "ip_ranges": the separators say where)
  const parts = word.split(/[-_]/);
  if (parts.length > 1 && parts.every(known)) return parts;
  for (let i = 2; i < word.length - 1; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i).replace(/^-/, '')];
    if (known(a) && known(b)) return [a, b];
  }
  return undefined;
}

/** The inventory's names and namespaces as sets, once per snapshot (a message's words are looked up, never the list walked). */
const NAMES = new WeakMap<Snapshot, { names: Set<string>; namespaces: Set<string> }>();
function namesOf(snap: Snapshot) {
  let n = NAMES.get(snap);
  if (!n) {
    const inventories = Object.values(snap.inventories);
    n = { names: new Set(inventories.flatMap((inv) => inv.items.map((x) => x.name))), namespaces: new Set(inventories.flatMap((inv) => inv.namespaces)) };
    NAMES.set(snap, n);
  }
  return n;
}
function isOwnCluster(word: string, snap: Snapshot, words: Set<string>): boolean {
  const found = clusterOf(word, snap.clusters, words);
  return Boolean(found && found.quality !== 'fuzzy');
}

function isName(word: string, snap: Snapshot): boolean {
  return namesOf(snap).names.has(word);
}
function isNamespace(word: string, snap: Snapshot): boolean {
  return namesOf(snap).namespaces.has(word);
}

/** `--svc X`, `--to X`, `-n X`, `--severity X`: flags of our own options, as the words the usage spells. */
const FLAG_WORDS: Array<[RegExp, (v: string) => string[]]> = [
  [/^--?(?:svc|service|name|from)$/, (v) => [v]],
  [/^--to$/, (v) => ['to', v]],
  [/^--?(?:n|namespace|ns)$/, (v) => ['namespace', v]],
  [/^--?(?:c|cluster|context)$/, (v) => ['cluster', v]],
  [/^--?(?:severity|sev|s)$/, (v) => ['severity', v]],
  [/^--?(?:page|p)$/, (v) => ['page', v]],
  [/^--?(?:for|ttl|duration)$/, (v) => ['for', v]],
  [/^--?(?:port)$/, (v) => ['port', v]],
  // (how a tool prints, never what it shows)
  [/^(?:-o|--output)$/, () => []],
];
/** Flags that widen a listing to what it lists anyway (`-A`, `--all-namespaces`). */
const NO_OP_FLAGS = /^(?:-a|--all-namespaces|--all)$/;

/** A word of the grammar one slip away ("hlep", "stauts"), when only one is; never an English word. */
function mistyped(word: string, words: Set<string>): string | undefined {
  if (word.length < 4 || !/^[a-z]+$/.test(word) || isEnglishWord(word)) return undefined;
  const near = [...words].filter((w) => typoDistance(w, word) === 1);
  return near.length === 1 ? near[0] : undefined;
}

function tokens(text: string, snap: Snapshot, slips: string[]): Token[] | undefined {
  const { words, aliases } = grammarWords();
  const raw = text
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const flat: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    // (`--cluster=prod` is `--cluster prod`)
    const eq = /^(--?[a-z][\w-]*)=(.+)$/.exec(raw[i]);
    if (eq) raw.splice(i, 1, eq[1], eq[2]);
    const w = raw[i];
    const flag = FLAG_WORDS.find(([re]) => re.test(w));
    if (flag && raw[i + 1] !== undefined && !raw[i + 1].startsWith('-')) flat.push(...flag[1](raw[++i]));
    else if (/^--?help$|^-h$/.test(w)) flat.unshift('help');
    else if (NO_OP_FLAGS.test(w)) continue;
    else if (/^--[a-z]+$/.test(w)) flat.push(w.slice(2));
    else flat.push(w);
  }
  const out: Token[] = [];
  for (let i = 0; i < flat.length; i++) {
    const w = flat[i].replace(/^(?:svc|service|services)\//, '');
    const next = flat[i + 1];
    const value = (type: ValueType, t: string) => out.push({ value: { type, text: t } });
    const hostPort = /^([a-z0-9][a-z0-9.-]*):(\d{1,5})$/.exec(w);
    if (/^(?:my-?ip|my_ip|me|myself)$/.test(w)) out.push({ literal: 'my' }, { literal: 'ip' });
    // (`orders-api:8080`, as curl and netcat say it: the workload, then the port)
    else if (hostPort && isName(hostPort[1], snap)) out.push({ value: { type: 'NAME', text: hostPort[1] } }, { value: { type: 'PORT', text: hostPort[2] } });
    else if (/^(?:ns|namespace)\/[a-z0-9][a-z0-9-]*$/.test(w) && isNamespace(w.split('/')[1], snap)) value('NS', w.split('/')[1]);
    else if (w === 'sev') out.push({ literal: 'severity' });
    else if (/^p(?:g|age)?(\d{1,3})$/.test(w) && !/^\d/.test(w)) out.push({ literal: 'page' }, { value: { type: 'NUM', text: /\d+/.exec(w)![0] } });
    else if (/^\d{1,5}(?:\/(?:tcp|udp))?$/.test(w) && /^(?:h|hours?|d|days?|w|weeks?|m|mins?|minutes?)$/.test(next ?? '')) {
      value('DUR', `${w}${next![0]}`);
      i++;
    } else if (/^\d+(?:m|h|d|w)$/.test(w)) value('DUR', w);
    else if (/^(?:last|past)$/.test(w) && /^\d+$/.test(next ?? '') && /^(?:h|hours?|d|days?|w|weeks?)$/.test(flat[i + 2] ?? '')) {
      value('DUR', `${next}${flat[i + 2][0]}`);
      i += 2;
    } else if (/^\d{1,5}(?:\/(?:tcp|udp))?$/.test(w)) value(/^\d{1,3}$/.test(w) && out.at(-1) && 'literal' in out.at(-1)! && (out.at(-1) as { literal: string }).literal === 'page' ? 'NUM' : 'PORT', w.replace(/\/tcp$/, ''));
    else if (/\d/.test(w) && /^[\d.:/a-f]+$/.test(w) && isAddress(w)) value('ADDR', w);
    else if (SEVERITY_LEVELS.test(w)) value('SEV', w.replace(/\+$/, ''));
    else if (SEVERITY_SHORT.has(w.replace(/\+$/, '')) && out.length && (out.at(-1) as { literal?: string }).literal === 'severity') value('SEV', SEVERITY_SHORT.get(w.replace(/\+$/, ''))!);
    // (a word of the usages names a cluster only typed in full: "private cluster prod" is no cluster "private")
    else if (isOwnCluster(w, snap, words) && !isName(w, snap)) value('CLUSTER', w);
    else if (isNamespace(w, snap) && !isName(w, snap)) value('NS', w);
    else if (isName(w, snap) || /^(?:deploy|deployment|pod|sts|statefulset|ds|daemonset|cronjob|cj)\/[a-z0-9][a-z0-9.-]*$/.test(w)) value('NAME', w);
    else if (VERB_SYNONYMS.has(w)) out.push({ literal: w });
    else if (aliases.has(w) || aliases.has(w.replace(/s$/, ''))) out.push(...(aliases.get(w) ?? aliases.get(w.replace(/s$/, '')))!.map((literal) => ({ literal })));
    // ("digest now prod + cilium": a list's joiner; a value too many is refused below anyway)
    else if (POLITE.has(w) || /^(?:\+|&|and)$/.test(w)) continue;
    else if (words.has(w) || words.has(`${w}s`) || SHOW_WORDS.has(w) || /^(?:on|in|for|at|to|port|cluster|namespace|ns|my|ip|svc|service|deployment|deploy|workload)$/.test(w)) out.push({ literal: w });
    else {
      const parts = split(w, words);
      const meant = parts ? undefined : mistyped(w, words);
      if (meant) slips.push(w);
      if (!parts && !meant) return undefined;
      out.push(...(parts ?? [meant!]).map((literal) => ({ literal })));
    }
  }
  return out;
}

/** The grammar's text for one shape, or undefined when the message's words are not all this shape's. */
function fillShape(shape: Shape, toks: Token[]): string | undefined {
  const need = [...shape.literals];
  const extras: string[] = [];
  const values: Value[] = [];
  let ns: string | undefined;
  let cluster: string | undefined;
  let duration: string | undefined;
  let port: string | undefined;
  let count: string | undefined;
  let saidMyIp = false;
  const consumed = new Set<string>();
  const namesRanges = shape.literals.some((l) => rangeNouns().has(l));
  let rangeNounSaid = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if ('value' in t) {
      const before = i > 0 && 'literal' in toks[i - 1] ? (toks[i - 1] as { literal: string }).literal : undefined;
      const after = 'literal' in (toks[i + 1] ?? {}) ? (toks[i + 1] as { literal: string }).literal : undefined;
      const v = t.value;
      // (a digest for several clusters takes them all: `for <cluster>[, …]`)
      // ("shop ns", but not "X namespace shop": the word then names the value after it)
      const nsAfter = (after === 'ns' || after === 'namespace') && !('value' in (toks[i + 2] ?? {}));
      if (v.type === 'CLUSTER' && shape.takes.cluster && (cluster === undefined || shape.takes.cluster === 'for')) cluster = cluster === undefined ? v.text : `${cluster}, ${v.text}`;
      else if ((v.type === 'NS' || before === 'namespace' || before === 'ns' || nsAfter) && shape.takes.namespace && ns === undefined && !shape.slots.some((s) => /namespace/.test(s))) ns = v.text;
      else if (v.type === 'DUR' && shape.takes.duration && duration === undefined) duration = shape.takes.duration === 'days' ? days(v.text) : v.text;
      else if (v.type === 'PORT' && shape.takes.port && port === undefined) port = v.text;
      // (a bare number is the count of a listing that takes one: "audit 20 24h")
      else if (v.type === 'PORT' && shape.takes.count && count === undefined && /^\d{1,3}$/.test(v.text)) count = v.text;
      // (a level said alone, "vulns critical", is the severity filter it names)
      else if (v.type === 'SEV') extras.push(...(before === 'severity' ? [v.text] : ['severity', v.text]));
      else if (v.type === 'NUM') extras.push(v.text);
      else values.push(v);
      continue;
    }
    const w = t.literal;
    // (a word's other number, "range" for "ranges", only when the grammar spells it nowhere: "digests" is not "digest")
    const k = need.includes(w) ? need.indexOf(w) : grammarWords().literals.has(w) ? -1 : need.findIndex((x) => stem(x) === stem(w));
    // (a verb in the tool's other spelling, "ipranges off", "allowlist add": one of the usage's words, said once or twice)
    const other = k < 0 ? (VERB_SYNONYMS.get(w) ?? []).find((x) => need.includes(x) || consumed.has(x)) : undefined;
    if (k >= 0 || other) {
      const word = k >= 0 ? need[k] : other!;
      if (need.includes(word)) need.splice(need.indexOf(word), 1);
      consumed.add(word);
      continue;
    }
    // (the words before and after a value that only say what it is: "on prod", "shop ns", "port 80")
    if (/^(?:on|in|for|at|port|cluster|namespace|ns|svc|service|deployment|deploy|workload|image)$/.test(w) && ('value' in (toks[i + 1] ?? {}) || ('value' in (toks[i - 1] ?? {}) && /^(?:ns|namespace|cluster)$/.test(w)))) continue;
    if (w === 'my' && (toks[i + 1] as { literal?: string })?.literal === 'ip') {
      saidMyIp = true;
      i++;
      continue;
    }
    // (the API server's ranges by any of the names the grammar gives them: "ip ranges", "allowlist", "authorized ranges")
    if (namesRanges && rangeNouns().has(w)) {
      rangeNounSaid = true;
      continue;
    }
    if (shape.optionalWords.has(w)) extras.push(w);
    else if (!(SHOW_WORDS.has(w) && !shape.spec.proposesChange)) return undefined;
  }
  // (the little words between a usage's values, "to", "from", are implied when its values fill its slots in order)
  // (one of those names stands for another only beside a word of the usage's own: "ip ranges add X", never "ip ranges X")
  const verbSaid = !shape.spec.proposesChange || shape.literals.some((l) => !need.includes(l));
  const left = rangeNounSaid && verbSaid ? need.filter((w) => !rangeNouns().has(w)) : need;
  if (left.some((w) => !/^(?:to|from)$/.test(w))) return undefined;
  // the usage's slots take the values in order; a slot for ranges also takes "my ip"
  const text: string[] = [];
  for (const w of shape.pattern) {
    if (!w.startsWith('<')) text.push(w);
    else if (/cidr|ip/.test(w) && saidMyIp) {
      text.push('my ip');
      saidMyIp = false;
    } else if (/cidr|ip/.test(w) && shape.listSlot && values[0]?.type === 'ADDR') {
      // (`<cidr>[, …]`: every address said, in order)
      const addresses = values.filter((v) => v.type === 'ADDR');
      values.splice(0, values.length, ...values.filter((v) => v.type !== 'ADDR'));
      text.push(addresses.map((v) => v.text).join(', '));
    } else if (values[0] && slotTakes(w, values[0].type)) text.push(values.shift()!.text);
    else return undefined;
  }
  if (saidMyIp) return undefined;
  // (a value left over goes where the usage takes one more: "exposure X", "vulnerabilities X", "network policies ns")
  if (values.length > shape.optionalSlots || values.some((v) => v.type !== 'NAME' && v.type !== 'NS')) return undefined;
  const tail = [...(count ? [count] : []), ...values.map((v) => v.text), ...extras];
  const mods = [ns && `in ${ns}`, port && `on ${port}`, duration && `${shape.takes.duration === 'since' ? 'since' : 'for'} ${duration}`, cluster && `${shape.takes.cluster} ${cluster}`].filter(Boolean);
  return [...text, ...tail, ...mods].join(' ');
}

/** Which values a usage's slot takes: ranges take addresses, a cluster's slot a cluster, the others names. */
function slotTakes(slot: string, type: ValueType): boolean {
  if (/cidr|ip/.test(slot)) return type === 'ADDR';
  if (/namespace/.test(slot)) return type === 'NS' || type === 'NAME';
  if (/name/.test(slot)) return type === 'CLUSTER' || type === 'NAME';
  return type === 'NAME';
}

let nouns: Set<string> | undefined;
/** The words of the names the ranges' read gives them (its keywords: "ip ranges", "allowlist", "authorized ranges"). */
function rangeNouns(): Set<string> {
  nouns ??= new Set(
    SPECS.filter((s) => s.kind === 'ipRanges')
      .flatMap((s) => s.keywords)
      .flatMap((k) => k.split(' '))
      .flatMap((w) => [w, w.replace(/s$/, '')]),
  );
  return nouns;
}

function days(duration: string): string {
  const [, n, unit] = /^(\d+)([a-z])$/.exec(duration)!;
  return `${unit === 'w' ? Number(n) * 7 : Number(n)}d`;
}


/** "man allowlist", "allowlist --help", "help on restrict": the help of a command the grammar has. */
function helpAsked(toks: Token[]): string | undefined {
  const literals = toks.map((t) => ('literal' in t ? (/^(?:man|usage|syntax|manual)$/.test(t.literal) ? 'help' : t.literal) : undefined));
  if (literals[0] !== 'help' && literals.at(-1) !== 'help') return undefined;
  const topic = literals.filter((w, i) => w && w !== 'help' && !(i === 1 && /^(?:on|for|with|about)$/.test(w)));
  if (topic.length !== 1 || literals.includes(undefined)) return undefined;
  return helpSections(topic[0]).length ? `help ${topic[0]}` : undefined;
}

/** The grammar's text for a half-remembered command, or undefined when the message is not one. */
export function approximateCommand(text: string, snap: Snapshot): string | undefined {
  // ("/status", "!vulns": habits from other bots, as the grammar reads them)
  text = text.trim().replace(/^[/!]+/, '');
  if (text.length > 120 || /[?"'`]/.test(text.replace(/\?\s*$/, ''))) return undefined;
  // ("restrict?": a command that takes values, named alone with a question mark, asks how it is used)
  const alone = /^([a-z-]+)\s*\?$/i.exec(text);
  if (alone && SPECS.some((s) => s.keywords.includes(alone[1].toLowerCase()) && isFailureOf(s, alone[1]))) return canonical(`help ${alone[1].toLowerCase()}`);
  const schedule = digestScheduleSaidBare(text);
  if (schedule) return canonical(schedule);
  const slips: string[] = [];
  const toks = tokens(text.replace(/\?\s*$/, ''), snap, slips);
  if (!toks || !toks.length || toks.length > 14) return undefined;
  const help = helpAsked(toks);
  if (help) return help;
  const found = new Set<string>();
  for (const shape of grammarWords().shapes) {
    const candidate = fillShape(shape, toks);
    const p = candidate === undefined ? undefined : parse(candidate);
    // (and what it parses to takes no word for an address: "remove my ip from allowlist" has no such command)
    if (p?.ok && p.command.kind === shape.spec.kind && !rangesOfWords(p.command)) found.add(format(p.command));
  }
  // (a question mark leaves a change to the words' own reading: "disable ranges?" is asked about, never run)
  const [only] = found;
  if (found.size !== 1) return undefined;
  const p = parse(only);
  // (nor is a change read from a mistyped word: the words' own reading asks "did you mean")
  return p.ok && (/\?\s*$/.test(text) || slips.length) && SPECS.find((s) => s.kind === p.command.kind)?.proposesChange ? undefined : only;
}

function isFailureOf(spec: CommandSpec<Command>, text: string): boolean {
  const r = spec.parse(text);
  return r !== undefined && 'error' in r;
}

function canonical(text: string): string | undefined {
  const p = parse(text);
  return p.ok ? format(p.command) : undefined;
}

/** Round 12b: a length said bare after the addresses ("allowlist A 2h") is no range: the duration of the entry. */
function durationAsRange(command: Command): boolean {
  const ranges = (command as { ranges?: unknown }).ranges;
  return Array.isArray(ranges) && ranges.length > 1 && /^\d+(?:m|h|d|w)$/i.test(String(ranges.at(-1)));
}

/** The fields of a command that name a workload, a Service or an image. */
const WORKLOAD_FIELDS = new Set(['service', 'from', 'to', 'target']);

/** A value the exact grammar took is a cluster's name where the command takes another value ("vulns aks-prod"). */
function clusterAsValue(command: Command, snap: Snapshot): boolean {
  // (a subscription's name may share a cluster's word, "Production": it is a target of its own)
  return Object.entries(command).some(([k, v]) => WORKLOAD_FIELDS.has(k) && typeof v === 'string' && isClusterWord(v, snap) && !isName(v, snap));
}

/**
 * The text the exact grammar reads: the message when the grammar reads it as it is meant, else the half-remembered
 * command it stands for (when it is one).
 */
export function grammarText(text: string, snap: Snapshot): string {
  // (read() and its exact step both ask for the same message: the last answer is kept)
  if (last?.text === text && last.snap === snap) return last.out;
  const out = grammarTextOf(text, snap);
  last = { text, snap, out };
  return out;
}
let last: { text: string; snap: Snapshot; out: string } | undefined;

function grammarTextOf(text: string, snap: Snapshot): string {
  const p = parse(text);
  // (and a help topic no section has, "help for restrict", is read again: the topic may be said around other words)
  const noTopic = p.ok && p.command.kind === 'help' && p.command.topic !== undefined && !helpSections(p.command.topic).length;
  if (p.ok && !rangesOfWords(p.command) && !clusterAsValue(p.command, snap) && !noTopic && !durationAsRange(p.command)) return text;
  return approximateCommand(text, snap) ?? text;
}
