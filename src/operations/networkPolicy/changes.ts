import { getCluster } from '../../azure/clusters.js';
import { OP } from '../../approvals/names.js';
import { type ApplyOutcome, type DiffRow, type LiveOutcome, type Operation, type OperationContext, type PlanDraft, type Progress, type Risk, StalePlanError, type StoredPlan } from '../../approvals/types.js';
import { detailLines } from '../../text/lines.js';
import { type ClusterInfo, type ClusterRef, clusterRef, type NetworkPolicyEngine } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { KubeApi } from '../../kube/connect.js';
import { KubeInvalid, KubeNotFound } from '../../kube/errors.js';
import { applyNetworkPolicy, deleteNetworkPolicy, listNetworkPolicies, MANAGED_BY_LABEL, type NetworkPolicyDesired } from '../../kube/networkPolicies.js';
import type { NetworkPolicyInfo } from '../../kube/types.js';
import { evaluate, type Policy, type PolicyWorld, type Verdict } from './evaluator.js';
import { semanticsOf } from './engines.js';
import { type Inventory, inferFlows, namespaceProbes, type Probe, toPolicy, type UnseenService, worldOf } from './flows.js';
import { ALLOW_FLOW, policiesYaml, PURPOSE_LABEL, sameSpec } from './generate.js';
import { kubeFailure } from '../kubeReads.js';
import { kubeFor, kubeRead, readInventory } from './inventory.js';

/** Plan and apply a set of NetworkPolicy writes in one namespace: preview of flows, stale check, dry run, then writes. */

/** The cluster already looks like the request: said plainly, not as a failure. */
export class NothingToChange extends UserError {}

export interface PolicyChangeArgs {
  cluster: ClusterRef;
  namespace: string;
}

interface Snapshot {
  /** Absent: the plan's namespace (plans written before writes could span namespaces). */
  namespace?: string;
  name: string;
  existed: boolean;
  resourceVersion?: string;
  labels?: Record<string, string>;
  spec?: Record<string, unknown>;
}

export interface ChangeCurrent {
  touched: Snapshot[];
  policies: string[];
}

export interface ChangeDesired {
  apply: NetworkPolicyDesired[];
  /** `name` in the plan's namespace, `namespace/name` elsewhere. */
  delete: string[];
  engine: NetworkPolicyEngine;
  unseen?: UnseenService[];
}

export interface ChangeRequest {
  cluster: ClusterInfo;
  inv: Inventory;
  apply: NetworkPolicyDesired[];
  delete: string[];
  title: string;
  note?: string;
  warnings: string[];
  probes: Probe[];
  nothing: { message: string; nextStep?: string };
  /** Set when the direction is known whatever the flows say (removing policies always widens). */
  risk?: Risk;
  requirements?: PlanDraft['requirements'];
  revertTitle: string;
  unseen?: UnseenService[];
  /** Probe labels the requester asked to open: opening them alone is not a widening. */
  requested?: string[];
  /** The revert also removes Palisade's allow rules (see RestoreArgs). */
  revertWithAllowRules?: boolean;
}

export interface RestoreArgs extends PolicyChangeArgs {
  apply: NetworkPolicyDesired[];
  /** `name` in the plan's namespace, `namespace/name` elsewhere. */
  delete: string[];
  title: string;
  /** Undoing zero-trust also removes Palisade's allow rules: without the default deny they would only isolate pods. */
  withAllowRules?: boolean;
}

/** A policy as plans name it: `name` in the plan's namespace, `namespace/name` elsewhere (a policy name never has a slash). */
export function qualified(namespace: string, name: string, home: string): string {
  return namespace === home ? name : `${namespace}/${name}`;
}

export function unqualified(entry: string, home: string): { namespace: string; name: string } {
  const i = entry.indexOf('/');
  return i < 0 ? { namespace: home, name: entry } : { namespace: entry.slice(0, i), name: entry.slice(i + 1) };
}

