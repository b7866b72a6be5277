import { getPricing, listPricings, setContainersPlan, type DefenderPlan } from '../../azure/defender.js';
import { OP } from '../../approvals/names.js';
import { type ApplyOutcome, type DiffRow, type Operation, type OperationContext, StalePlanError } from '../../approvals/types.js';
import { UserError } from '../../errors.js';
import { clustersIn, defenderCall } from './scope.js';

export type ContainersTier = 'Standard' | 'Free';

export interface SetContainersPlanArgs {
  subscriptionId: string;
  /** Display name when Azure told one at plan time; cards say "Production (2222…)", the id stays the key. */
  subscriptionName?: string;
  tier: ContainersTier;
}

/** "Production (22222222-…)", or the id alone when no name is known. */
function subscriptionLabel(args: Pick<SetContainersPlanArgs, 'subscriptionId' | 'subscriptionName'>): string {
  const { subscriptionId: id, subscriptionName: name } = args;
  return name && name !== id ? `${name} (${id})` : id;
}

export interface TierState {
  tier: ContainersTier;
}

const SCANNING_ON = 'on: registry images scanned by MDVM (new images within 24 h, daily rescans)';
const SCANNING_OFF = 'off: images are not scanned';

function label(tier: ContainersTier): string {
  return tier === 'Standard' ? 'Standard (on)' : 'Free (off)';
}

function enablementText(plan: DefenderPlan): string {
  return plan.enablementTime ? `${plan.enablementTime.slice(0, 16).replace('T', ' ')} UTC` : 'not reported';
}

async function outcome(ctx: OperationContext, args: SetContainersPlanArgs, plan: DefenderPlan): Promise<ApplyOutcome> {
  const facts = [
    { title: 'Defender for Containers (read back)', value: plan.tier },
    { title: 'Subscription', value: subscriptionLabel(args) },
  ];
  if (plan.tier === 'Standard') {
    facts.push({ title: 'Enabled since', value: enablementText(plan) });
    facts.push({ title: 'First scan results', value: 'within 24 h in Azure; say "vulnerabilities" to check' });
  }
  const clusters = await clustersIn(ctx.clusters, args.subscriptionId);
  if (clusters.length) facts.push({ title: 'Clusters covered', value: clusters.join(', ') });
  return {
    summary: `Defender for Containers in subscription ${subscriptionLabel(args)} is ${plan.tier === 'Standard' ? 'on (Standard)' : 'off (Free)'}.`,
    facts,
    after: { tier: plan.tier },
    requestIds: [],
  };
}

/** Turns the subscription-wide Defender for Containers plan on or off: GET pricing → plan; approve → GET, PUT, GET. */
export const setContainersPlanOperation: Operation<SetContainersPlanArgs, TierState, TierState> = {
  name: OP.setContainersPlan,

  async plan(ctx, args) {
    const sub = args.subscriptionId;
    const named = subscriptionLabel(args);
    const plans = await defenderCall(sub, 'read', () => listPricings(ctx.azure, sub));
    const current = plans.find((p) => p.name === 'Containers');
    if (!current) throw new UserError(`Azure lists no Defender for Containers plan in subscription ${sub}.`, 'Check that the Microsoft.Security resource provider is registered there.');
    const enable = args.tier === 'Standard';
    if (current.tier === args.tier)
      throw new UserError(
        enable ? `Defender for Containers is already on in subscription ${named} (since ${enablementText(current)}).` : `Defender for Containers is already off in subscription ${named}.`,
        enable ? 'Say "vulnerabilities" to see what it found.' : 'Say "defender status" to see all plans.',
      );
    const clusters = await clustersIn(ctx.clusters, sub);
    const covered = clusters.length ? `${clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters.join(', ')} and every container registry` : 'every cluster and container registry';
    const warnings: string[] = [];
    if (enable) {
      warnings.push(`Billed per vCore: each core of the AKS nodes in subscription ${sub} is charged hourly while the plan is on.`);
      warnings.push(`Subscription-wide: it covers ${covered} in the subscription, not only this cluster.`);
      warnings.push('The first scan results can take up to 24 hours.');
      const legacy = plans.filter((p) => p.deprecated && p.tier === 'Standard');
      if (legacy.length) warnings.push(`The deprecated plan(s) ${legacy.map((p) => p.name).join(', ')} are still on; Containers replaces them.`);
    } else {
      warnings.push(`Stops vulnerability scanning and runtime threat detection for ${covered} in subscription ${sub}.`);
      warnings.push('Existing findings stop being refreshed; new images are no longer scanned.');
    }
    const diff: DiffRow[] = [
      { label: 'Defender for Containers', before: label(current.tier), after: label(args.tier) },
      { label: 'Image vulnerability scanning', before: current.tier === 'Standard' ? SCANNING_ON : SCANNING_OFF, after: enable ? SCANNING_ON : SCANNING_OFF },
      { label: 'Billing', before: current.tier === 'Standard' ? 'per vCore of AKS nodes' : 'none for this plan', after: enable ? 'per vCore of AKS nodes' : 'none for this plan' },
    ];
    return {
      title: `${enable ? 'Enable' : 'Disable'} Defender for Containers in subscription ${named}`,
      target: { subscriptionId: sub, resource: 'Microsoft Defender for Containers plan' },
      current: { tier: current.tier } satisfies TierState,
      desired: { tier: args.tier } satisfies TierState,
      diff,
      risk: enable ? 'narrows' : 'widens',
      warnings,
      // Pricings carry no ETag: the tier this plan saw is its precondition
      precondition: { etag: current.tier },
      revert: {
        operation: OP.setContainersPlan,
        args: { subscriptionId: sub, subscriptionName: args.subscriptionName, tier: current.tier } satisfies SetContainersPlanArgs,
        title: current.tier === 'Standard' ? 'Turn Defender for Containers on again' : 'Turn Defender for Containers off again',
      },
      note: 'Defender plans are set per subscription (Microsoft.Security/pricings/Containers).',
    };
  },

  async apply(ctx, plan, progress) {
    const { subscriptionId: sub, tier } = plan.args;
    const live = await defenderCall(sub, 'read', () => getPricing(ctx.azure, sub, 'Containers'));
    if (live.tier !== plan.precondition.etag)
      throw new StalePlanError(`Defender for Containers in subscription ${sub} changed since this plan (it was ${plan.precondition.etag}, now ${live.tier}).`);
    await progress(`Setting Defender for Containers to ${tier} in subscription ${sub}…`);
    const readBack = await defenderCall(sub, 'change', () => setContainersPlan(ctx.azure, sub, tier));
    if (readBack.tier !== tier)
      throw new UserError(`Azure accepted the change, but the plan reads back as ${readBack.tier}.`, 'Say "defender status" in a minute; if it stays, set the plan in the Azure portal.');
    return outcome(ctx, plan.args, readBack);
  },

  async check(ctx, plan) {
    const sub = plan.args.subscriptionId;
    const live = await defenderCall(sub, 'read', () => getPricing(ctx.azure, sub, 'Containers'));
    if (live.tier === plan.args.tier) return { state: 'applied', outcome: await outcome(ctx, plan.args, live) };
    return { state: 'notApplied', live: `${live.tier === plan.current.tier ? 'Nothing was changed' : 'The change is not in place'}: Defender for Containers in subscription ${sub} is ${label(live.tier)}.` };
  },
};
