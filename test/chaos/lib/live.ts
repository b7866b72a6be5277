import { CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import type { Sandbox } from '@palisade/sandbox';
import type { StoredPlan } from '../../../src/approvals/types.js';
import type { Palisade } from '../../../src/palisade.js';
import { aksClient, securityClient } from '../../helpers/azure.js';

/**
 * Live state read back from the emulators through the real SDK clients (ARM, Security, @kubernetes/client-node with
 * the sandbox kubeconfig), independently of Palisade's own wrappers: what a card is judged against.
 */

type App = Palisade<Sandbox>;
const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const SUBNET = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';

function kube(app: App, cluster: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(app.sandbox!.kubeconfigPath);
  kc.setCurrentContext(cluster);
  return { core: kc.makeApiClient(CoreV1Api), net: kc.makeApiClient(NetworkingV1Api) };
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

export async function liveRanges(app: App, c: { subscriptionId: string; resourceGroup: string; name: string }): Promise<string[]> {
  const cluster = await aksClient(app, c.subscriptionId).managedClusters.get(c.resourceGroup, c.name);
  return cluster.apiServerAccessProfile?.authorizedIPRanges ?? [];
}

export interface LiveService {
  internal: boolean;
  subnet?: string;
  ranges: string[];
}

export async function liveService(app: App, cluster: string, namespace: string, name: string): Promise<LiveService> {
  const svc = await kube(app, cluster).core.readNamespacedService({ namespace, name });
  const a = svc.metadata?.annotations ?? {};
  return { internal: String(a[INTERNAL] ?? '').toLowerCase() === 'true', subnet: a[SUBNET] || undefined, ranges: svc.spec?.loadBalancerSourceRanges ?? [] };
}

export async function livePolicies(app: App, cluster: string, namespace: string): Promise<Map<string, { resourceVersion: string; labels: Record<string, string> }>> {
  const list = await kube(app, cluster).net.listNamespacedNetworkPolicy({ namespace });
  return new Map(list.items.map((p) => [p.metadata!.name!, { resourceVersion: p.metadata!.resourceVersion ?? '', labels: p.metadata!.labels ?? {} }]));
}

export async function liveTier(app: App, subscriptionId: string): Promise<string> {
  const p = await securityClient(app, subscriptionId).pricings.get('Containers');
  return p.pricingTier ?? 'unknown';
}

/** Where live state stands against a plan: at its desired state, still at the state it was planned from, or neither. */
export interface Standing {
  atDesired: boolean;
  atBefore: boolean;
  describe: string;
}

export async function standing(app: App, plan: StoredPlan): Promise<Standing> {
  const p = plan as StoredPlan<any, any, any>;
  switch (plan.operation) {
    case 'controlPlane.setRanges': {
      const live = await liveRanges(app, p.args.cluster);
      return { atDesired: same(live, p.desired.ranges), atBefore: same(live, p.current.ranges), describe: `ranges ${live.join(', ') || '(none)'}` };
    }
    case 'workloads.setLoadBalancer':
    case 'workloads.setSourceRanges': {
      const { namespace, name } = p.current.exposure;
      const live = await liveService(app, p.args.cluster.name, namespace, name);
      const is = (e: { internal: boolean; subnet?: string; ranges: string[] }) => e.internal === live.internal && (e.subnet ?? '') === (live.subnet ?? '') && same(e.ranges, live.ranges);
      return { atDesired: is(p.desired.exposure), atBefore: is(p.current.exposure), describe: `${live.internal ? 'internal' : 'public'} from ${live.ranges.join(', ') || 'anywhere'}` };
    }
    case 'images.setContainersPlan': {
      const tier = await liveTier(app, p.args.subscriptionId);
      return { atDesired: tier === p.args.tier, atBefore: tier === p.current.tier, describe: `Defender for Containers ${tier}` };
    }
    default: {
      // network policies: applied ones exist (labelled Palisade's), deleted ones are gone; untouched ones kept their version
      const live = await livePolicies(app, p.args.cluster.name, p.args.namespace);
      const atDesired =
        p.desired.apply.every((d: { name: string }) => live.get(d.name)?.labels['app.kubernetes.io/managed-by'] === 'palisade') &&
        p.desired.delete.every((n: string) => !live.has(n)) &&
        p.current.touched.filter((t: { existed: boolean }) => t.existed).every((t: { name: string; resourceVersion: string }) => !live.has(t.name) || live.get(t.name)!.resourceVersion !== t.resourceVersion);
      const atBefore = p.current.touched.every((t: { name: string; existed: boolean; resourceVersion?: string }) => (t.existed ? live.get(t.name)?.resourceVersion === t.resourceVersion : !live.has(t.name)));
      return { atDesired, atBefore, describe: `policies ${[...live.keys()].join(', ') || '(none)'}` };
    }
  }
}

/** What the card says happened, from its text. */
export type CardVerdict = 'applied' | 'failed-nothing-changed' | 'failed-partly' | 'failed' | 'unknown' | 'other';

export function cardVerdict(text: string): CardVerdict {
  if (/outcome unknown/i.test(text)) return 'unknown';
  if (/● Applied/.test(text)) return 'applied';
  if (/● Failed/.test(text)) return /Nothing was changed/.test(text) ? 'failed-nothing-changed' : /Partly applied/.test(text) ? 'failed-partly' : 'failed';
  return 'other';
}

/** Does the card tell the truth about live state? */
export function agrees(verdict: CardVerdict, s: Standing): boolean {
  switch (verdict) {
    case 'applied':
      return s.atDesired;
    case 'failed-nothing-changed':
      return s.atBefore && !s.atDesired;
    case 'failed-partly':
      return !s.atBefore && !s.atDesired;
    case 'failed':
      return !s.atDesired;
    default:
      return false;
  }
}
