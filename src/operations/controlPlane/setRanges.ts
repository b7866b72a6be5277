import { format } from '../../commands/grammar.js';
import { getCluster, putAuthorizedRanges } from '../../azure/clusters.js';
import { AzureError } from '../../azure/errors.js';
import { OP } from '../../approvals/names.js';
import { type ApplyOutcome, type DiffRow, type Operation, type OperationContext, type PlanDraft, StalePlanError } from '../../approvals/types.js';
import { NeedChoice } from '../../clusters/resolve.js';
import type { ClusterInfo, ClusterRef } from '../../domain.js';
import { UserError } from '../../errors.js';
import { formatDuration } from '../../text/durations.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { apiServerReach, assessRangesChange, noPublicAddress } from './exposureChange.js';
import { allows, canonicalRanges, checkRangeList, OUTBOUND_ONLY } from './ranges.js';

export interface SetRangesArgs {
  cluster: ClusterRef;
  mode: 'add' | 'remove' | 'set' | 'disable';
  /** As typed; canonicalised at plan time. */
  ranges: string[];
  durationMs?: number;
  /** The requester's own public IP, when captured through the link. */
  capturedIp?: string;
  /** The requester acknowledged that Palisade loses access. */
  confirm?: boolean;
  /** Set by the timer that removes an expired timed entry. */
  timed?: boolean;
}

export interface RangesState {
  ranges: string[];
}

export function describeRanges(ranges: string[]): string {
  if (ranges.length === 0) return 'none: open to the internet';
  if (ranges.length === 1 && ranges[0] === OUTBOUND_ONLY) return `${OUTBOUND_ONLY} (only the cluster's outbound IP)`;
  return ranges.join(', ');
}

