import { UserError } from '../../errors.js';
import { OP } from '../../approvals/names.js';
import { applyChange, type PolicyOperation, NothingToChange, planChange, type PolicyChangeArgs, readTarget, reconcileChange } from './changes.js';
import { evaluate } from './evaluator.js';
import { type FlowPort, inferFlows, namespaceProbes, podOf, portLabel, type Probe, worldOf } from './flows.js';
import { allowFlowPolicies } from './generate.js';
import { INTERNET_NAMES, resolveTarget, targetPorts } from './resolve.js';

export interface AllowFlowArgs extends PolicyChangeArgs {
  from: string;
  to: string;
  port?: number;
}

function portsText(ports: FlowPort[]): string {
  return ports.map(portLabel).join(', ');
}

/** `allow A to B`: a rule only on the sides a policy already isolates; a rule on an open side would isolate it and cut its other traffic. */
export const allowFlowOperation: PolicyOperation<AllowFlowArgs> = {
  name: OP.allowFlow,

  async plan(ctx, args) {
    const ns = args.namespace;
    if (INTERNET_NAMES.has(args.from.toLowerCase()) || INTERNET_NAMES.has(args.to.toLowerCase()))
      throw new UserError('`allow` works between workloads of one namespace.', 'Traffic from outside reaches pods behind a LoadBalancer Service or an Ingress: `zero-trust` keeps those flows.');
    if (args.from === args.to) throw new UserError(`${args.from} talking to itself needs no rule: a pod always reaches itself.`);
    const { info, inv } = await readTarget(ctx, args);
    const src = resolveTarget(inv, args.from);
    const dst = resolveTarget(inv, args.to);
    const ports = targetPorts(dst, args.port);
    const world = worldOf(inv);
    const requested: Probe[] = [];
    for (const s of src.workloads)
      for (const d of dst.workloads)
        for (const p of ports)
          if (typeof p.port === 'number')
            requested.push({ label: `${s.name} → ${d.name} (${portLabel(p)})`, from: { kind: 'pod', pod: podOf(s, inv.pods) }, to: { kind: 'pod', pod: podOf(d, inv.pods) }, port: p.port, protocol: p.protocol, keptWhy: 'requested', involves: [s.name, d.name] });
    const verdicts = requested.map((r) => evaluate(r, world));
    const needEgress = verdicts.some((v) => !v.egress.allowed) || requested.length === 0;
    const needIngress = verdicts.some((v) => !v.ingress.allowed) || requested.length === 0;
    if (!needEgress && !needIngress) {
      const isolated = verdicts.some((v) => v.egress.isolated || v.ingress.isolated);
      const why = verdicts[0] ? `egress: ${verdicts[0].egress.explanation}; ingress: ${verdicts[0].ingress.explanation}` : '';
      throw new NothingToChange(
        `${args.from} can already reach ${args.to} on ${portsText(ports)} in ${ns} on ${info.name} (${why}). Nothing to change.`,
        isolated
          ? `\`can ${args.from} reach ${args.to} on ${info.name}\` explains it.`
          : `An allow rule only matters once a policy isolates them: apply \`zero-trust ${ns} on ${info.name}\` first, then allow this flow.`,
      );
    }
    const desired = src.workloads.flatMap((s) => dst.workloads.flatMap((d) => allowFlowPolicies(ns, s, d, ports, { egress: needEgress, ingress: needIngress })));
    const names = new Set([...src.workloads, ...dst.workloads].map((w) => w.name));
    const related = namespaceProbes(inv, inferFlows(inv)).filter((p) => p.involves.some((n) => names.has(n)));
    const sides = [needEgress ? `an egress rule on ${args.from}` : '', needIngress ? `an ingress rule on ${args.to}` : ''].filter(Boolean).join(' and ');
    const skipped = !needEgress ? ` ${args.from}'s egress already allows it, so it needs no egress rule.` : !needIngress ? ` ${args.to}'s ingress already allows it, so it needs no ingress rule.` : '';
    return planChange({
      cluster: info,
      inv,
      apply: desired,
      delete: [],
      title: `Allow ${args.from} → ${args.to} (${portsText(ports)}) in ${ns} on ${info.name}`,
      note: `Adds ${sides}, labelled as Palisade's.${skipped}`,
      warnings: [],
      probes: [...requested, ...related],
      requested: requested.map((r) => r.label),
      nothing: { message: `The rules allowing ${args.from} to reach ${args.to} already exist in ${ns} on ${info.name}. Nothing to change.` },
      revertTitle: `Undo: allow ${args.from} → ${args.to} in ${ns}`,
    });
  },

  apply: applyChange,
  reconcile: reconcileChange,
};
