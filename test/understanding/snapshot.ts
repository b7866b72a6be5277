import type { InventoryItem, Snapshot } from '../../src/understanding/types.js';

/** The sandbox seed's names (both clusters), as the inventory would list them. */
const ratings = (withIngress: boolean): InventoryItem[] => [
  { name: 'ratings-web', namespace: 'ratingsapp', kind: 'Service', type: 'LoadBalancer', state: ['public'] },
  { name: 'ratings-web', namespace: 'ratingsapp', kind: 'Deployment' },
  { name: 'ratings-api', namespace: 'ratingsapp', kind: 'Service', type: 'ClusterIP' },
  { name: 'ratings-api', namespace: 'ratingsapp', kind: 'Deployment' },
  { name: 'ratings-mongodb', namespace: 'ratingsapp', kind: 'Service', type: 'ClusterIP' },
  { name: 'ratings-mongodb', namespace: 'ratingsapp', kind: 'StatefulSet' },
  { name: 'coredns', namespace: 'kube-system', kind: 'Deployment' },
  { name: 'kube-dns', namespace: 'kube-system', kind: 'Service', type: 'ClusterIP' },
  ...(withIngress
    ? ([
        { name: 'nginx-ingress-ingress-nginx-controller', namespace: 'ingress-basic', kind: 'Service', type: 'LoadBalancer', state: ['public'] },
        { name: 'nginx-ingress-ingress-nginx-controller', namespace: 'ingress-basic', kind: 'Deployment' },
      ] satisfies InventoryItem[])
    : []),
];

export const SANDBOX_SNAPSHOT: Snapshot = {
  clusters: ['aks-workshop', 'aks-prod'],
  inventories: {
    'aks-workshop': {
      namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'ingress-basic', 'ratingsapp'],
      items: ratings(true),
    },
    'aks-prod': {
      namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'ratingsapp', 'payments'],
      items: [
        ...ratings(false),
        { name: 'payments-api', namespace: 'payments', kind: 'Service', type: 'ClusterIP' },
        { name: 'payments-api', namespace: 'payments', kind: 'Deployment' },
        { name: 'payments-db', namespace: 'payments', kind: 'Service', type: 'ClusterIP' },
        { name: 'payments-db', namespace: 'payments', kind: 'StatefulSet' },
      ],
    },
  },
  defaultCluster: 'aks-workshop',
  now: new Date('2026-12-01T09:00:00Z'),
};
