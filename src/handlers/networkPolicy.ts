import { format, formatOn } from '../commands/grammar.js';
import { UserError } from '../errors.js';
import { sameNamespaceFlow } from '../operations/networkPolicy/endpoints.js';
import { OP } from '../approvals/names.js';
import type { OperationArgs, OperationPlan } from '../operations/index.js';
import type { HandlerContext, HandlerMap } from './types.js';
import { type ClusterInfo, clusterRef } from '../domain.js';
import { listNamespaces } from '../kube/namespaces.js';
import { listNetworkPolicies } from '../kube/networkPolicies.js';
import { listWorkloadTemplates } from '../kube/podTemplates.js';
import { listServices } from '../kube/services.js';
import type { NetworkPolicyInfo, PodInfo } from '../kube/types.js';
import { listPods } from '../kube/workloads.js';
import { isDefaultDeny } from '../posture/assess.js';
import { type AllowFlowArgs } from '../operations/networkPolicy/allowFlow.js';
import { isPalisades, NothingToChange } from '../operations/networkPolicy/changes.js';
import { type Endpoint, evaluate, type SideVerdict, policySelects } from '../operations/networkPolicy/evaluator.js';
import { INTERNET_IN, INTERNET_OUT, podOf, portLabel, type FlowPort, toPolicy, worldOf } from '../operations/networkPolicy/flows.js';
import { PURPOSE_LABEL } from '../operations/networkPolicy/generate.js';
import { isSystemNamespace, kubeFor, kubeRead, readInventory, unknownNamespace } from '../operations/networkPolicy/inventory.js';
import { findNamespace, INTERNET_NAMES, resolveTarget, targetPorts } from '../operations/networkPolicy/resolve.js';
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

/** `in <namespace>` when given; otherwise the one namespace holding both names (or a question). */
async function namespaceFor({ s }: HandlerContext, c: ClusterInfo, names: string[], given: string | undefined, commandIn: (ns: string) => string): Promise<string> {
  if (given) return given;
  const api = await kubeFor(s.kube, c, 'cache');
  const [workloads, services] = await kubeRead(c, () => Promise.all([listWorkloadTemplates(api), listServices(api)]));
  return findNamespace(c.name, workloads, services, names, commandIn);
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

function sideText(v: SideVerdict): string {
  return v.explanation;
}

export const networkPolicyHandlers: HandlerMap<Kinds> = {
  async networkPolicies(cmd, { turn, s }) {
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const api = await kubeFor(s.kube, c, 'cache');
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
    if (cmd.protocol && cmd.protocol !== 'TCP') throw new UserError(`Allow rules for ${cmd.protocol} are not supported yet: Palisade writes TCP rules.`, `Say \`${format({ ...cmd, protocol: undefined })}\` for TCP.`);
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    const ns = await namespaceFor(ctx, c, [cmd.from, cmd.to], cmd.namespace, (n) => format({ ...cmd, namespace: n, cluster: c.name }));
    const args: AllowFlowArgs = { cluster: clusterRef(c), namespace: ns, from: cmd.from, to: cmd.to, port: cmd.port };
    await proposeChange(ctx, OP.allowFlow, args);
  },

  async canReach(original, ctx) {
    const { turn, s } = ctx;
    const cmd = sameNamespaceFlow(original);
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(original, n));
    const ns = await namespaceFor(ctx, c, [cmd.from, cmd.to], cmd.namespace, (n) => format({ ...cmd, namespace: n, cluster: c.name }));
    const inv = await readInventory(await kubeFor(s.kube, c, 'cache'), c, ns);
    const fromInternet = INTERNET_NAMES.has(cmd.from.toLowerCase());
    const toInternet = INTERNET_NAMES.has(cmd.to.toLowerCase());
    const from: Endpoint = fromInternet ? INTERNET_IN : { kind: 'pod', pod: podOf(resolveTarget(inv, cmd.from).workloads[0], inv.pods) };
    let to: Endpoint;
    let ports: FlowPort[];
    if (toInternet) {
      to = INTERNET_OUT;
      ports = [{ protocol: cmd.protocol ?? 'TCP', port: cmd.port ?? 443 }];
    } else {
      const dst = resolveTarget(inv, cmd.to);
      to = { kind: 'pod', pod: podOf(dst.workloads[0], inv.pods) };
      ports = targetPorts(dst, cmd.port);
    }
    if (cmd.protocol) ports = ports.map((p) => ({ ...p, protocol: cmd.protocol! }));
    const world = worldOf(inv);
    const results = ports
      .filter((p): p is FlowPort & { port: number } => typeof p.port === 'number')
      .map((p) => ({ p, v: evaluate({ from, to, port: p.port, protocol: p.protocol }, world) }));
    const allowed = results.filter((r) => r.v.allowed);
    const enforced = c.networkPolicy !== 'none';
    const on = results.map((r) => portLabel(r.p)).join(', ');
    const verdict = allowed.length === results.length ? 'yes' : allowed.length === 0 ? 'no' : 'partly';
    const subject = `${cmd.from} ${verdict === 'no' ? 'cannot reach' : 'can reach'} ${cmd.to}`;
    const title = enforced
      ? `${verdict === 'yes' ? 'Yes' : verdict === 'no' ? 'No' : 'Partly'}: ${subject} on ${verdict === 'partly' ? allowed.map((r) => portLabel(r.p)).join(', ') : on}`
      : `The policies would ${verdict === 'yes' ? 'allow' : verdict === 'no' ? 'block' : 'partly block'} ${cmd.from} → ${cmd.to} on ${on}, but nothing enforces them`;
    const reasons = results.map(({ p, v }) => {
      if (v.allowed) {
        const by = [v.egress.allowedBy, v.ingress.allowedBy].filter(Boolean).map((b) => `${b!.policy} (rule ${b!.rule})`);
        return `${portLabel(p)}: ${by.length ? `allowed by ${by.join(' and ')}` : 'no policy isolates either side'}.`;
      }
      const blocking = [v.egress, v.ingress].filter((x) => !x.allowed).map(sideText);
      return `${portLabel(p)}: blocked: ${blocking.join('; ')}.`;
    });
    const reality = enforced ? '' : ` ${c.name} has no network policy engine, so today ${cmd.from} can reach ${cmd.to} whatever the policies say.`;
    const facts = results.flatMap(({ p, v }) => [
      { title: `Egress of ${cmd.from}${results.length > 1 ? ` (${portLabel(p)})` : ''}`, value: sideText(v.egress) },
      { title: `Ingress of ${cmd.to}${results.length > 1 ? ` (${portLabel(p)})` : ''}`, value: sideText(v.ingress) },
    ]);
    facts.push({ title: 'Namespace', value: ns }, { title: 'Engine', value: enforced ? c.networkPolicy : 'none (not enforced)' });
    await turn.reply({ card: s.cards.facts(title, `${reasons.join(' ')}${reality}`, facts, !enforced ? 'warning' : verdict === 'yes' ? 'good' : 'attention') });
  },
};