/** The namespaces a plan writes to, its own first. */
export function namespacesOf(home: string, apply: Array<{ namespace: string }>, del: string[]): string[] {
  return [...new Set([home, ...apply.map((d) => d.namespace), ...del.map((e) => unqualified(e, home).namespace)])];
}

export function isPalisades(p: { labels: Record<string, string> }): boolean {
  return p.labels[MANAGED_BY_LABEL] === 'palisade';
}

function upToDate(live: NetworkPolicyInfo | undefined, d: NetworkPolicyDesired): boolean {
  if (!live || !sameSpec(live.spec, d.spec)) return false;
  return Object.entries({ [MANAGED_BY_LABEL]: 'palisade', ...(d.labels ?? {}) }).every(([k, v]) => live.labels[k] === v);
}

export function engineWarning(c: ClusterInfo): string {
  const cni = c.networkPlugin ? ` (this cluster uses ${c.networkPlugin}${c.networkPlugin === 'kubenet' ? ', which Cilium does not support: that means Azure CNI first' : ''})` : '';
  return (
    `${c.name} has no network policy engine (networkProfile.networkPolicy: none): these policies will be stored but NOT enforced, and every pod can still reach every other pod. ` +
    `Enabling one: Azure Network Policy Manager or Calico can only be chosen when a cluster is created (\`az aks create --network-policy azure|calico\`), so that means a new cluster and moving the workloads (or migrating); ` +
    `Cilium comes with Azure CNI powered by Cilium (\`--network-dataplane cilium\`)${cni}.`
  );
}

function shortName(policy: string, ns: string): string {
  return policy.startsWith(`${ns}/`) ? policy.slice(ns.length + 1) : policy;
}

function allowedBy(v: Verdict, ns: string): string | undefined {
  const by = [v.ingress.allowedBy, v.egress.allowedBy].find(Boolean);
  return by ? `allowed by ${shortName(by.policy, ns)}` : undefined;
}

export interface FlowPreview {
  rows: DiffRow[];
  kept: number;
  blocked: number;
  opened: number;
  openedUnrequested: number;
}

