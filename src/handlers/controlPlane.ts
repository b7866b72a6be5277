import { formatOn } from '../commands/grammar.js';
import type { HandlerContext, HandlerMap } from './types.js';
import { OP } from '../approvals/names.js';
import { getCluster } from '../azure/clusters.js';
import { formatDuration } from '../text/durations.js';
import { utcClock } from '../text/time.js';
import { clusterRef } from '../domain.js';
import { IPV4_ENDPOINT, reachOf } from '../exposure/addressSpace.js';
import { allows } from '../operations/controlPlane/ranges.js';
import { describeRanges, type SetRangesArgs } from '../operations/controlPlane/setRanges.js';

type Kinds = 'ipRanges' | 'allowlistAdd' | 'allowlistMyIp' | 'allowlistRemove' | 'ipRangesSet' | 'ipRangesDisable' | 'privateCluster';

async function propose({ propose }: HandlerContext, args: SetRangesArgs): Promise<void> {
  await propose(OP.setRanges, args);
}

export const controlPlaneHandlers: HandlerMap<Kinds> = {
  async ipRanges(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const { info } = await getCluster(s.azure, cluster);
    const timers = (await s.engine.pendingTimers()).filter((t) => t.cluster === info.name);
    const now = Date.now();
    const facts = [
      { title: 'API server', value: info.isPrivate ? `private (${info.privateFqdn ?? 'no public FQDN'})` : `public: ${info.fqdn ?? 'unknown FQDN'}` },
      { title: 'Authorized ranges', value: info.isPrivate ? 'not applicable (private cluster)' : describeRanges(info.authorizedIpRanges) },
      { title: "Cluster's outbound IPs (always allowed)", value: info.outboundIps.join(', ') || info.outboundIpIds.map((id) => id.split('/').pop()).join(', ') || 'unknown' },
      ...timers.map((t) => ({ title: `Timed: ${(t.args as SetRangesArgs).ranges.join(', ')}`, value: `removed in ${formatDuration(Date.parse(t.dueAt) - now)} (${utcClock(t.dueAt)})` })),
      ...s.config.network.egressIps.map((ip) => ({ title: `Palisade (${ip})`, value: allows(info.authorizedIpRanges, ip) ? 'allowed' : 'NOT allowed: Palisade cannot reach the Kubernetes API' })),
    ];
    const reach = reachOf(info.authorizedIpRanges, IPV4_ENDPOINT);
    const open = !info.isPrivate && reach.wholeInternet;
    await turn.reply({
      card: s.cards.facts(
        `Who can reach the API server of ${info.name}`,
        open
          ? `${info.authorizedIpRanges.length ? `The authorized ranges cover every public address` : 'Authorized IP ranges are off'}: anyone on the internet can connect to the API server. Try \`allowlist my ip for 8h\`${info.authorizedIpRanges.length ? ' and remove the wide ranges' : ''}.`
          : info.isPrivate
            ? 'Only networks connected to the cluster VNet can reach it.'
            : `Only these ranges (and the cluster itself) can connect: ${reach.nobody ? 'no public address' : reach.text}.`,
        facts,
        open ? 'attention' : 'good',
      ),
    });
  },

  async allowlistAdd(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, { cluster: clusterRef(c), mode: 'add', ranges: cmd.ranges, durationMs: cmd.durationMs, confirm: cmd.confirm });
  },

  async allowlistRemove(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, { cluster: clusterRef(c), mode: 'remove', ranges: cmd.ranges, confirm: cmd.confirm });
  },

  async ipRangesSet(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, { cluster: clusterRef(c), mode: 'set', ranges: cmd.ranges, confirm: cmd.confirm });
  },

  async ipRangesDisable(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, { cluster: clusterRef(c), mode: 'disable', ranges: [] });
  },

  async allowlistMyIp(cmd, { turn, s }) {
    const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    if (c.isPrivate) {
      await turn.reply({ card: s.cards.userError(`${c.name} is a private cluster: authorized IP ranges do not apply.`, 'Reach it from its VNet instead.') });
      return;
    }
    await s.captures.send(
      turn,
      {
        operation: OP.setRanges,
        args: { cluster: clusterRef(c), mode: 'add', durationMs: cmd.durationMs, confirm: true },
        description: `allowlist your IP on ${c.name}`,
      },
      { facts: [{ title: 'Cluster', value: c.name }], askAgain: 'allowlist my ip' },
    );
  },

  async privateCluster(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn(cmd, n));
    const { info } = await getCluster(s.azure, cluster);
    const facts = [
      { title: 'API server', value: info.isPrivate ? 'private' : 'public' },
      ...(info.privateFqdn ? [{ title: 'Private FQDN', value: info.privateFqdn }] : []),
      ...(info.fqdn ? [{ title: 'Public FQDN', value: info.fqdn }] : []),
      { title: 'Authorized ranges', value: info.isPrivate ? 'not applicable' : describeRanges(info.authorizedIpRanges) },
    ];
    const text = info.isPrivate
      ? `${info.name} is a private cluster: its API server has a private IP in the cluster's VNet and no public endpoint. Only networks connected to that VNet (peering, VPN, ExpressRoute, a jump box, or \`az aks command invoke\`) can reach it.`
      : `${info.name} has a public API server. An existing cluster cannot simply be switched to private. The real options: (1) enable API Server VNet Integration, which projects the API server into a delegated subnet and can then be made private; (2) create a new private cluster and move the workloads. Until then, limit who can connect with authorized IP ranges (\`allowlist my ip\`).`;
    await turn.reply({ card: s.cards.facts(`Is ${info.name} private? ${info.isPrivate ? 'Yes' : 'No'}`, text, facts, info.isPrivate ? 'good' : 'warning') });
  },
};
