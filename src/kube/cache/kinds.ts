import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { KubeApi } from '../connect.js';

/** The kinds Palisade reads through informers: their all-namespaces list and watch path, and the typed list call. */
export const CACHED_KINDS = {
  services: { path: '/api/v1/services', list: (api: KubeApi) => api.core.listServiceForAllNamespaces() },
  pods: { path: '/api/v1/pods', list: (api: KubeApi) => api.core.listPodForAllNamespaces() },
  namespaces: { path: '/api/v1/namespaces', list: (api: KubeApi) => api.core.listNamespace() },
  deployments: { path: '/apis/apps/v1/deployments', list: (api: KubeApi) => api.apps.listDeploymentForAllNamespaces() },
  statefulsets: { path: '/apis/apps/v1/statefulsets', list: (api: KubeApi) => api.apps.listStatefulSetForAllNamespaces() },
  daemonsets: { path: '/apis/apps/v1/daemonsets', list: (api: KubeApi) => api.apps.listDaemonSetForAllNamespaces() },
  jobs: { path: '/apis/batch/v1/jobs', list: (api: KubeApi) => api.batch.listJobForAllNamespaces() },
  cronjobs: { path: '/apis/batch/v1/cronjobs', list: (api: KubeApi) => api.batch.listCronJobForAllNamespaces() },
  networkpolicies: { path: '/apis/networking.k8s.io/v1/networkpolicies', list: (api: KubeApi) => api.networking.listNetworkPolicyForAllNamespaces() },
  ingresses: { path: '/apis/networking.k8s.io/v1/ingresses', list: (api: KubeApi) => api.networking.listIngressForAllNamespaces() },
} satisfies Record<string, { path: string; list: (api: KubeApi) => Promise<KubernetesListObject<KubernetesObject>> }>;

export type CachedKind = keyof typeof CACHED_KINDS;