/** Every probe before and after: kept, newly blocked and newly allowed flows become rows; flows blocked either way are left out. */
export function previewFlows(probes: Probe[], before: PolicyWorld, after: PolicyWorld, opts: { namespace: string; enforced: boolean; requested?: string[]; engine?: NetworkPolicyEngine }): FlowPreview {
  const semantics = semanticsOf(opts.engine ?? 'none');
  const kept: DiffRow[] = [];
  const opened: DiffRow[] = [];
  const blocked: DiffRow[] = [];
  let openedUnrequested = 0;
  const beforeText = (ok: boolean) => (ok ? 'allowed' : 'blocked');
  for (const p of probes) {
    const conn = { from: p.from, to: p.to, port: p.port, protocol: p.protocol };
    const b = evaluate(conn, before, semantics);
    const a = evaluate(conn, after, semantics);
    const today = opts.enforced ? beforeText(b.allowed) : 'allowed (not enforced)';
    if (b.allowed && a.allowed) kept.push({ label: p.label, before: today, after: `kept: ${p.keptWhy ?? allowedBy(a, opts.namespace) ?? 'no policy isolates it'}` });
    else if (b.allowed) blocked.push({ label: p.label, before: today, after: opts.enforced ? 'BLOCKED' : 'blocked once enforced' });
    else if (a.allowed) {
      const requested = opts.requested?.includes(p.label) ?? false;
      if (!requested) openedUnrequested++;
      opened.push({ label: p.label, before: today, after: `ALLOWED: ${requested ? 'requested' : (allowedBy(a, opts.namespace) ?? 'no longer isolated')}` });
    }
  }
  const seen = new Set<string>();
  const uniq = (rows: DiffRow[]) =>
    rows.filter((r) => {
      const k = `${r.label}|${r.before}|${r.after}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const k = uniq(kept);
  const o = uniq(opened);
  const bl = uniq(blocked);
  return { rows: [...k, ...o, ...bl], kept: k.length, blocked: bl.length, opened: o.length, openedUnrequested };
}

/** Builds the plan: only writes that change something; refuses to overwrite policies Palisade does not own. */
export function planChange(req: ChangeRequest): ChangeDraft {
  const ns = req.inv.namespace;
  const key = (namespace: string, name: string) => qualified(namespace, name, ns);
  const spaces = namespacesOf(ns, req.apply, req.delete);
  const existing = req.inv.policies.filter((p) => spaces.includes(p.namespace));
  const byKey = new Map(existing.map((p) => [key(p.namespace, p.name), p]));
  for (const d of req.apply) {
    const live = byKey.get(key(d.namespace, d.name));
    if (live && !isPalisades(live))
      throw new UserError(`A NetworkPolicy named ${d.name} already exists in ${d.namespace} and was not created by Palisade.`, `Rename or delete it (\`kubectl delete networkpolicy ${d.name} -n ${d.namespace}\`) and run the command again.`);
  }
  const applies = req.apply.filter((d) => !upToDate(byKey.get(key(d.namespace, d.name)), d));
  const deletes = req.delete.filter((e) => byKey.has(key(unqualified(e, ns).namespace, unqualified(e, ns).name)));
  if (applies.length === 0 && deletes.length === 0) throw new NothingToChange(req.nothing.message, req.nothing.nextStep);

  const touched: Snapshot[] = [...applies.map((d) => key(d.namespace, d.name)), ...deletes].map((k) => {
    const { namespace, name } = unqualified(k, ns);
    const at = namespace === ns ? {} : { namespace };
    const live = byKey.get(k);
    return live ? { ...at, name, existed: true, resourceVersion: live.resourceVersion, labels: live.labels, spec: live.spec } : { ...at, name, existed: false };
  });
  const before = worldOf(req.inv);
  const replaced = new Set([...applies.map((d) => key(d.namespace, d.name)), ...deletes]);
  const afterPolicies: Policy[] = [
    ...before.policies.filter((p) => !replaced.has(key(p.namespace, p.name))),
    ...applies.map((d) => toPolicy({ namespace: d.namespace, name: d.name, labels: d.labels ?? {}, spec: d.spec, uid: '', resourceVersion: '', podSelector: {}, policyTypes: [] })),
  ];
  const enforced = req.cluster.networkPolicy !== 'none';
  const preview = previewFlows(req.probes, before, { ...before, policies: afterPolicies }, { namespace: ns, enforced, requested: req.requested, engine: req.cluster.networkPolicy });
  const risk: Risk = req.risk ?? (preview.openedUnrequested > 0 ? 'widens' : preview.blocked > 0 ? 'narrows' : 'neutral');

  const diff: DiffRow[] = [...preview.rows];
  const created = applies.filter((d) => !byKey.has(key(d.namespace, d.name)));
  const updated = applies.filter((d) => byKey.has(key(d.namespace, d.name)));
  const inSpace = (list: Array<{ namespace: string; name: string }>, space: string) => list.filter((d) => d.namespace === space).map((d) => d.name);
  const deleted = deletes.map((e) => unqualified(e, ns));
  for (const space of spaces) {
    const c = inSpace(created, space);
    const u = inSpace(updated, space);
    const x = inSpace(deleted, space);
    if (c.length) diff.push({ label: `NetworkPolicies to create in ${space}`, before: '', after: c.join(', ') });
    if (u.length) diff.push({ label: `NetworkPolicies to update in ${space}`, before: u.join(', '), after: 'updated (server-side apply)' });
    if (x.length) diff.push({ label: `NetworkPolicies to delete in ${space}`, before: x.join(', '), after: 'deleted' });
  }

  const warnings = [...(enforced ? [] : [engineWarning(req.cluster)]), ...req.warnings];
  const yaml = applies.length ? policiesYaml(applies) : '';
  const details = [
    applies.length ? `# Applied server-side (field manager palisade), labelled ${MANAGED_BY_LABEL}=palisade:\n${yaml}` : '',
    deletes.length ? `# Deleted: ${deletes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const counts = `Flows: ${preview.kept} kept, ${preview.blocked} blocked${preview.opened ? `, ${preview.opened} newly allowed` : ''}${enforced ? '' : ' (what the policies decide; nothing enforces them)'}.`;
  const revertArgs: RestoreArgs = {
    cluster: clusterRef(req.cluster),
    namespace: ns,
    apply: touched.filter((t) => t.existed).map((t) => ({ namespace: t.namespace ?? ns, name: t.name, labels: withoutManaged(t.labels ?? {}), spec: t.spec ?? {} })),
    delete: created.map((d) => key(d.namespace, d.name)),
    title: req.revertTitle,
    withAllowRules: req.revertWithAllowRules,
  };
  const where = spaces.length > 1 ? spaces.join(' and ') : ns;
  return {
    title: req.title,
    target: { cluster: req.cluster.name, subscriptionId: req.cluster.subscriptionId, resourceGroup: req.cluster.resourceGroup, namespace: ns, resource: `NetworkPolicies in ${where}` },
    current: { touched, policies: existing.map((p) => key(p.namespace, p.name)) } satisfies ChangeCurrent,
    desired: { apply: applies, delete: deletes, engine: req.cluster.networkPolicy, unseen: req.unseen } satisfies ChangeDesired,
    diff,
    risk,
    warnings,
    precondition: { resourceVersion: touched.map((t) => `${key(t.namespace ?? ns, t.name)}=${t.resourceVersion ?? 'absent'}`).join(',') },
    revert: { operation: OP.restorePolicies, args: revertArgs, title: req.revertTitle },
    requirements: req.requirements,
    details: details ? detailLines(details).join('\n') : undefined,
    note: [req.note, counts].filter(Boolean).join(' '),
    // a big namespace must still fit one card: the YAML goes first, then flows; the policy rows stay
    fit: { rowsNoun: 'flow(s)', pinnedRows: diff.length - preview.rows.length, detailsMore: `\`kubectl get networkpolicy -n ${ns} -o yaml\` after applying` },
  };
}

