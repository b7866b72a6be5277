import type { Fact } from '../../approvals/types.js';
import { AzureError } from '../../azure/errors.js';
import { getNodeNetwork, type NodeNetwork } from '../../azure/network.js';
import type { AdaptiveCard } from '../../bot/events.js';
import { CardTooLargeError } from '../../cards/render.js';
import type { ClusterInfo } from '../../domain.js';
import { listIngresses } from '../../kube/ingresses.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { listServices } from '../../kube/services.js';
import type { IngressInfo, ServiceInfo } from '../../kube/types.js';
import type { Services } from '../../services.js';
import { azureSideOf, exposureOf, frontendFacts, nsgFacts, reach } from './azureSide.js';
import { kubeRead, unknownNamespace } from './resolveService.js';

/** `exposure`: every LoadBalancer Service and Ingress of a cluster, with the Azure frontend and NSG rules behind each. */

export interface ExposureView {
  cluster: ClusterInfo;
  namespace?: string;
  services: ServiceInfo[];
  ingresses: IngressInfo[];
  network?: NodeNetwork;
  azureProblem?: string;
}

export async function readExposure(s: Services, cluster: ClusterInfo, namespace: string | undefined): Promise<ExposureView> {
  const api = await kubeRead(cluster.name, () => s.kube.for(cluster));
  const ns = namespace?.toLowerCase();
  const [services, ingresses, namespaces] = await kubeRead(cluster.name, () => Promise.all([listServices(api), listIngresses(api), listNamespaces(api)]));
  if (ns && !namespaces.some((n) => n.name === ns)) throw unknownNamespace(ns, cluster.name, namespaces.map((n) => n.name));
  let network: NodeNetwork | undefined;
  let azureProblem: string | undefined;
  try {
    network = await getNodeNetwork(s.azure, cluster);
  } catch (e) {
    if (!(e instanceof AzureError)) throw e;
    azureProblem = `${e.message} (${e.code})`;
  }
  return {
    cluster,
    namespace: ns,
    // Every LoadBalancer is listed even when filtering, so an Ingress's controller can be named
    services: services.filter((x) => x.type === 'LoadBalancer'),
    ingresses: ingresses.filter((i) => !ns || i.namespace === ns),
    network,
    azureProblem,
  };
}

function isIngressController(svc: ServiceInfo, ingresses: IngressInfo[]): boolean {
  return ingresses.some((i) => svc.ingressIps.some((ip) => i.addresses.includes(ip))) || /ingress/i.test(`${svc.namespace}/${svc.name}`);
}

function riskNote(svc: ServiceInfo, ingresses: IngressInfo[]): { text: string; open: boolean } {
  const e = exposureOf(svc);
  const where = svc.namespace;
  if (e.internal && e.ranges.length) return { text: `Low: VNet only, and only from ${e.ranges.join(', ')}.`, open: false };
  if (e.internal) return { text: 'Low: reachable only from the VNet and peered networks.', open: false };
  if (e.ranges.length) return { text: `Limited: the NSG lets only ${e.ranges.join(', ')} in.`, open: false };
  if (isIngressController(svc, ingresses))
    return { text: `High: an ingress controller is meant to be public, but every route behind it is open to the whole internet. Limit it with "restrict ${svc.name} to <cidr> in ${where}".`, open: true };
  return { text: `High: anyone on the internet can reach it on ${e.ports}. Fix with "make ${svc.name} internal in ${where}" or "restrict ${svc.name} to <cidr> in ${where}".`, open: true };
}

function serviceFacts(view: ExposureView, svc: ServiceInfo): Fact[] {
  const e = exposureOf(svc);
  const label = `${svc.name} · `;
  const facts: Fact[] = [
    {
      title: `${svc.namespace}/${svc.name}`,
      value: `${e.internal ? `INTERNAL (${e.subnet ? `subnet ${e.subnet}` : 'VNet'})` : 'PUBLIC'} · ${e.ip ?? 'pending IP'} · ${e.ports} · from ${reach(e)}${e.rangesFromAnnotation ? ' (legacy annotation)' : ''}`,
    },
  ];
  if (view.network) {
    const side = azureSideOf(e, view.network);
    facts.push(...frontendFacts(side, label));
    const rules = nsgFacts(side, label);
    facts.push(...(rules.length ? rules : [{ title: `${label}NSG rules`, value: e.internal ? 'none: the VNet default rules allow it' : 'none for its IP (yet)' }]));
  }
  facts.push({ title: `${label}risk`, value: riskNote(svc, view.ingresses).text });
  return facts;
}

function ingressFacts(view: ExposureView, i: IngressInfo): Fact[] {
  const controller = view.services.find((s) => s.ingressIps.some((ip) => i.addresses.includes(ip)));
  const via = controller ? ` via ${controller.name} (${controller.namespace}), ${controller.internal ? 'internal' : 'public'}, from ${reach(exposureOf(controller))}` : '';
  return [
    {
      title: `Ingress ${i.namespace}/${i.name}`,
      value: `${i.hosts.join(', ')}${i.tls ? ' (TLS)' : ''} · ${i.addresses.join(', ') || 'no address yet'}${via} · routes to ${i.backends.map((b) => `${b.service}:${b.port ?? ''}`).join(', ') || 'nothing'}`,
    },
  ];
}

/** The exposure card; drops the tail with a pointer to `in <namespace>` when a big cluster would not fit in 28 KB. */
export function exposureCard(s: Services, view: ExposureView): AdaptiveCard {
  const shown = view.services.filter((x) => !view.namespace || x.namespace === view.namespace);
  const open = shown.filter((x) => riskNote(x, view.ingresses).open);
  const internal = shown.filter((x) => x.internal).length;
  const restricted = shown.filter((x) => !x.internal && exposureOf(x).ranges.length).length;
  const scope = view.namespace ? `namespace ${view.namespace} on ${view.cluster.name}` : view.cluster.name;
  const summary = shown.length
    ? `${shown.length} LoadBalancer Service(s): ${open.length} open to the whole internet, ${restricted} restricted to source ranges, ${internal} internal; ${view.ingresses.length} Ingress(es).`
    : `No LoadBalancer Services; ${view.ingresses.length} Ingress(es).`;
  const azure = view.network
    ? ` Azure side read from ${view.cluster.nodeResourceGroup}${view.network.nsgs.length ? ` (NSG ${view.network.nsgs.map((n) => n.name).join(', ')})` : ''}.`
    : ` I could not read the Azure side (${view.azureProblem ?? `no node resource group`}): Kubernetes only.`;
  const severity = open.some((x) => !isIngressController(x, view.ingresses)) ? 'attention' : open.length ? 'warning' : 'good';
  const groups = [...shown.map((x) => serviceFacts(view, x)), ...view.ingresses.map((i) => ingressFacts(view, i))];
  // Rendering is the only exact size check; start from a count that usually fits
  for (let keep = Math.min(groups.length, 40); keep >= 0; keep--) {
    const more = groups.length - keep;
    const text = `${summary}${azure}${more ? ` ${more} more not shown: narrow with "exposure in <namespace>".` : ''}`;
    try {
      return s.cards.facts(`Exposure of ${scope}`, text, groups.slice(0, keep).flat(), severity);
    } catch (e) {
      if (!(e instanceof CardTooLargeError)) throw e;
    }
  }
  return s.cards.facts(`Exposure of ${scope}`, summary, [], severity);
}
