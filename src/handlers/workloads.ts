import type { HandlerContext, HandlerMap } from './types.js';
import { OP } from '../approvals/names.js';
import { clusterRef } from '../domain.js';
import { listIngresses } from '../kube/ingresses.js';
import { listServices } from '../kube/services.js';
import { readExposure } from '../operations/workloads/exposure.js';
import { findService, kubeRead, requireLoadBalancer } from '../operations/workloads/resolveService.js';

type Kinds = 'exposure' | 'makeInternal' | 'makePublic' | 'restrict' | 'unrestrict';

function inNs(namespace: string | undefined): string {
  return namespace ? ` in ${namespace}` : '';
}

/** `restrict <svc> to my ip`: check the Service first, then send the one-time link (only ever in a 1:1 chat). */
async function restrictToMyIp(cmd: { service: string; namespace?: string; cluster?: string }, { turn, s }: HandlerContext): Promise<void> {
  const c = await s.clusters.resolve(turn, cmd.cluster, (n) => `restrict ${cmd.service} to my ip${inNs(cmd.namespace)} on ${n}`);
  const api = await kubeRead(c.name, () => s.kube.for(c, { reads: 'cache' }));
  const svc = await findService(api, c.name, cmd.service, cmd.namespace, (ns) => `restrict ${cmd.service} to my ip in ${ns} on ${c.name}`);
  const [services, ingresses] = await kubeRead(c.name, () => Promise.all([listServices(api), listIngresses(api)]));
  requireLoadBalancer(svc, c.name, 'restrict', ingresses, services);
  await s.captures.send(
    turn,
    {
      operation: OP.setSourceRanges,
      args: { cluster: clusterRef(c), service: svc.name, namespace: svc.namespace },
      description: `restrict ${svc.name} to your IP on ${c.name}`,
    },
    { facts: [{ title: 'Service', value: `${svc.namespace}/${svc.name} on ${c.name}` }], askAgain: `restrict ${svc.name} to my ip` },
  );
}

export const workloadHandlers: HandlerMap<Kinds> = {
  async exposure(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => `exposure${inNs(cmd.namespace)} on ${c}`);
    const view = await readExposure(s, cluster, cmd.namespace, 'cache');
    await turn.reply({ card: s.cards.exposure(view) });
  },

  async makeInternal(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => `make ${cmd.service} internal${cmd.subnet ? ` subnet ${cmd.subnet}` : ''}${inNs(cmd.namespace)} on ${n}`);
    await ctx.propose(OP.setLoadBalancer, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, internal: true, subnet: cmd.subnet });
  },

  async makePublic(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => `make ${cmd.service} public${inNs(cmd.namespace)} on ${n}`);
    await ctx.propose(OP.setLoadBalancer, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, internal: false });
  },

  async restrict(cmd, ctx) {
    if (cmd.myIp) return restrictToMyIp(cmd, ctx);
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => `restrict ${cmd.service} to ${cmd.ranges.join(', ')}${inNs(cmd.namespace)} on ${n}`);
    await ctx.propose(OP.setSourceRanges, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, ranges: cmd.ranges });
  },

  async unrestrict(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => `unrestrict ${cmd.service}${inNs(cmd.namespace)} on ${n}`);
    await ctx.propose(OP.setSourceRanges, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, ranges: [], clear: true });
  },
};
