import fs from 'node:fs';
import ipaddr from 'ipaddr.js';
import YAML from 'yaml';
import { z } from 'zod';
import { type Command, parse, proposesChange } from '../../../src/commands/grammar.js';
import type { Snapshot, Understanding } from '../../../src/understanding/types.js';

/** One line of the blind corpus: what someone typed and what it must become. */
const Line = z
  .object({
    text: z.string().min(1),
    expect: z.string().min(1),
    write: z.boolean(),
    options: z.array(z.string()).optional(),
    accept: z.array(z.string()).optional(),
    intent: z.string(),
    voice: z.string(),
  })
  .strict();
export type BlindLine = z.infer<typeof Line>;

export function readBlindFile(file: string): BlindLine[] {
  return z.array(Line).parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}

const isOutcomeWord = (e: string) => e === 'ask' || e === 'lost';

/** Problems with the data itself: every command must parse, and `write` must say whether it proposes a change. */
export function dataProblems(lines: BlindLine[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    for (const c of [l.expect, ...(l.accept ?? []), ...(l.options ?? [])]) if (!isOutcomeWord(c) && !parse(c).ok) out.push(`"${c}" does not parse (${l.text})`);
    const write = !isOutcomeWord(l.expect) && proposesChange(l.expect);
    // Writers differ on an ask: one marks whether its buttons would change something, one marks it never a write.
    if (write !== l.write && l.expect !== 'ask') out.push(`write should be ${write} for "${l.expect}" (${l.text})`);
    if (l.options && l.expect !== 'ask') out.push(`options without expect: ask (${l.text})`);
  }
  return out;
}

/** What the comparison needs to know beyond the snapshot: which subscription each cluster lives in. */
export interface World {
  snapshot: Snapshot;
  subscriptionOf: Record<string, string>;
  /** Lower-cased subscription display name or id → id: a plan on "Workshop" is a plan on its id. */
  subscriptionIds?: Record<string, string>;
}

const UNSCOPED = new Set(['help', 'clusters', 'useCluster', 'greet', 'thanks', 'approvals', 'digests', 'digestOff', 'digestNow', 'digestSchedule']);
const SERVICE_KINDS = new Set(['exposure', 'makeInternal', 'makePublic', 'restrict', 'unrestrict']);
const WORKLOAD_KIND_WORDS = new Set(['deployment', 'deploy', 'statefulset', 'sts', 'daemonset', 'ds', 'pod', 'po', 'service', 'svc', 'cronjob', 'cj', 'job']);
const WEEKDAYS: Record<string, string> = { sun: '0', mon: '1', tue: '2', wed: '3', thu: '4', fri: '5', sat: '6' };

function range(r: string): string {
  const [ip, bits] = r.split('/');
  if (!ipaddr.isValid(ip)) return r.toLowerCase();
  const addr = ipaddr.parse(ip);
  return `${addr.toString()}/${bits ?? (addr.kind() === 'ipv4' ? 32 : 128)}`;
}

/** The one namespace of the cluster holding a name (Services only when asked), else undefined. */
function namespaceOf(world: World, cluster: string, name: string, servicesOnly: boolean): string | undefined {
  const items = world.snapshot.inventories[cluster]?.items ?? [];
  const namespaces = new Set(items.filter((i) => i.name === name && (!servicesOnly || i.kind === 'Service')).map((i) => i.namespace));
  return namespaces.size === 1 ? [...namespaces][0] : undefined;
}

function endpoint(world: World, cluster: string, e: string, namespace: string | undefined): string {
  if (e === 'internet' || ipaddr.isValid(e.split('/')[0])) return e === 'internet' ? e : range(e);
  const parts = e.split('/');
  const name = parts[parts.length - 1];
  const head = parts.slice(0, -1).filter((p) => !WORKLOAD_KIND_WORDS.has(p.toLowerCase()));
  const ns = head[0] ?? namespace ?? namespaceOf(world, cluster, name, false);
  return ns ? `${ns}/${name}` : name;
}

/**
 * A command in a form where readings that mean the same compare equal: the default cluster spelled or not, a
 * namespace the name only lives in, `1.2.3.4` and `1.2.3.4/32`, TCP by default, 30 days of trend, a cluster
 * for its subscription (Defender plans are per subscription), `kind/name` for name; help topics are not compared.
 */
export function canonical(command: Command, world: World): string {
  const c: Record<string, unknown> = { ...command };
  const dflt = world.snapshot.defaultCluster;
  if (!UNSCOPED.has(command.kind) && c.cluster === undefined) c.cluster = dflt;
  const cluster = c.cluster as string;
  if (command.kind === 'help') delete c.topic;
  if (command.kind === 'defenderStatus' || command.kind === 'defenderSet') {
    const named = command.subscription && (world.subscriptionIds?.[command.subscription.toLowerCase()] ?? command.subscription);
    c.subscription = named ?? world.subscriptionOf[cluster] ?? cluster;
    delete c.cluster;
  }
  if (Array.isArray(c.ranges)) c.ranges = (c.ranges as string[]).map(range).sort();
  if (SERVICE_KINDS.has(command.kind) && c.service && c.namespace === undefined) c.namespace = namespaceOf(world, cluster, c.service as string, true);
  if (command.kind === 'canReach' || command.kind === 'allowFlow') {
    c.from = endpoint(world, cluster, command.from, command.namespace);
    c.to = endpoint(world, cluster, command.to, command.namespace);
    delete c.namespace;
    c.protocol = command.protocol ?? 'TCP';
  }
  if (command.kind === 'trend') c.days = command.days ?? 30;
  if (command.kind === 'digestSchedule' && command.schedule.type === 'cron') {
    const fields = command.schedule.expression.toLowerCase().split(' ');
    fields[4] = fields[4].replace(/[a-z]{3}/g, (d) => WEEKDAYS[d] ?? d);
    c.schedule = { ...command.schedule, expression: fields.join(' ') };
  }
  const sorted = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(sorted);
}

