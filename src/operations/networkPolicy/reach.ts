import { UserError } from '../../errors.js';
import type { NetworkPolicyEngine } from '../../domain.js';
import { firstAddress, isInternet, isSingleAddress, mergePieces, NOT_INTERNET, overlaps, piecesOf } from './addresses.js';
import { type Endpoint, evaluate, type Policy, type PolicyPort, type PolicyWorld, policySelects, policyTypesOf, type PodRef, type Protocol, type Semantics, type Verdict } from './evaluator.js';
import { disagreements, ENGINE_LABEL, engineCaveats, semanticsOf } from './engines.js';
import { type ClusterView, containerPorts, type FlowPort, portLabel, runningPods, worldOf } from './flows.js';
import { type Target, targetPorts } from './resolve.js';

/** Pure: "can A reach B" for any two ends (workloads of any kind, addresses, the internet), on any engine. */

export type ReachEnd = { kind: 'internet' } | { kind: 'address'; cidr: string } | { kind: 'target'; target: Target };

export interface ReachQuestion {
  from: ReachEnd;
  to: ReachEnd;
  /** How the answer names each end. */
  fromLabel: string;
  toLabel: string;
  port?: number;
  protocol?: Protocol;
}

/** One evaluated end: a pod (of a workload) or a uniform piece of an address range. */
interface Piece {
  /** Shown when an end has several pieces that answer differently. */
  label: string;
  endpoint: Endpoint;
}

/** One port asked about: a number, a range of numbers (any port), or a Service's named target port nothing declares. */
type PortAsked = { protocol: Protocol; port: number; label: string; lo?: number; hi?: number };
type Asked = PortAsked | { protocol: Protocol; unresolved: string; servicePort?: number; label: string };

export type ReachVerdict = 'yes' | 'no' | 'partly' | 'cannot tell';

export interface ReachAnswer {
  verdict: ReachVerdict;
  /** "on TCP 80 → 3000", "on any TCP port", "on TCP 8080 only from 203.0.113.0/24". */
  scope: string;
  /** One line per distinct reason, ports and pieces that share it joined. */
  lines: string[];
  notes: string[];
  /** Side by side, for the card's facts. */
  facts: Array<{ title: string; value: string }>;
  /** Where other engines answer differently, and why. */
  otherEngines: string[];
  /** The assumed engine's documented limits that touch this answer. */
  caveats: string[];
}

const MAX_PODS = 20;

