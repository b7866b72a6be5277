import { format, formatOn } from '../commands/grammar.js';
import { UserError } from '../errors.js';
import { parseEndpoint, resolvePair, type ResolvedEnd, type TypedEndpoint } from '../operations/networkPolicy/endpoints.js';
import { answerReach, ENGINE_ASSUMED, type ReachAnswer, type ReachQuestion } from '../operations/networkPolicy/reach.js';
import { ENGINE_LABEL } from '../operations/networkPolicy/engines.js';
import { OP } from '../approvals/names.js';
import type { OperationArgs, OperationPlan } from '../operations/index.js';
import type { HandlerContext, HandlerMap } from './types.js';
import { type ClusterInfo, clusterRef } from '../domain.js';
import { listNamespaces } from '../kube/namespaces.js';
import { listNetworkPolicies } from '../kube/networkPolicies.js';
import { routeText } from '../kube/transport/route.js';
import type { NetworkPolicyInfo, PodInfo } from '../kube/types.js';
import { listPods } from '../kube/workloads.js';
import { isDefaultDeny } from '../posture/assess.js';
import { type AllowFlowArgs } from '../operations/networkPolicy/allowFlow.js';
import { isPalisades, NothingToChange } from '../operations/networkPolicy/changes.js';
import { policySelects } from '../operations/networkPolicy/evaluator.js';
import { toPolicy } from '../operations/networkPolicy/flows.js';
import { PURPOSE_LABEL } from '../operations/networkPolicy/generate.js';
import { isSystemNamespace, kubeFor, kubeRead, readClusterView, unknownNamespace } from '../operations/networkPolicy/inventory.js';
import { refText, targetLabel } from '../operations/networkPolicy/resolve.js';
import { type ZeroTrustArgs } from '../operations/networkPolicy/zeroTrust.js';

type PolicyOperationName = typeof OP.zeroTrust | typeof OP.removeZeroTrust | typeof OP.allowFlow;

type Kinds = 'networkPolicies' | 'zeroTrust' | 'removeZeroTrust' | 'allowFlow' | 'canReach';

/** Proposes a plan; "nothing to change" is an answer, not an error. */
async function proposeChange<N extends PolicyOperationName>({ turn, s, propose }: HandlerContext, operation: N, args: OperationArgs<N>): Promise<OperationPlan<N> | undefined> {
  try {
    return await propose(operation, args);
  } catch (e) {
    if (!(e instanceof NothingToChange)) throw e;
    await turn.reply({ card: s.cards.facts('Nothing to change', e.message, e.nextStep ? [{ title: 'Next', value: e.nextStep }] : [], 'good') });
    return undefined;
  }
}

function policyLabel(p: NetworkPolicyInfo): string {
  if (!isPalisades(p)) return p.name;
  return `${p.name} (Palisade${p.labels[PURPOSE_LABEL] ? `: ${p.labels[PURPOSE_LABEL]}` : ''})`;
}

function denyText(policies: NetworkPolicyInfo[], direction: 'Ingress' | 'Egress'): string {
  const deny = policies.filter((p) => isDefaultDeny(p, direction));
  if (!deny.length) return 'no';
  const dns = direction === 'Egress' && deny.every((p) => ((p.spec as { egress?: unknown[] }).egress ?? []).length > 0);
  return `yes${dns ? ', DNS allowed' : ''} (${deny.map((p) => p.name).join(', ')})`;
}

