import { UserError } from '../../errors.js';
import { OP } from '../../approvals/names.js';
import type { ServiceInfo } from '../../kube/types.js';
import { applyChange, type PolicyOperation, planChange, type PolicyChangeArgs, readTarget, checkChange } from './changes.js';
import { evaluate } from './evaluator.js';
import { semanticsOf } from './engines.js';
import { type Inventory, inferFlows, namespaceProbes, podOf, targetOf, workloadsBehind, worldOf } from './flows.js';
import { PURPOSE_LABEL, ZERO_TRUST, zeroTrustPolicies } from './generate.js';
import { isSystemNamespace } from './inventory.js';

export interface ZeroTrustArgs extends PolicyChangeArgs {
  force: boolean;
}

/** Someone already declared who may call this Service: a policy other than zero-trust's admits a pod of this cluster to it. */
function declaredCaller(inv: Inventory, svc: ServiceInfo): boolean {
  const world = worldOf(inv);
  world.policies = world.policies.filter((p) => p.labels?.[PURPOSE_LABEL] !== ZERO_TRUST);
  const locals = inv.workloads.filter((w) => w.namespace === inv.namespace);
  return workloadsBehind(svc, locals).some((dest) =>
    svc.ports.some((sp) => {
      const t = targetOf(sp, dest);
      if (typeof t.port !== 'number') return false;
      return locals
        .filter((src) => src.name !== dest.name)
        .some((src) => {
          const v = evaluate({ from: { kind: 'pod', pod: podOf(src, inv.pods) }, to: { kind: 'pod', pod: podOf(dest, inv.pods) }, port: t.port as number, protocol: t.protocol }, world, semanticsOf(inv.engine));
          return v.ingress.isolated && v.ingress.allowed;
        });
    }),
  );
}

/** Default deny in and out (DNS kept) plus the allow rules the namespace needs, previewed flow by flow. */
export const zeroTrustOperation: PolicyOperation<ZeroTrustArgs> = {
  name: OP.zeroTrust,

  async plan(ctx, args) {
    const ns = args.namespace;
    const system = isSystemNamespace(ns);
    if (system && !args.force)
      throw new UserError(
        `${ns} is a system namespace: a default deny there can cut off DNS, the CNI, metrics and AKS add-ons for the whole cluster, so I don't do it by default.`,
        `If you really mean it, say \`zero-trust ${ns} force on ${args.cluster.name}\`: it will need a second approver.`,
      );
    const { info, inv } = await readTarget(ctx, args);
    const inference = inferFlows(inv, { declared: (svc) => declaredCaller(inv, svc) });
    const desired = zeroTrustPolicies(ns, inference.flows);
    const wanted = new Set(desired.map((d) => d.name));
    // earlier zero-trust policies no longer generated (their workload went away) go, so re-runs converge
    const obsolete = inv.policies.filter((p) => p.namespace === ns && p.labels[PURPOSE_LABEL] === ZERO_TRUST && !wanted.has(p.name)).map((p) => p.name);
    const warnings = [
      ...inference.unseen.map(
        (u) =>
          `${u.service} has no caller I can see (its address may be in a Secret, which Palisade never reads): all traffic to it will be blocked.${
            u.candidates.length
              ? ` Likely caller: ${u.candidates[0].workload} (${u.candidates[0].reason}); once this is applied, allow it with the button below.`
              : ` If something calls it, allow it once this is applied: \`allow <workload> to ${u.service} in ${ns} on ${args.cluster.name}\`.`
          }`,
      ),
      ...inference.notes,
      ...(system ? [`${ns} is a system namespace (forced): check DNS, the CNI and AKS add-ons right after applying.`] : []),
    ];
    const allows = desired.length - 1;
    const draft = planChange({
      cluster: info,
      inv,
      apply: desired,
      delete: obsolete,
      title: `Zero-trust for ${ns} on ${info.name}`,
      note: `Default deny for ingress and egress on every pod of ${ns}, DNS to kube-dns kept, ${allows ? `plus ${allows} allow polic${allows === 1 ? 'y' : 'ies'} for the flows below` : 'and no allow rule (no flow to keep)'}. Palisade never reads Secrets.`,
      warnings,
      probes: namespaceProbes(inv, inference),
      nothing: {
        message: `Zero-trust is already in place in ${ns} on ${info.name}: the policies Palisade would create exist and match. Nothing to change.`,
        nextStep: `\`network policies ${ns} on ${info.name}\` shows them; \`can <a> reach <b> on ${info.name}\` checks a flow.`,
      },
      requirements: system ? { fourEyes: true, reason: 'system namespace' } : undefined,
      revertTitle: `Undo zero-trust in ${ns}`,
      revertWithAllowRules: true,
      unseen: inference.unseen,
    });
    // a default deny also covers pods that do not exist yet: it narrows even when no flow changes today
    return draft.risk === 'neutral' ? { ...draft, risk: 'narrows' } : draft;
  },

  apply: applyChange,
  check: checkChange,
};