function withoutManaged(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== MANAGED_BY_LABEL));
}

function names(list: string[]): string {
  return list.length ? list.join(', ') : 'none';
}

/** What every network-policy plan records, whatever its operation's arguments. */
export type ChangeDraft = PlanDraft<ChangeCurrent, ChangeDesired>;
export type ChangePlan<Args extends PolicyChangeArgs = PolicyChangeArgs> = StoredPlan<Args, ChangeCurrent, ChangeDesired>;
export type PolicyOperation<Args extends PolicyChangeArgs> = Operation<Args, ChangeCurrent, ChangeDesired>;

/** Each namespace's live policies, keyed as plans name them. */
async function livePolicies(api: KubeApi, home: string, spaces: string[]): Promise<Map<string, NetworkPolicyInfo>> {
  const lists = await Promise.all(spaces.map((space) => listNetworkPolicies(api, space)));
  return new Map(lists.flat().map((p) => [qualified(p.namespace, p.name, home), p]));
}

function spacesOfPlan(plan: ChangePlan): string[] {
  return namespacesOf(plan.args.namespace, plan.desired.apply, [...plan.desired.delete, ...plan.current.touched.map((t) => qualified(t.namespace ?? plan.args.namespace, t.name, plan.args.namespace))]);
}

async function outcome(api: KubeApi, plan: ChangePlan, note?: string): Promise<ApplyOutcome> {
  const desired = plan.desired;
  const ns = plan.args.namespace;
  const spaces = spacesOfPlan(plan);
  const ours = [...(await livePolicies(api, ns, spaces)).entries()].filter(([, p]) => isPalisades(p)).map(([k]) => k);
  const where = spaces.length > 1 ? spaces.join(' and ') : ns;
  const facts = [
    ...(desired.apply.length ? [{ title: 'Applied (server-side, field manager palisade)', value: desired.apply.map((d) => qualified(d.namespace, d.name, ns)).join(', ') }] : []),
    ...(desired.delete.length ? [{ title: 'Deleted', value: desired.delete.join(', ') }] : []),
    { title: `Palisade's policies in ${where} (read back)`, value: names(ours) },
    { title: 'Enforced', value: desired.engine === 'none' ? `no: ${plan.target.cluster} has no network policy engine` : `yes (${desired.engine})` },
  ];
  return {
    summary: `${note ? `${note} ` : ''}${desired.apply.length} NetworkPolicy(ies) applied and ${desired.delete.length} deleted in ${where} on ${plan.target.cluster}.`,
    facts,
    after: { policies: ours },
    requestIds: [],
  };
}

