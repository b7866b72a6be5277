import type { HandlerContext, HandlerMap } from '../../commands/registry.js';
import type { ClusterInfo, ClusterRef } from '../../domain.js';
import { listIngresses } from '../../kube/ingresses.js';
import { listServices } from '../../kube/services.js';
import { sendCaptureLink } from '../controlPlane/capture.js';
import { exposureCard, readExposure } from './exposure.js';
import { SET_LOAD_BALANCER, type SetLoadBalancerArgs } from './makeInternal.js';
import { findService, ingressPaths, kubeRead, requireLoadBalancer } from './resolveService.js';
import { format, formatOn } from '../../commands/grammar.js';
import { SET_SOURCE_RANGES, type SetSourceRangesArgs } from './restrict.js';

type Kinds = 'exposure' | 'makeInternal' | 'makePublic' | 'restrict' | 'unrestrict';

function ref(c: ClusterInfo): ClusterRef {
  return { subscriptionId: c.subscriptionId, resourceGroup: c.resourceGroup, name: c.name };
}

async function propose({ turn, s }: HandlerContext, operation: string, args: SetLoadBalancerArgs | SetSourceRangesArgs): Promise<void> {
  await s.engine.propose({ operation, args, requester: turn.person, conversation: turn.conversation });
}

/** `restrict <svc> to my ip`: check the Service first, then send the one-time link (only ever in a 1:1 chat). */
async function restrictToMyIp(cmd: { service: string; namespace?: string; cluster?: string }, { turn, s }: HandlerContext): Promise<void> {
  const c = await s.clusters.resolve(turn, cmd.cluster, (n) => formatOn({ kind: 'restrict', service: cmd.service, ranges: [], myIp: true, namespace: cmd.namespace }, n));
  const api = await kubeRead(c.name, () => s.kube.for(c));
  const svc = await findService(api, c.name, cmd.service, cmd.namespace, (ns) => format({ kind: 'restrict', service: cmd.service, ranges: [], myIp: true, namespace: ns, cluster: c.name }));
  const [services, ingresses] = await kubeRead(c.name, () => Promise.all([listServices(api), listIngresses(api)]));
  requireLoadBalancer(svc, c.name, 'restrict', ingresses, services);
  await sendCaptureLink(
    s,
    turn,
    {
      operation: SET_SOURCE_RANGES,
      args: { cluster: ref(c), service: svc.name, namespace: svc.namespace } satisfies Omit<SetSourceRangesArgs, 'ranges'>,
      description: `restrict ${svc.name} to your IP on ${c.name}`,
    },
    { facts: [{ title: 'Service', value: `${svc.namespace}/${svc.name} on ${c.name}` }], askAgain: `restrict ${svc.name} to my ip` },
  );
}

export const workloadHandlers: HandlerMap<Kinds> = {
  async exposure(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => formatOn(cmd, c));
    if (!cmd.service) return void (await turn.reply({ card: exposureCard(s, await readExposure(s, cluster, cmd.namespace)) }));
    // one Service: its own exposure, or why it has none (ClusterIP behind an Ingress, NodePort…)
    const api = await kubeRead(cluster.name, () => s.kube.for(cluster));
    const svc = await findService(api, cluster.name, cmd.service, cmd.namespace, (ns) => format({ ...cmd, namespace: ns, cluster: cluster.name }));
    const view = await readExposure(s, cluster, svc.namespace);
    if (svc.type !== 'LoadBalancer') requireLoadBalancer(svc, cluster.name, 'expose', view.ingresses, view.services);
    const paths = ingressPaths(svc, view.ingresses, view.services);
    await turn.reply({
      card: exposureCard(s, { ...view, services: view.services.filter((x) => x.name === svc.name && x.namespace === svc.namespace), ingresses: paths.map((p) => p.ingress) }),
    });
  },

  async makeInternal(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, SET_LOAD_BALANCER, { cluster: ref(c), service: cmd.service, namespace: cmd.namespace, internal: true, subnet: cmd.subnet });
  },

  async makePublic(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, SET_LOAD_BALANCER, { cluster: ref(c), service: cmd.service, namespace: cmd.namespace, internal: false });
  },

  async restrict(cmd, ctx) {
    if (cmd.myIp) return restrictToMyIp(cmd, ctx);
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, SET_SOURCE_RANGES, { cluster: ref(c), service: cmd.service, namespace: cmd.namespace, ranges: cmd.ranges });
  },

  async unrestrict(cmd, ctx) {
    const c = await ctx.s.clusters.resolve(ctx.turn, cmd.cluster, (n) => formatOn(cmd, n));
    await propose(ctx, SET_SOURCE_RANGES, { cluster: ref(c), service: cmd.service, namespace: cmd.namespace, ranges: [], clear: true });
  },
};
