import { OP } from '../../approvals/names.js';
import { applyChange, type PolicyOperation, isPalisades, planChange, type PolicyChangeArgs, readTarget, checkChange } from './changes.js';
import { inferFlows, namespaceProbes } from './flows.js';

/** Deletes every policy Palisade created in a namespace (zero-trust and allow rules); other policies stay. */
export const removeZeroTrustOperation: PolicyOperation<PolicyChangeArgs> = {
  name: OP.removeZeroTrust,

  async plan(ctx, args) {
    const ns = args.namespace;
    const { info, inv } = await readTarget(ctx, args);
    const ours = inv.policies.filter((p) => p.namespace === ns && isPalisades(p)).map((p) => p.name);
    const others = inv.policies.filter((p) => p.namespace === ns && !isPalisades(p)).map((p) => p.name);
    return planChange({
      cluster: info,
      inv,
      apply: [],
      delete: ours,
      title: `Remove zero-trust from ${ns} on ${info.name}`,
      note: `Deletes the ${ours.length} NetworkPolic${ours.length === 1 ? 'y' : 'ies'} Palisade created in ${ns}.${others.length ? ` Policies Palisade did not create stay: ${others.join(', ')}.` : ''}`,
      warnings: [`Pods in ${ns} lose their default deny: any pod, including a compromised one, can reach them again.`],
      probes: namespaceProbes(inv, inferFlows(inv)),
      nothing: { message: `There are no NetworkPolicies created by Palisade in ${ns} on ${info.name}: nothing to remove.`, nextStep: `\`network policies ${ns} on ${info.name}\` shows what is there.` },
      // deleting policies can only let more through
      risk: 'widens',
      revertTitle: `Restore zero-trust in ${ns}`,
    });
  },

  apply: applyChange,
  check: checkChange,
};