/** Re-reads, refuses a stale plan, validates every write with a server-side dry run, then writes. */
export async function applyChange(ctx: OperationContext, plan: ChangePlan, progress: Progress): Promise<ApplyOutcome> {
  const { namespace: ns } = plan.args;
  const { desired, current } = plan;
  const cluster = plan.args.cluster;
  const api = await kubeRead(cluster, () => ctx.kube.for(cluster));
  const live = await kubeRead(cluster, () => livePolicies(api, ns, spacesOfPlan(plan)));
  for (const t of current.touched) {
    const space = t.namespace ?? ns;
    const now = live.get(qualified(space, t.name, ns));
    const wanted = desired.apply.find((d) => d.namespace === space && d.name === t.name);
    const movedOn = t.existed ? now?.resourceVersion !== t.resourceVersion : now !== undefined && !(wanted && upToDate(now, wanted));
    if (movedOn) throw new StalePlanError(`NetworkPolicy ${t.name} in ${space} changed since this plan.`, 'Run the command again for a fresh plan.');
  }
  try {
    await progress(`Validating ${desired.apply.length} NetworkPolicy(ies) with a server-side dry run…`);
    for (const d of desired.apply) await applyNetworkPolicy(api, d, { dryRun: true });
  } catch (e) {
    if (e instanceof KubeInvalid)
      throw new UserError(`Kubernetes rejected a policy: ${e.message}${e.causes.length ? ` (${e.causes.map((c) => `${c.field}: ${c.message}`).join('; ')})` : ''}.`, 'Fix the cause and run the command again.');
    if (e instanceof KubeNotFound) throw new UserError(`A namespace of this plan (${spacesOfPlan(plan).join(', ')}) no longer exists on ${cluster.name}.`, 'Run the command again if it comes back.');
    throw kubeFailure(cluster.name, 'write access to NetworkPolicies', e);
  }
  const done: string[] = [];
  try {
    await progress(`Applying ${desired.apply.length} and deleting ${desired.delete.length} NetworkPolicy(ies) in ${spacesOfPlan(plan).join(', ')}…`);
    for (const d of desired.apply) {
      await applyNetworkPolicy(api, d);
      done.push(qualified(d.namespace, d.name, ns));
    }
    for (const entry of desired.delete) {
      const { namespace, name } = unqualified(entry, ns);
      try {
        await deleteNetworkPolicy(api, namespace, name);
      } catch (e) {
        if (!(e instanceof KubeNotFound)) throw e; // already gone is what we wanted
      }
      done.push(`-${entry}`);
    }
  } catch (e) {
    if (done.length === 0) throw kubeFailure(cluster.name, 'write access to NetworkPolicies', e);
    throw new UserError(
      `Stopped part-way in ${ns}: ${done.join(', ')} done, then ${e instanceof Error ? e.message : String(e)}.`,
      'Run the command again: it writes only what is still missing.',
    );
  }
  return outcome(api, plan);
}