/** "the whole internet", "only the cluster's own outbound IP", "256 public addresses". */
export function reachText(ranges: string[]): string {
  if (ranges.length === 1 && ranges[0] === OUTBOUND_ONLY) return "only the cluster's own outbound IP";
  const reach = apiServerReach(ranges);
  return reach.nobody ? 'no public address (nobody from outside)' : reach.text;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The command that asks for this change again, spelled by the grammar (the lockout guard's "confirm" button). */
function commandFor(args: SetRangesArgs, ranges: string[], confirm?: boolean): string {
  const cluster = args.cluster.name;
  switch (args.mode) {
    case 'add':
      return format({ kind: 'allowlistAdd', ranges, durationMs: args.durationMs, cluster, confirm });
    case 'remove':
      return format({ kind: 'allowlistRemove', ranges, cluster, confirm });
    case 'set':
      return format({ kind: 'ipRangesSet', ranges, cluster, confirm });
    case 'disable':
      return format({ kind: 'ipRangesDisable', cluster });
  }
}

/** The new list, from the current one and the request. */
function nextRanges(args: SetRangesArgs, current: string[], requested: string[], clusterName: string): { next: string[]; replaced: string[] } {
  switch (args.mode) {
    case 'add': {
      const fresh = requested.filter((r) => !current.includes(r));
      if (fresh.length === 0) throw new UserError(`${requested.join(', ')} ${requested.length > 1 ? 'are' : 'is'} already allowed on ${clusterName}.`, '`ip ranges` shows the current list.');
      // Entries that let nobody in (private addresses, outbound-only) are replaced rather than kept beside real ones
      const useless = current.length > 0 && current.every(noPublicAddress) ? current : current.filter((r) => r === OUTBOUND_ONLY);
      return { next: [...current.filter((r) => !useless.includes(r)), ...fresh], replaced: useless };
    }
    case 'remove': {
      const missing = requested.filter((r) => !current.includes(r));
      if (missing.length)
        throw new UserError(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in the authorized ranges of ${clusterName} (${describeRanges(current)}).`, '`ip ranges` shows the current list.');
      const next = current.filter((r) => !requested.includes(r));
      // An expiring entry must not open the API server to everyone: keep it closed to all but the cluster itself
      return { next: next.length === 0 && args.timed ? [OUTBOUND_ONLY] : next, replaced: [] };
    }
    case 'set':
      if (sameSet(requested, current)) throw new UserError(`The authorized ranges of ${clusterName} are already exactly ${describeRanges(current)}.`);
      return { next: requested, replaced: [] };
    case 'disable':
      if (current.length === 0) throw new UserError(`Authorized IP ranges are already off on ${clusterName}: its API server is open to the internet.`);
      return { next: [], replaced: [] };
  }
}

function revertOf(args: SetRangesArgs, current: string[], next: string[]): PlanDraft['revert'] {
  const added = next.filter((r) => !current.includes(r));
  const removed = current.filter((r) => !next.includes(r));
  const base = { cluster: args.cluster };
  if (args.mode === 'add' && removed.length === 0) return { operation: OP.setRanges, args: { ...base, mode: 'remove', ranges: added }, title: `Remove ${added.join(', ')}` };
  if (args.mode === 'remove' && current.length > 0 && added.length === 0)
    return { operation: OP.setRanges, args: { ...base, mode: 'add', ranges: removed }, title: `Allowlist ${removed.join(', ')} again` };
  return current.length
    ? { operation: OP.setRanges, args: { ...base, mode: 'set', ranges: current }, title: `Restore ${describeRanges(current)}` }
    : { operation: OP.setRanges, args: { ...base, mode: 'disable', ranges: [] }, title: 'Open the API server again' };
}

function title(args: SetRangesArgs, requested: string[], name: string): string {
  const timed = args.durationMs ? ` for ${formatDuration(args.durationMs)}` : '';
  switch (args.mode) {
    case 'add':
      return `Allowlist ${requested.join(', ')}${timed} on ${name}`;
    case 'remove':
      return args.timed ? `Remove expired entry ${requested.join(', ')} on ${name}` : `Remove ${requested.join(', ')} from the allowlist on ${name}`;
    case 'set':
      return `Set the authorized IP ranges of ${name} to ${requested.join(', ')}`;
    case 'disable':
      return `Disable authorized IP ranges on ${name}`;
  }
}

/** Edits apiServerAccessProfile.authorizedIPRanges with the lockout guard: GET → plan; approve → GET, PUT If-Match, LRO. */
export const setRangesOperation: Operation<SetRangesArgs, RangesState, RangesState> = {
  name: OP.setRanges,

  async plan(ctx, args) {
    const { info, etag } = await getCluster(ctx.azure, args.cluster);
    const requested = args.mode === 'disable' ? [] : canonicalRanges(args.ranges);
    if (args.mode !== 'disable' && requested.length === 0) throw new UserError('Give at least one IPv4 address or CIDR range.');
    const current = info.authorizedIpRanges;
    const { next, replaced } = nextRanges(args, current, requested, info.name);
    checkRangeList(next, info);

    const exposure = assessRangesChange({ cluster: info.name, current, next, egressIps: ctx.egressIps, implicitDrop: args.mode === 'set' });
    const warnings: string[] = [...exposure.warnings];
    for (const r of next.filter((x) => x !== OUTBOUND_ONLY && noPublicAddress(x)))
      warnings.push(`${r} is a private or reserved address: the public API endpoint never sees it as a source, so it lets nobody outside in.`);
    if (replaced.length) warnings.push(`Replaces ${replaced.join(', ')}, which let nobody in from outside.`);
    const lostPalisade = exposure.lostPalisade;
    if (lostPalisade.length)
      warnings.push(
        `Palisade itself (${lostPalisade.join(', ')}) can no longer connect to the Kubernetes API of ${info.name}: until a range includes it, status, exposure and network-policy commands go through AKS Run Command (slower; needs runCommand/action in Palisade's Azure role).`,
      );
    if (args.capturedIp && !allows(next, args.capturedIp)) warnings.push(`You (${args.capturedIp}) lose access to the API server.`);
    if (args.mode === 'add' && !args.durationMs && args.capturedIp)
      warnings.push('Home and office IPs change: consider `for 8h` so the entry removes itself.');

    if (lostPalisade.length && !args.confirm && !args.timed)
      throw new NeedChoice(
        `This would lock Palisade out of ${info.name}: ${lostPalisade.join(', ')} is not in ${describeRanges(next)}. Palisade could read and change its workloads only through AKS Run Command (slower).`,
        'Confirm explicitly to plan it anyway (it will need a second approver):',
        [{ title: 'Yes, plan it anyway', command: commandFor(args, args.mode === 'disable' ? [] : requested, true) }],
      );

    // An expired entry that was the last range would close the API server to everyone: a person decides that
    const closes = args.timed && sameSet(next, [OUTBOUND_ONLY]) && !sameSet(current, [OUTBOUND_ONLY]);
    if (closes)
      warnings.unshift(
        `${requested.join(', ')} was the last authorized range of ${info.name}: removing it leaves ${OUTBOUND_ONLY}, so nobody outside the cluster (Palisade included) can reach the API server. Reject to keep ${requested.join(', ')}.`,
      );
    const diff: DiffRow[] = [
      { label: 'Authorized IP ranges', before: describeRanges(current), after: describeRanges(next) },
      { label: 'Who can connect', before: reachText(current), after: reachText(next) },
    ];
    if (args.durationMs) diff.push({ label: 'Expires', before: '', after: `${formatDuration(args.durationMs)} after it is applied (removed automatically)` });
    return {
      title: title(args, requested, info.name),
      target: { cluster: info.name, subscriptionId: info.subscriptionId, resourceGroup: info.resourceGroup, resource: 'API server authorized IP ranges' },
      current: { ranges: current } satisfies RangesState,
      desired: { ranges: next } satisfies RangesState,
      diff,
      risk: exposure.risk,
      warnings,
      precondition: { etag },
      revert: revertOf(args, current, next),
      requirements:
        exposure.fourEyes || closes
          ? { fourEyes: exposure.fourEyes ? true : undefined, reason: exposure.fourEyes, askFirst: closes ? `it would leave no authorized range on ${info.name}` : undefined }
          : undefined,
      note: info.outboundIps.length ? `AKS always lets the cluster's own outbound IP in (${info.outboundIps.join(', ')}).` : undefined,
    };
  },

  async apply(ctx, plan, progress) {
    const args = plan.args;
    const desired = plan.desired.ranges;
    const planned = plan.current.ranges;
    let requestId: string | undefined;
    let info: ClusterInfo | undefined;
    for (let attempt = 1; ; attempt++) {
      const live = await getCluster(ctx.azure, args.cluster);
      // Stale means what this plan is about moved; an unrelated cluster change only refreshes the ETag we write with
      if (live.etag !== plan.precondition.etag && !sameSet(live.info.authorizedIpRanges, planned)) {
        const message = `The authorized ranges of ${live.info.name} changed since this plan (now: ${describeRanges(live.info.authorizedIpRanges)}).`;
        // only the first read comes before any write of ours; later ones leave the verdict to live state
        throw attempt === 1 ? new StalePlanError(message, 'Run the command again for a fresh plan.') : new UserError(message, 'Run the command again for a fresh plan.');
      }
      await progress(`Updating the API server access profile of ${live.info.name} (AKS takes up to ~2 minutes)…`);
      try {
        const res = await putAuthorizedRanges(ctx.azure, args.cluster, desired, {
          ifMatch: live.etag,
          updateIntervalInMs: ctx.timings.armPollMs,
          onProgress: (st) => void progress(`AKS is updating ${live.info.name}: ${st.provisioningState ?? st.status}…`),
        });
        requestId = res.requestId;
        info = res.info;
        break;
      } catch (err) {
        if (err instanceof AzureError && err.code === 'OperationNotAllowed' && attempt < 5) {
          const waitMs = ctx.timings.armBusyRetryMs;
          await progress(`Another operation is running on ${live.info.name}; retrying in ${Math.round(waitMs / 1000)} s (attempt ${attempt + 1} of 5)…`);
          await new Promise((r) => setTimeout(r, waitMs));
          continue;
        }
        // A 412 may answer a retry of our own write whose response was lost: live state decides, not the status
        if (err instanceof AzureError && (err.status === 412 || err.code === 'PreconditionFailed'))
          throw new UserError(`${args.cluster.name} changed while this plan was being applied (Azure answered 412 Precondition Failed).`, 'Run the command again for a fresh plan.');
        if (err instanceof AzureError) throw azureFailure(err);
        throw err;
      }
    }
    ctx.clusters.invalidate();
    return outcome(ctx, info, args, plan.createdAt, requestId, desired);
  },

  /** Waits out an update in progress (AKS shows provisioningState Updating), then compares the live ranges with the plan's. */
  async check(ctx, plan) {
    const desired = plan.desired.ranges;
    for (let i = 1; ; i++) {
      const { info } = await getCluster(ctx.azure, plan.args.cluster);
      if (info.provisioningState !== 'Updating') {
        const now = info.authorizedIpRanges;
        if (sameSet(now, desired)) return { state: 'applied', outcome: await outcome(ctx, info, plan.args, plan.createdAt, undefined, desired) };
        return {
          state: 'notApplied',
          live: sameSet(now, plan.current.ranges)
            ? `Nothing was changed: the authorized ranges of ${info.name} are still ${describeRanges(now)}.`
            : `The change is not in place: the authorized ranges of ${info.name} are now ${describeRanges(now)}.`,
        };
      }
      if (i >= ctx.timings.reconcileAttempts) return { state: 'unknown', reason: `${info.name} is still updating (provisioning state Updating)` };
      await new Promise((r) => setTimeout(r, ctx.timings.reconcilePollMs));
    }
  },
};

/** Azure's error in plain words: a refusal (4xx, a failed operation) or a request that failed on the way (5xx, network). */
function azureFailure(err: AzureError): UserError {
  const ref = `${err.code}${err.requestId ? `, request ${err.requestId}` : ''}`;
  const transport = (err.status !== undefined && err.status >= 500) || (err.status === undefined && /^E[A-Z]+$|REQUEST_SEND_ERROR|PARSE_ERROR/.test(err.code));
  return transport
    ? new UserError(`The request to Azure failed: ${err.message} (${ref}).`, 'Try again in a few minutes; `ip ranges` shows the current list.')
    : new UserError(`Azure refused the change: ${err.message} (${ref}).`, 'Fix the cause and run the command again.');
}

async function outcome(ctx: OperationContext, info: ClusterInfo, args: SetRangesArgs, _createdAt: string, requestId: string | undefined, desired: string[]): Promise<ApplyOutcome> {
  const facts = [
    { title: 'Authorized IP ranges (read back)', value: describeRanges(info.authorizedIpRanges) },
    { title: 'Provisioning state', value: info.provisioningState ?? 'unknown' },
  ];
  const reach = await kubeReachable(ctx, info);
  facts.push({ title: 'Kubernetes API from Palisade', value: kubeReachText(reach) });
  if (requestId) facts.push({ title: 'Azure request id', value: requestId });
  const added = desired.filter((r) => args.mode === 'add' && canonicalRanges(args.ranges).includes(r));
  const timers =
    args.mode === 'add' && args.durationMs && added.length
      ? [{
          afterMs: args.durationMs,
          operation: OP.setRanges,
          args: { cluster: args.cluster, mode: 'remove', ranges: added, timed: true } satisfies SetRangesArgs,
          title: `Timed allowlist entry ${added.join(', ')} on ${info.name} expired`,
        }]
      : undefined;
  if (timers) facts.push({ title: 'Expires', value: `in ${formatDuration(args.durationMs!)} (removed automatically)` });
  return {
    summary: `Authorized IP ranges of ${info.name}: ${describeRanges(info.authorizedIpRanges)}.${
      !reach.ok ? ` Palisade can no longer reach its Kubernetes API (${reach.reason}).` : reach.directProblem ? ` Palisade reaches its Kubernetes API only through AKS Run Command now (directly: ${reach.directProblem}).` : ''
    }`,
    facts,
    after: { ranges: info.authorizedIpRanges },
    requestIds: requestId ? [requestId] : [],
    timers,
  };
}

type Reach = { ok: true; directProblem?: string } | { ok: false; reason: string };

/**
 * Can Palisade still talk to the cluster's Kubernetes API, directly or through AKS Run Command? Tried directly first
 * (the ranges just changed); a lockout shows as a network timeout, as in Azure.
 */
export async function kubeReachable(ctx: OperationContext, info: ClusterInfo): Promise<Reach> {
  const egress = ctx.egressIps;
  const blocked = egress.length > 0 && egress.every((ip) => !allows(info.authorizedIpRanges, ip));
  const why = (e: unknown) => (blocked ? `${egress.join(', ')} is not in the authorized ranges` : e instanceof Error ? e.message : String(e));
  try {
    const api = await ctx.kube.for(info, { retryDirect: true });
    await listNamespaces(api);
    return api.route.paths.has('runCommand') ? { ok: true, directProblem: why(api.route.directProblem) } : { ok: true };
  } catch (e) {
    return { ok: false, reason: why(e) };
  }
}

function kubeReachText(reach: Reach): string {
  if (!reach.ok) return `unreachable: ${reach.reason}`;
  return reach.directProblem ? `directly: unreachable (${reach.directProblem}); through AKS Run Command: reachable` : 'reachable';
}
