import { format, formatOn } from '../commands/grammar.js';
import type { HandlerContext, HandlerMap } from './types.js';
import { OP } from '../approvals/names.js';
import { clusterRef } from '../domain.js';
import { listIngresses } from '../kube/ingresses.js';
import { listServices } from '../kube/services.js';
import { readExposure } from '../operations/workloads/exposure.js';
import { findService, ingressPaths, kubeRead, requireLoadBalancer } from '../operations/workloads/resolveService.js';

type Kinds = 'exposure' | 'makeInternal' | 'makePublic' | 'restrict' | 'unrestrict';

/** `restrict <svc> to my ip`: check the Service first, then send the one-time link (only ever in a 1:1 chat). */
async function restrictToMyIp(cmd: { service: string; namespace?: string; cluster?: string }, { turn, s }: HandlerContext): Promise<void> {
  const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn({ kind: 'restrict', service: cmd.service, ranges: [], myIp: true, namespace: cmd.namespace }, n));
  const api = await kubeRead(c.name, () => s.kube.for(c, { reads: 'cache' }));
  const svc = await findService(api, c.name, cmd.service, cmd.namespace, (ns) => format({ kind: 'restrict', service: cmd.service, ranges: [], myIp: true, namespace: ns, cluster: c.name }));
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
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => formatOn(cmd, c));
    if (!cmd.service) return void (await turn.reply({ card: s.cards.exposure(await readExposure(s, cluster, cmd.namespace, 'cache')) }));
    // one Service: its own exposure, or why it has none (ClusterIP behind an Ingress, NodePort…)
    const api = await kubeRead(cluster.name, () => s.kube.for(cluster, { reads: 'cache' }));
    const svc = await findService(api, cluster.name, cmd.service, cmd.namespace, (ns) => format({ ...cmd, namespace: ns, cluster: cluster.name }));
    const view = await readExposure(s, cluster, svc.namespace, 'cache');
    if (svc.type !== 'LoadBalancer') requireLoadBalancer(svc, cluster.name, 'expose', view.ingresses, view.services);
    const paths = ingressPaths(svc, view.ingresses, view.services);
    await turn.reply({
      card: s.cards.exposure({ ...view, services: view.services.filter((x) => x.name === svc.name && x.namespace === svc.namespace), ingresses: paths.map((p) => p.ingress) }),
    });
  },

  async makeInternal(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await ctx.propose(OP.setLoadBalancer, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, internal: true, subnet: cmd.subnet });
  },

  async makePublic(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await ctx.propose(OP.setLoadBalancer, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, internal: false });
  },

  async restrict(cmd, ctx) {
    if (cmd.myIp) return restrictToMyIp(cmd, ctx);
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await ctx.propose(OP.setSourceRanges, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, ranges: cmd.ranges });
  },

  async unrestrict(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await ctx.propose(OP.setSourceRanges, { cluster: clusterRef(c), service: cmd.service, namespace: cmd.namespace, ranges: [], clear: true });
  },
};
