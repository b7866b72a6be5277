import type { Fact } from '../approvals/types.js';
import type { AdaptiveCard } from '../chat/events.js';
import type { IngressInfo, ServiceInfo } from '../kube/types.js';
import { azureSideOf, exposureOf, frontendFacts, nsgFacts, reach } from '../operations/workloads/azureSide.js';
import type { ExposureView } from '../operations/workloads/exposure.js';
import { factsCard } from './message.js';
import { CardTooLargeError } from './render.js';

/** The `exposure` card: every LoadBalancer Service and Ingress, with the Azure frontend, NSG rules and risk of each. */

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
export function exposureCard(view: ExposureView): AdaptiveCard {
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
  const path = view.via ? ` Kubernetes read ${view.via}.` : '';
  const severity = open.some((x) => !isIngressController(x, view.ingresses)) ? 'attention' : open.length ? 'warning' : 'good';
  const groups = [...shown.map((x) => serviceFacts(view, x)), ...view.ingresses.map((i) => ingressFacts(view, i))];
  // Rendering is the only exact size check; start from a count that usually fits
  for (let keep = Math.min(groups.length, 40); keep >= 0; keep--) {
    const more = groups.length - keep;
    const text = `${summary}${azure}${path}${more ? ` ${more} more not shown: narrow with "exposure in <namespace>".` : ''}`;
    try {
      return factsCard(`Exposure of ${scope}`, text, groups.slice(0, keep).flat(), severity);
    } catch (e) {
      if (!(e instanceof CardTooLargeError)) throw e;
    }
  }
  return factsCard(`Exposure of ${scope}`, `${summary}${path}`, [], severity);
}
