import type { V1Ingress } from '@kubernetes/client-node';
import type { KubeApi } from './connect.js';
import { listThrough } from './cache/read.js';
import type { IngressInfo } from './types.js';

function toInfo(i: V1Ingress): IngressInfo {
  const rules = i.spec?.rules ?? [];
  return {
    namespace: i.metadata?.namespace ?? '',
    name: i.metadata?.name ?? '',
    className: i.spec?.ingressClassName ?? i.metadata?.annotations?.['kubernetes.io/ingress.class'],
    hosts: rules.map((r) => r.host ?? '*'),
    backends: rules.flatMap((r) => (r.http?.paths ?? []).map((p) => ({ host: r.host, path: p.path, service: p.backend.service?.name ?? '', port: p.backend.service?.port?.number ?? p.backend.service?.port?.name }))),
    addresses: (i.status?.loadBalancer?.ingress ?? []).map((x) => x.ip ?? x.hostname ?? '').filter(Boolean),
    tls: (i.spec?.tls ?? []).length > 0,
  };
}

export async function listIngresses(api: KubeApi, namespace?: string): Promise<IngressInfo[]> {
  const items = await listThrough<V1Ingress>(api, 'ingresses', namespace, () => (namespace ? api.networking.listNamespacedIngress({ namespace }) : api.networking.listIngressForAllNamespaces()));
  return items.map(toInfo);
}