function list(names: string[], max = 6): string {
  if (names.length === 0) return 'none';
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

function unselectedPods(pods: PodInfo[], policies: NetworkPolicyInfo[]): string[] {
  return pods.filter((p) => !policies.some((pol) => policySelects(toPolicy(pol), { namespace: p.namespace, name: p.name, labels: p.labels }))).map((p) => p.name);
}

function engineText(c: ClusterInfo): string {
  return c.networkPolicy === 'none'
    ? `${c.name} has no network policy engine: NetworkPolicies are stored but not enforced, so every pod can reach every other pod.`
    : `${c.name} enforces NetworkPolicies with ${c.networkPolicy}.`;
}

/** An end as typed, moved to a namespace (for the choice between namespaces). */
function qualifiedRef(e: TypedEndpoint, ns: string): string {
  return e.kind === 'named' ? refText({ ...e.ref, namespace: ns }) : e.kind === 'internet' ? 'internet' : e.text;
}

function kindTyped(e: TypedEndpoint) {
  return e.kind === 'named' ? e.ref.kind : undefined;
}

const VERDICT_WORD = { yes: 'Yes', no: 'No', partly: 'Partly', 'cannot tell': 'Cannot tell' } as const;

function reachTitle(a: ReachAnswer, q: ReachQuestion, c: ClusterInfo): string {
  if (a.verdict === 'cannot tell') return `Cannot tell whether ${q.fromLabel} can reach ${q.toLabel}`;
  if (c.networkPolicy === 'none') return `The policies would ${a.verdict === 'no' ? 'block' : 'allow'} ${q.fromLabel} → ${q.toLabel} ${a.scope}, but nothing enforces them`;
  return `${VERDICT_WORD[a.verdict]}: ${q.fromLabel} ${a.verdict === 'no' ? 'cannot reach' : 'can reach'} ${q.toLabel} ${a.scope}`;
}

function reachText(a: ReachAnswer, q: ReachQuestion, c: ClusterInfo): string {
  const reality = c.networkPolicy === 'none' ? `${c.name} has no network policy engine, so today ${q.fromLabel} can reach ${q.toLabel} whatever the policies say.` : '';
  return [...a.lines, ...a.notes, reality, ENGINE_ASSUMED(c.networkPolicy, c.name), ...a.otherEngines, ...a.caveats].filter(Boolean).join(' ');
}

function endFact(e: ResolvedEnd): string {
  if (!e.target) return e.end.kind === 'internet' ? 'the internet (any public address)' : `${e.text} (outside the cluster)`;
  const t = e.target;
  const behind = t.kind === 'Service' ? `Service → ${t.workloads.map((w) => `${w.kind} ${w.name}`).join(', ')}` : t.kind;
  return `${t.namespace}/${t.name} (${behind})`;
}

function reachFacts(a: ReachAnswer, ends: { from: ResolvedEnd; to: ResolvedEnd }, c: ClusterInfo) {
  const engine = c.networkPolicy === 'none' ? 'none (policies not enforced)' : `${ENGINE_LABEL[c.networkPolicy]}${c.networkDataplane ? ` (dataplane ${c.networkDataplane})` : ''}`;
  return [...a.facts, { title: 'From', value: endFact(ends.from) }, { title: 'To', value: endFact(ends.to) }, { title: 'Engine', value: engine }];
}

function reachStyle(a: ReachAnswer, c: ClusterInfo): 'good' | 'attention' | 'warning' {
  if (c.networkPolicy === 'none' || a.verdict === 'cannot tell') return 'warning';
  return a.verdict === 'yes' ? 'good' : 'attention';
}

export const networkPolicyHandlers: HandlerMap<Kinds> = {
  async networkPolicies(cmd, { turn, s }) {
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const api = await kubeFor(s.kube, c);
    const namespaces = await kubeRead(c, () => listNamespaces(api));
    if (cmd.namespace && !namespaces.some((n) => n.name === cmd.namespace)) throw unknownNamespace(cmd.namespace, c.name, namespaces.map((n) => n.name));
    const [policies, pods] = await kubeRead(c, () => Promise.all([listNetworkPolicies(api, cmd.namespace), listPods(api, cmd.namespace)]));
    const shown = cmd.namespace ? [cmd.namespace] : namespaces.map((n) => n.name).filter((n) => !isSystemNamespace(n) || policies.some((p) => p.namespace === n));
    const facts = [{ title: 'Engine', value: c.networkPolicy === 'none' ? 'none (policies not enforced)' : c.networkPolicy }];
    for (const ns of shown) {
      const here = policies.filter((p) => p.namespace === ns);
      facts.push(
        { title: `${ns}: policies`, value: here.length ? here.map(policyLabel).join(', ') : 'none' },
        { title: `${ns}: default deny`, value: `ingress ${denyText(here, 'Ingress')} · egress ${denyText(here, 'Egress')}` },
        { title: `${ns}: pods no policy selects`, value: list(unselectedPods(pods.filter((p) => p.namespace === ns), here)) },
      );
    }
    const via = routeText(api.route);
    if (via) facts.push({ title: 'Kubernetes', value: `read ${via}` });
    const open = shown.filter((ns) => !policies.some((p) => p.namespace === ns && isDefaultDeny(p, 'Ingress')) && !isSystemNamespace(ns));
    const text = `${engineText(c)}${open.length ? ` Without a default deny: ${open.join(', ')} (try \`zero-trust ${open[0]} on ${c.name}\`).` : ''}`;
    await turn.reply({ card: s.cards.facts(`Network policies on ${c.name}${cmd.namespace ? ` in ${cmd.namespace}` : ''}`, text, facts, c.networkPolicy === 'none' ? 'warning' : open.length ? 'default' : 'good') });
  },

  async zeroTrust(cmd, ctx) {
    const { turn, s } = ctx;
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const args: ZeroTrustArgs = { cluster: clusterRef(c), namespace: cmd.namespace, force: cmd.force };
    const plan = await proposeChange(ctx, OP.zeroTrust, args);
    const unseen = plan?.desired.unseen ?? [];
    const options = unseen
      .flatMap((u) => u.candidates.map((cand) => ({ title: unseen.length > 1 ? `Allow ${cand.workload} → ${u.service}` : `Allow from ${cand.workload}`, command: format({ kind: 'allowFlow', from: cand.workload, to: u.service, namespace: cmd.namespace, cluster: c.name }) })))
      .slice(0, 6);
    if (!options.length) return;
    const first = unseen[0];
    const hint = first.candidates[0] ? ` Likely caller: ${first.candidates[0].workload} (${first.candidates[0].reason}).` : '';
    await turn.reply({
      card: s.cards.choice(
        unseen.length === 1 ? `${first.service} has no caller I can see` : `${unseen.map((u) => u.service).join(', ')} have no caller I can see`,
        `Its address is probably in a Secret, which Palisade never reads, so zero-trust blocks all traffic to ${unseen.length === 1 ? 'it' : 'them'}.${hint} Once the zero-trust plan is applied, allow the caller:`,
        options,
      ),
    });
  },

  async removeZeroTrust(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await proposeChange(ctx, OP.removeZeroTrust, { cluster: clusterRef(c), namespace: cmd.namespace });
  },

  async allowFlow(cmd, ctx) {
    const { turn, s } = ctx;
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const view = await readClusterView(await kubeFor(s.kube, c), c);
    const typed = { from: parseEndpoint(cmd.from), to: parseEndpoint(cmd.to) };
    for (const e of [typed.from, typed.to])
      if (e.kind !== 'named') throw new UserError('`allow` writes rules between workloads of the cluster: name a workload (or its Service) on both sides.', 'Traffic from outside reaches pods behind a LoadBalancer Service or an Ingress: `zero-trust` keeps those flows.');
    const ends = resolvePair(view, typed.from, typed.to, cmd.namespace, (end, ns) => format({ ...cmd, [end]: qualifiedRef(typed[end], ns), cluster: c.name }));
    const from = ends.from.target!;
    const to = ends.to.target!;
    const args: AllowFlowArgs = {
      cluster: clusterRef(c),
      namespace: from.namespace,
      from: refText({ kind: kindTyped(typed.from), name: from.name }),
      to: refText({ kind: kindTyped(typed.to), name: to.name }),
      ...(to.namespace !== from.namespace ? { toNamespace: to.namespace } : {}),
      port: cmd.port,
      ...(cmd.protocol ? { protocol: cmd.protocol } : {}),
    };
    await proposeChange(ctx, OP.allowFlow, args);
  },

  async canReach(cmd, ctx) {
    const { turn, s } = ctx;
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const api = await kubeFor(s.kube, c);
    const view = await readClusterView(api, c);
    const typed = { from: parseEndpoint(cmd.from), to: parseEndpoint(cmd.to) };
    const ends = resolvePair(view, typed.from, typed.to, cmd.namespace, (end, ns) => format({ ...cmd, [end]: qualifiedRef(typed[end], ns), cluster: c.name }));
    // names relative to each other: `ns/name` only when the two ends live in different namespaces
    const across = ends.from.namespace !== undefined && ends.to.namespace !== undefined && ends.from.namespace !== ends.to.namespace;
    const label = (e: typeof ends.from) => (e.target && across && e.text === e.target.name ? targetLabel(e.target) : e.text);
    const question = { from: ends.from.end, to: ends.to.end, fromLabel: label(ends.from), toLabel: label(ends.to), port: cmd.port, protocol: cmd.protocol };
    const a = answerReach({ view, question });
    const via = routeText(api.route);
    const facts = [...reachFacts(a, ends, c), ...(via ? [{ title: 'Kubernetes', value: `read ${via}` }] : [])];
    await turn.reply({ card: s.cards.facts(reachTitle(a, question, c), reachText(a, question, c), facts, reachStyle(a, c)) });
  },
};