/** Two command texts that mean the same change or question (see canonical). */
export function sameCommand(a: string, b: string, world: World): boolean {
  const pa = parse(a);
  const pb = parse(b);
  return pa.ok && pb.ok && canonical(pa.command, world) === canonical(pb.command, world);
}

export type Verdict = 'exact' | 'wrong write' | 'wrong read' | 'ask (command expected)' | 'lost (command expected)' | 'lost (ask expected)' | 'sure (ask or lost expected)' | 'ask (lost expected)' | 'ask without the options' | 'unparsable';

export interface Scored {
  line: BlindLine;
  got: Understanding;
  verdict: Verdict;
  /** The text was already an exact command of the grammar (no understanding needed). */
  grammar: boolean;
}

/** Judges one reading against the line's expectations. */
export function judge(line: BlindLine, got: Understanding, world: World): Verdict {
  const wanted = [line.expect, ...(line.accept ?? [])];
  const commands = wanted.filter((w) => !isOutcomeWord(w));
  if (got.kind === 'sure') {
    if (!parse(got.command).ok) return 'unparsable';
    if (commands.some((w) => sameCommand(w, got.command, world))) return 'exact';
    if (proposesChange(got.command)) return 'wrong write';
    return isOutcomeWord(line.expect) ? 'sure (ask or lost expected)' : 'wrong read';
  }
  if (got.kind === 'ask') {
    if (!wanted.includes('ask')) return line.expect === 'lost' ? 'ask (lost expected)' : 'ask (command expected)';
    if (line.expect !== 'ask' || !line.options) return 'exact';
    const offered = got.options.map((o) => o.command);
    return line.options.every((o) => offered.some((x) => sameCommand(o, x, world))) ? 'exact' : 'ask without the options';
  }
  if (wanted.includes('lost')) return 'exact';
  return line.expect === 'ask' ? 'lost (ask expected)' : 'lost (command expected)';
}

export interface FileScore {
  total: number;
  exact: number;
  grammar: number;
  byVerdict: Record<string, number>;
  scored: Scored[];
  misses: Scored[];
  wrongWrites: Scored[];
}

export function summarise(scored: Scored[]): FileScore {
  const byVerdict: Record<string, number> = {};
  for (const s of scored) byVerdict[s.verdict] = (byVerdict[s.verdict] ?? 0) + 1;
  return {
    total: scored.length,
    exact: byVerdict.exact ?? 0,
    grammar: scored.filter((s) => s.grammar).length,
    byVerdict,
    scored,
    misses: scored.filter((s) => s.verdict !== 'exact'),
    wrongWrites: scored.filter((s) => s.verdict === 'wrong write'),
  };
}

function shown(u: Understanding): string {
  if (u.kind === 'sure') return `sure "${u.command}"`;
  if (u.kind === 'ask') return `ask [${u.options.map((o) => o.command).join(' | ')}]`;
  return 'lost';
}

function byVoice(s: FileScore): string[] {
  const voices = new Map<string, { n: number; exact: number }>();
  for (const x of s.scored) {
    const v = voices.get(x.line.voice) ?? { n: 0, exact: 0 };
    v.n++;
    if (x.verdict === 'exact') v.exact++;
    voices.set(x.line.voice, v);
  }
  return [...voices].sort(([a], [b]) => a.localeCompare(b)).map(([voice, v]) => `${voice} ${v.exact}/${v.n}`);
}

/** The report printed by the test: scores, then every miss grouped by intent. */
export function report(name: string, s: FileScore): string {
  const pct = (n: number) => `${((100 * n) / s.total).toFixed(1)}%`;
  const free = s.scored.filter((x) => !x.grammar);
  const freeExact = free.filter((x) => x.verdict === 'exact').length;
  const lines = [
    `== blind ${name}: ${s.total} utterances, exact ${s.exact} (${pct(s.exact)}), wrong writes ${s.wrongWrites.length}`,
    `   free text only (${free.length} lines the exact grammar does not parse): exact ${freeExact} (${((100 * freeExact) / free.length).toFixed(1)}%)`,
    `   exact by voice: ${byVoice(s).join(', ')}`,
    `   ${Object.entries(s.byVerdict).filter(([v]) => v !== 'exact').map(([v, n]) => `${v}: ${n}`).join(', ') || 'no misses'}`,
  ];
  const byIntent = new Map<string, Scored[]>();
  for (const m of s.misses) byIntent.set(m.line.intent, [...(byIntent.get(m.line.intent) ?? []), m]);
  for (const [intent, misses] of [...byIntent].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`   [${intent}] ${misses.length} missed`);
    for (const m of misses) lines.push(`     ${m.verdict} (${m.line.voice}): "${m.line.text}" → ${shown(m.got)}; expected ${[m.line.expect, ...(m.line.accept ?? [])].join(' / ')}`);
  }
  return `${lines.join('\n')}\n`;
}
