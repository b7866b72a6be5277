import { UserError } from '../../errors.js';
import { OP } from '../../approvals/names.js';
import { applyChange, type PolicyOperation, NothingToChange, planChange, type PolicyChangeArgs, readTarget, checkChange } from './changes.js';
import { evaluate, type Protocol } from './evaluator.js';
import { semanticsOf } from './engines.js';
import { type FlowPort, inferFlows, namespaceProbes, podOf, portLabel, type Probe, worldOf } from './flows.js';
import { allowFlowPolicies } from './generate.js';
import { readInventory } from './inventory.js';
import { INTERNET_NAMES, parseRef, resolveIn, type Target, targetLabel, targetPorts } from './resolve.js';

export interface AllowFlowArgs extends PolicyChangeArgs {
  /** A workload or Service of `namespace` (the source's namespace): `name` or `kind/name`. */
  from: string;
  /** A workload or Service of `toNamespace` (default: `namespace`). */
  to: string;
  /** Set when the destination is in another namespace. */
  toNamespace?: string;
  port?: number;
  protocol?: Protocol;
}

function portsText(ports: FlowPort[]): string {
  return ports.map(portLabel).join(', ');
}

/** The ports to open on the destination: a number it does not declare is allowed (said so); no port at all is a question. */
function portsToOpen(dst: Target, port: number | undefined, protocol: Protocol | undefined): { ports: FlowPort[]; warnings: string[] } {
  const asked = targetPorts(dst, port, protocol);
  if (asked.anyPort) throw new UserError(`${dst.name} declares no ${protocol ? `${protocol} ` : ''}port and no Service points at one.`, 'Say which port to open, e.g. `on 8080`.');
  const named = asked.ports.filter((p) => typeof p.port === 'string');
  const ports = asked.ports.filter((p) => typeof p.port === 'number');
  const warnings = [
    ...asked.notes,
    ...named.map((p) => `Service port ${p.servicePort} of ${dst.name} targets the port named "${p.port}", which no container of ${dst.name} declares: nothing to open for it.`),
  ];
  if (ports.length === 0) throw new UserError(`No port of ${dst.name} to open: ${warnings.join(' ')}`, 'Say which port to open, e.g. `on 8080`.');
  return { ports, warnings };
}

/** `allow A to B`: a rule only on the sides a policy already isolates; a rule on an open side would isolate it and cut its other traffic. */
export const allowFlowOperation: PolicyOperation<AllowFlowArgs> = {
  name: OP.allowFlow,

  async plan(ctx, args) {
    const fromNs = args.namespace;
    const toNs = args.toNamespace ?? args.namespace;
    if (INTERNET_NAMES.has(args.from.toLowerCase()) || INTERNET_NAMES.has(args.to.toLowerCase()))
      throw new UserError('`allow` works between workloads of the cluster.', 'Traffic from outside reaches pods behind a LoadBalancer Service or an Ingress: `zero-trust` keeps those flows.');
    if (args.from === args.to && fromNs === toNs) throw new UserError(`${args.from} talking to itself needs no rule: a pod always reaches itself.`);
    const { info, inv, api } = await readTarget(ctx, args);
    const src = resolveIn(inv, fromNs, parseRef(args.from));
    const dst = resolveIn(inv, toNs, parseRef(args.to));
    const across = fromNs !== toNs;
    const fromLabel = across ? targetLabel(src) : src.name;
    const toLabel = across ? targetLabel(dst) : dst.name;
    const { ports, warnings } = portsToOpen(dst, args.port, args.protocol);
    const world = worldOf(inv);
    const semantics = semanticsOf(info.networkPolicy);
    const name = (w: { namespace: string; name: string }) => (across ? `${w.namespace}/${w.name}` : w.name);
    const requested: Probe[] = [];
    for (const s of src.workloads)
      for (const d of dst.workloads)
        for (const p of ports)
          requested.push({ label: `${name(s)} → ${name(d)} (${portLabel(p)})`, from: { kind: 'pod', pod: podOf(s, inv.pods) }, to: { kind: 'pod', pod: podOf(d, inv.pods) }, port: p.port as number, protocol: p.protocol, keptWhy: 'requested', involves: [s.name, d.name] });
    const verdicts = requested.map((r) => evaluate(r, world, semantics));
    const needEgress = verdicts.some((v) => !v.egress.allowed);
    const needIngress = verdicts.some((v) => !v.ingress.allowed);
    const where = across ? `on ${info.name}` : `in ${fromNs} on ${info.name}`;
    if (!needEgress && !needIngress) {
      const isolated = verdicts.some((v) => v.egress.isolated || v.ingress.isolated);
      const why = verdicts[0] ? `egress: ${verdicts[0].egress.explanation}; ingress: ${verdicts[0].ingress.explanation}` : '';
      throw new NothingToChange(
        `${fromLabel} can already reach ${toLabel} on ${portsText(ports)} ${where} (${why}). Nothing to change.`,
        isolated
          ? `\`can ${fromLabel} reach ${toLabel} on ${info.name}\` explains it.`
          : `An allow rule only matters once a policy isolates them: apply \`zero-trust ${isolatedHint(fromNs, toNs)} on ${info.name}\` first, then allow this flow.`,
      );
    }
    const desired = src.workloads.flatMap((s) => dst.workloads.flatMap((d) => allowFlowPolicies(s, d, ports, { egress: needEgress, ingress: needIngress })));
    const involved = new Set([...src.workloads, ...dst.workloads].map((w) => w.name));
    const otherInv = across ? await readInventory(api, info, toNs) : undefined;
    const related = [inv, ...(otherInv ? [otherInv] : [])].flatMap((i) => namespaceProbes(i, inferFlows(i)).filter((p) => p.involves.some((n) => involved.has(n))));
    const sides = [needEgress ? `an egress rule on ${fromLabel}${across ? ` (in ${fromNs})` : ''}` : '', needIngress ? `an ingress rule on ${toLabel}${across ? ` (in ${toNs})` : ''}` : ''].filter(Boolean).join(' and ');
    const skipped = !needEgress ? ` ${fromLabel}'s egress already allows it, so it needs no egress rule.` : !needIngress ? ` ${toLabel}'s ingress already allows it, so it needs no ingress rule.` : '';
    return planChange({
      cluster: info,
      inv,
      apply: desired,
      delete: [],
      title: `Allow ${fromLabel} → ${toLabel} (${portsText(ports)}) ${where}`,
      note: `Adds ${sides}, labelled as Palisade's.${across ? ` Each side names the other by namespace (kubernetes.io/metadata.name) and pod labels.` : ''}${skipped}`,
      warnings,
      probes: [...requested, ...related],
      requested: requested.map((r) => r.label),
      nothing: { message: `The rules allowing ${fromLabel} to reach ${toLabel} already exist ${where}. Nothing to change.` },
      revertTitle: `Undo: allow ${fromLabel} → ${toLabel}${across ? '' : ` in ${fromNs}`}`,
    });
  },

  apply: applyChange,
  check: checkChange,
};

function isolatedHint(fromNs: string, toNs: string): string {
  return fromNs === toNs ? fromNs : toNs;
}