function podPieces(t: Target, view: ClusterView, notes: string[]): Piece[] {
  const out: Piece[] = [];
  for (const w of t.workloads) {
    const pods = runningPods(w, view.pods).filter((p) => p.podIP);
    const base: PodRef = { namespace: w.namespace, name: w.name, labels: w.podLabels, ports: containerPorts(w), ...(w.hostNetwork ? { hostNetwork: true } : {}) };
    if (pods.length === 0) {
      notes.push(`No pod of ${w.kind} ${w.name} runs now: its labels decide, but an ipBlock over pod addresses cannot be checked.`);
      out.push({ label: w.name, endpoint: { kind: 'pod', pod: base } });
      continue;
    }
    // pods differ only by address for ipBlocks (and by labels a controller stamps): one piece per distinct pair
    const seen = new Set<string>();
    for (const p of pods.slice(0, MAX_PODS)) {
      const labels = { ...w.podLabels, ...p.labels };
      const key = `${p.podIP}|${JSON.stringify(labels)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ label: `${w.name} (pod ${p.name}, ${p.podIP})`, endpoint: { kind: 'pod', pod: { ...base, labels, ip: p.podIP } } });
    }
  }
  return out;
}

/** Policies that select one of these pods for a direction. */
function selecting(pieces: Piece[], world: PolicyWorld, direction: 'Ingress' | 'Egress'): Policy[] {
  return world.policies.filter((p) => policyTypesOf(p.spec).includes(direction) && pieces.some((x) => x.endpoint.kind === 'pod' && policySelects(p, x.endpoint.pod)));
}

function ipBlocksOf(policies: Policy[], direction: 'Ingress' | 'Egress'): string[] {
  const peers = policies.flatMap((p) => (direction === 'Ingress' ? (p.spec.ingress ?? []).flatMap((r) => r.from ?? []) : (p.spec.egress ?? []).flatMap((r) => r.to ?? [])));
  return peers.flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : []));
}

/** An address range (or the internet) cut where the deciding ipBlocks start and end: each piece answers one way. */
function addressPieces(end: Exclude<ReachEnd, { kind: 'target' }>, boundaries: string[]): Piece[] {
  if (end.kind === 'address') return piecesOf(end.cidr, boundaries).map((cidr) => ({ label: cidr, endpoint: { kind: 'external', ip: firstAddress(cidr), name: isSingleAddress(end.cidr) ? end.cidr.split('/')[0] : cidr } }));
  const v6 = boundaries.some((b) => b.includes(':'));
  const ranges = ['0.0.0.0/0', ...(v6 ? ['::/0'] : [])];
  return ranges
    .flatMap((r) => piecesOf(r, [...boundaries, ...NOT_INTERNET]))
    .filter(isInternet)
    .map((cidr) => ({ label: cidr, endpoint: { kind: 'external', ip: firstAddress(cidr), name: 'internet' } }));
}

/** Port numbers cut where the deciding rules' ports start and end (named ports resolved on the destination pods). */
function portSegments(policies: Policy[], destinations: Piece[], protocol: Protocol | undefined): Asked[] {
  const entries: PolicyPort[] = policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]).flatMap((r) => r.ports ?? []);
  const protocols: Protocol[] = protocol ? [protocol] : ['TCP', ...(['UDP', 'SCTP'] as Protocol[]).filter((x) => entries.some((e) => (e.protocol ?? 'TCP').toUpperCase() === x))];
  const out: Asked[] = [];
  for (const proto of protocols) {
    const cuts = new Set<number>([1, 65536]);
    for (const e of entries.filter((x) => (x.protocol ?? 'TCP').toUpperCase() === proto)) {
      const numbers =
        typeof e.port === 'number'
          ? [[e.port, e.endPort ?? e.port]]
          : typeof e.port === 'string'
            ? destinations.flatMap((d) => (d.endpoint.kind === 'pod' ? (d.endpoint.pod.ports ?? []).filter((c) => c.name === e.port && (c.protocol ?? 'TCP').toUpperCase() === proto).map((c) => [c.containerPort, c.containerPort]) : []))
            : [];
      for (const [lo, hi] of numbers) cuts.add(lo).add(hi + 1);
    }
    const sorted = [...cuts].filter((n) => n >= 1 && n <= 65536).sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const lo = sorted[i];
      const hi = sorted[i + 1] - 1;
      out.push({ protocol: proto, port: lo, lo, hi, label: rangeLabel(proto, lo, hi) });
    }
  }
  return out;
}

function rangeLabel(proto: Protocol, lo: number, hi: number): string {
  if (lo === 1 && hi === 65535) return `any ${proto} port`;
  return lo === hi ? `${proto} ${lo}` : `${proto} ${lo}-${hi}`;
}

interface Outcome {
  asked: PortAsked;
  from: Piece;
  to: Piece;
  v: Verdict;
}

function evaluateAll(asked: Asked[], from: Piece[], to: Piece[], world: PolicyWorld, semantics: Semantics): Outcome[] {
  const out: Outcome[] = [];
  for (const a of asked) {
    if (!('port' in a)) continue;
    for (const f of from) for (const t of to) out.push({ asked: a, from: f, to: t, v: evaluate({ from: f.endpoint, to: t.endpoint, port: a.port, protocol: a.protocol }, world, semantics) });
  }
  return out;
}

function verdictOf(outcomes: Outcome[], unresolved: number): ReachVerdict {
  const allowed = outcomes.filter((o) => o.v.allowed).length;
  if (outcomes.length === 0) return unresolved ? 'no' : 'cannot tell';
  if (allowed === 0) return 'no';
  return allowed === outcomes.length && unresolved === 0 ? 'yes' : 'partly';
}

function joinLabels(labels: string[], max = 4): string {
  const u = [...new Set(labels)];
  return u.length > max ? `${u.slice(0, max).join(', ')} and ${u.length - max} more` : u.join(', ');
}

/** Adjacent allowed port ranges of one protocol read as one ("TCP 1-65535" → "any TCP port"). */
function mergedPortLabels(asked: Asked[]): string[] {
  const out: string[] = [];
  let run: { protocol: Protocol; lo: number; hi: number } | undefined;
  const flush = () => {
    if (run) out.push(rangeLabel(run.protocol, run.lo, run.hi));
    run = undefined;
  };
  for (const a of asked) {
    if ('port' in a && a.lo !== undefined && a.hi !== undefined) {
      if (run && run.protocol === a.protocol && run.hi + 1 === a.lo) run.hi = a.hi;
      else {
        flush();
        run = { protocol: a.protocol, lo: a.lo, hi: a.hi };
      }
    } else {
      flush();
      out.push(a.label);
    }
  }
  flush();
  return out;
}

function allowedBy(v: Verdict): string {
  const by = [v.egress.allowedBy, v.ingress.allowedBy].filter(Boolean).map((b) => `${b!.policy} (rule ${b!.rule})`);
  return by.length ? `allowed by ${by.join(' and ')}` : 'no policy isolates either side';
}

function reason(v: Verdict): string {
  return v.allowed ? allowedBy(v) : `blocked: ${[v.egress, v.ingress].filter((x) => !x.allowed).map((x) => x.explanation).join('; ')}`;
}

/** The pieces an outcome set covers, when an end has several: cidrs merged back where they agree. */
function pieceScope(outcomes: Outcome[], all: Piece[], end: 'from' | 'to'): string | undefined {
  const hit = new Set(outcomes.map((o) => o[end].label));
  if (hit.size === all.length) return undefined;
  const cidrs = all.every((p) => p.endpoint.kind === 'external');
  const labels = cidrs ? mergePieces(all.map((p) => ({ cidr: p.label, key: hit.has(p.label) }))).filter((x) => x.key).map((x) => x.cidr) : [...hit];
  return joinLabels(labels);
}

/** The answer under one engine's semantics: verdict, and what the allowed part covers. */
function scopeOf(outcomes: Outcome[], asked: Asked[], from: Piece[], to: Piece[], verdict: ReachVerdict): string {
  if (verdict === 'cannot tell') return '';
  const allowed = outcomes.filter((o) => o.v.allowed);
  const shown = verdict === 'partly' ? allowed : outcomes;
  const ports = asked.filter((a) => ('port' in a ? shown.some((o) => o.asked === a) : verdict !== 'partly'));
  const fromScope = verdict === 'partly' && splits(outcomes, 'from') ? pieceScope(allowed, from, 'from') : undefined;
  const toScope = verdict === 'partly' && splits(outcomes, 'to') ? pieceScope(allowed, to, 'to') : undefined;
  const onlyPorts = verdict === 'partly' && !fromScope && !toScope;
  return `on ${mergedPortLabels(ports).join(', ')}${onlyPorts && ports.length < asked.length ? ' only' : ''}${fromScope ? ` from ${fromScope} only` : ''}${toScope ? ` to ${toScope} only` : ''}`;
}

/** Do this end's pieces answer differently for the same port and other end? Only then are they named. */
function splits(outcomes: Outcome[], end: 'from' | 'to'): boolean {
  const other = end === 'from' ? 'to' : 'from';
  const seen = new Map<string, boolean>();
  for (const o of outcomes) {
    const k = `${o.asked.label}|${o[other].label}`;
    const prev = seen.get(k);
    if (prev !== undefined && prev !== o.v.allowed) return true;
    seen.set(k, o.v.allowed);
  }
  return false;
}

/** Reasons, one line per distinct reason: the ports and pieces that share it in front. */
function reasonLines(outcomes: Outcome[], split: { from: boolean; to: boolean }): string[] {
  const groups = new Map<string, { labels: string[]; asked: Asked[] }>();
  for (const o of outcomes) {
    // a range of ports shares one reason: the port each explanation names is the range's first, so it goes
    const r = o.asked.lo !== undefined ? reason(o.v).replaceAll(` on ${o.asked.protocol} ${o.asked.port}`, '') : reason(o.v);
    const g = groups.get(r) ?? { labels: [], asked: [] };
    const where = [split.from ? `from ${o.from.label}` : '', split.to ? `to ${o.to.label}` : ''].filter(Boolean).join(' ');
    if (where) g.labels.push(where);
    if (!g.asked.includes(o.asked)) g.asked.push(o.asked);
    groups.set(r, g);
  }
  return [...groups.entries()].slice(0, 8).map(([r, g]) => `${[mergedPortLabels(g.asked).join(', '), joinLabels(g.labels, 3)].filter(Boolean).join(' ')}: ${r}.`);
}

export interface ReachInput {
  view: ClusterView;
  question: ReachQuestion;
}

/** Evaluates the question on the cluster's engine; says where other engines would answer otherwise. */
export function answerReach({ view, question: q }: ReachInput): ReachAnswer {
  if (q.from.kind !== 'target' && q.to.kind !== 'target') throw new UserError('Both ends are outside the cluster: no NetworkPolicy decides that.', 'Name a workload for at least one end, e.g. `can internet reach ratings-web`.');
  const world = worldOf(view);
  const engine: NetworkPolicyEngine = view.engine;
  const semantics = semanticsOf(engine);
  const notes: string[] = [];
  const from = q.from.kind === 'target' ? podPieces(q.from.target, view, notes) : [];
  const to = q.to.kind === 'target' ? podPieces(q.to.target, view, notes) : [];
  if (q.from.kind !== 'target') from.push(...addressPieces(q.from, ipBlocksOf(selecting(to, world, 'Ingress'), 'Ingress')));
  if (q.to.kind !== 'target') to.push(...addressPieces(q.to, ipBlocksOf(selecting(from, world, 'Egress'), 'Egress')));
  for (const end of [q.from, q.to])
    if (end.kind === 'address' && view.pods.some((p) => p.podIP && overlaps(end.cidr, p.podIP)))
      notes.push(`${end.cidr} holds pod addresses: policies see those pods by their labels, so ask about them by name.`);

  let asked: Asked[];
  if (q.port === undefined && q.to.kind !== 'target') asked = portSegments([...selecting(from, world, 'Egress'), ...selecting(to, world, 'Ingress')], to, q.protocol);
  else if (q.to.kind !== 'target') asked = [{ protocol: q.protocol ?? 'TCP', port: q.port!, label: `${q.protocol ?? 'TCP'} ${q.port}` }];
  else {
    const p = targetPorts(q.to.target, q.port, q.protocol);
    notes.push(...p.notes);
    asked = p.anyPort ? portSegments([...selecting(from, world, 'Egress'), ...selecting(to, world, 'Ingress')], to, q.protocol) : p.ports.map(toAsked);
  }
  const unresolved = asked.filter((a): a is Extract<Asked, { unresolved: string }> => 'unresolved' in a);
  const outcomes = evaluateAll(asked, from, to, world, semantics);
  const verdict = verdictOf(outcomes, unresolved.length);
  const target = q.to.kind === 'target' ? q.to.target : undefined;
  const split = { from: splits(outcomes, 'from'), to: splits(outcomes, 'to') };
  // pieces that agree read as one: the first stands for the rest
  const shown = outcomes.filter((o) => (split.from || o.from === from[0]) && (split.to || o.to === to[0]));
  const lines = [
    ...reasonLines(shown, split),
    ...unresolved.map((u) => `${u.label}: no container of ${target?.workloads.map((w) => w.name).join(', ') ?? q.toLabel} declares a ${u.protocol} port named "${u.unresolved}", so the Service has no endpoint for it: nothing reaches ${q.toLabel} through it.`),
  ];
  if (verdict === 'cannot tell') lines.push(`There is no port to evaluate between ${q.fromLabel} and ${q.toLabel}: say which one, e.g. \`on 8080\`.`);

  const otherEngines: string[] = [];
  if (outcomes.length) {
    const differ = outcomes.flatMap((o) => disagreements({ from: o.from.endpoint, to: o.to.endpoint, port: o.asked.port, protocol: o.asked.protocol }, world, engine, o.v));
    if (differ.length) {
      const other = differ[0];
      const otherSemantics: Semantics = { ...semantics, ipBlockMatchesPods: !semantics.ipBlockMatchesPods };
      const theirs = evaluateAll(asked, from, to, world, otherSemantics);
      const theirVerdict = verdictOf(theirs, unresolved.length);
      otherEngines.push(`On ${other.engines.join(' and ')} the answer would be ${theirVerdict}${theirVerdict === 'partly' || theirVerdict === 'yes' ? ` (${scopeOf(theirs, asked, from, to, theirVerdict)})` : ''}: ${other.why}.`);
    }
  }
  const caveats = engine === 'none' ? [] : [...new Set(outcomes.flatMap((o) => engineCaveats({ from: o.from.endpoint, to: o.to.endpoint, port: o.asked.port, protocol: o.asked.protocol }, world, engine)))];

  const facts =
    !split.from && !split.to && shown.length <= 4
      ? shown.flatMap((o) => [
          { title: `Egress of ${q.fromLabel}${shown.length > 1 ? ` (${o.asked.label})` : ''}`, value: o.v.egress.explanation },
          { title: `Ingress of ${q.toLabel}${shown.length > 1 ? ` (${o.asked.label})` : ''}`, value: o.v.ingress.explanation },
        ])
      : [];
  return { verdict, scope: scopeOf(outcomes, asked, from, to, verdict), lines, notes: [...new Set(notes)], facts, otherEngines, caveats };
}

function toAsked(p: FlowPort): Asked {
  return typeof p.port === 'number' ? { protocol: p.protocol, port: p.port, label: portLabel(p) } : { protocol: p.protocol, unresolved: p.port, servicePort: p.servicePort, label: `Service port ${portLabel(p)}` };
}

export const ENGINE_ASSUMED = (engine: NetworkPolicyEngine, cluster: string) =>
  engine === 'none' ? `${cluster} has no network policy engine: read as the specification says.` : `Answered for ${ENGINE_LABEL[engine]}, the network policy engine of ${cluster}.`;