/** The change landed if every applied policy matches and every deleted one is gone; nothing changed if every touched one is as the plan saw it. */
export async function checkChange(ctx: OperationContext, plan: ChangePlan): Promise<LiveOutcome> {
  const { desired, current } = plan;
  const ns = plan.args.namespace;
  const cluster = plan.args.cluster;
  const api = await kubeRead(cluster, () => ctx.kube.for(cluster));
  const live = await kubeRead(cluster, () => livePolicies(api, ns, spacesOfPlan(plan)));
  const gone = (entry: string) => !live.has(qualified(unqualified(entry, ns).namespace, unqualified(entry, ns).name, ns));
  const applied = (d: (typeof desired.apply)[number]) => upToDate(live.get(qualified(d.namespace, d.name, ns)), d);
  const inPlace = [...desired.apply.filter(applied).map((d) => qualified(d.namespace, d.name, ns)), ...desired.delete.filter(gone).map((e) => `-${e}`)];
  const missing = [...desired.apply.filter((d) => !applied(d)).map((d) => qualified(d.namespace, d.name, ns)), ...desired.delete.filter((e) => !gone(e)).map((e) => `-${e}`)];
  if (missing.length === 0) return { state: 'applied', outcome: await outcome(api, plan, 'Confirmed from live state.') };
  const untouched = current.touched.every((t) => {
    const now = live.get(qualified(t.namespace ?? ns, t.name, ns));
    return t.existed ? now?.resourceVersion === t.resourceVersion : now === undefined;
  });
  const where = spacesOfPlan(plan).join(' and ');
  if (untouched) return { state: 'notApplied', live: `Nothing was changed: the NetworkPolicies of ${where} are as this plan found them.` };
  if (inPlace.length === 0) return { state: 'notApplied', live: `The change is not in place: the NetworkPolicies of ${where} changed since this plan (${names([...live.keys()])}).` };
  return { state: 'partial', live: `Partly applied in ${where}: ${inPlace.join(', ')} in place; ${missing.join(', ')} not (a leading "-" means deleted).` };
}

export async function readTarget(ctx: OperationContext, args: PolicyChangeArgs): Promise<{ info: ClusterInfo; inv: Inventory; api: KubeApi }> {
  const { info } = await getCluster(ctx.azure, args.cluster);
  const api = await kubeFor(ctx.kube, info);
  return { info, inv: await readInventory(api, info, args.namespace), api };
}

/** The inverse of an applied change: put back what it replaced, delete what it created. */
export const restoreOperation: PolicyOperation<RestoreArgs> = {
  name: OP.restorePolicies,
  async plan(ctx, args) {
    const { info, inv } = await readTarget(ctx, args);
    const allowRules = args.withAllowRules ? inv.policies.filter((p) => p.namespace === args.namespace && isPalisades(p) && p.labels[PURPOSE_LABEL] === ALLOW_FLOW).map((p) => p.name) : [];
    return planChange({
      cluster: info,
      inv,
      apply: args.apply,
      delete: [...args.delete, ...allowRules.filter((n) => !args.delete.includes(n))],
      warnings: allowRules.length ? [`Also removes Palisade's allow rules (${allowRules.join(', ')}): without the default deny they would only isolate the pods they select.`] : [],
      title: `${args.title} on ${info.name}`,
      probes: namespaceProbes(inv, inferFlows(inv)),
      nothing: { message: `The NetworkPolicies in ${args.namespace} on ${info.name} are already as they were: nothing to change.`, nextStep: `\`network policies ${args.namespace} on ${info.name}\` shows them.` },
      revertTitle: `Reverse: ${args.title}`,
    });
  },
  apply: applyChange,
  check: checkChange,
};
