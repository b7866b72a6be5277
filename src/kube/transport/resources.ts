import type { AppsV1Api, BatchV1Api, CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';

/**
 * The Kubernetes calls Palisade's wrappers make, by group: the client's own method names and signatures, so the
 * direct path is the client itself and AKS Run Command is a second implementation of the same primitives.
 */
export const CORE_CALLS = [
  'listNamespacedService',
  'listServiceForAllNamespaces',
  'readNamespacedService',
  'patchNamespacedService',
  'listNamespace',
  'readNamespace',
  'listNamespacedPod',
  'listPodForAllNamespaces',
  'listNamespacedConfigMap',
] as const;
export const APPS_CALLS = [
  'listNamespacedDeployment',
  'listDeploymentForAllNamespaces',
  'readNamespacedDeployment',
  'listNamespacedStatefulSet',
  'listStatefulSetForAllNamespaces',
  'listNamespacedDaemonSet',
  'listDaemonSetForAllNamespaces',
] as const;
export const BATCH_CALLS = ['listNamespacedJob', 'listJobForAllNamespaces', 'listNamespacedCronJob', 'listCronJobForAllNamespaces'] as const;
export const NETWORKING_CALLS = [
  'listNamespacedIngress',
  'listIngressForAllNamespaces',
  'listNamespacedNetworkPolicy',
  'listNetworkPolicyForAllNamespaces',
  'patchNamespacedNetworkPolicy',
  'deleteNamespacedNetworkPolicy',
  'deleteCollectionNamespacedNetworkPolicy',
] as const;

export type CoreCalls = Pick<CoreV1Api, (typeof CORE_CALLS)[number]>;
export type AppsCalls = Pick<AppsV1Api, (typeof APPS_CALLS)[number]>;
export type BatchCalls = Pick<BatchV1Api, (typeof BATCH_CALLS)[number]>;
export type NetworkingCalls = Pick<NetworkingV1Api, (typeof NETWORKING_CALLS)[number]>;

export interface KubeResources {
  core: CoreCalls;
  apps: AppsCalls;
  batch: BatchCalls;
  networking: NetworkingCalls;
}

export const CALLS = { core: CORE_CALLS, apps: APPS_CALLS, batch: BATCH_CALLS, networking: NETWORKING_CALLS } as const;

/** Calls that change the cluster: a write that failed on one path is never sent again on the other. */
export const WRITE_CALLS: ReadonlySet<string> = new Set(['patchNamespacedService', 'patchNamespacedNetworkPolicy', 'deleteNamespacedNetworkPolicy', 'deleteCollectionNamespacedNetworkPolicy']);

/** How Palisade reached a cluster's API: straight to the API server, or by AKS Run Command (a pod inside the cluster). */
export type KubePath = 'direct' | 'runCommand';

/** How one handle's calls reached the cluster. */
export interface KubeRoute {
  readonly paths: ReadonlySet<KubePath>;
  /** Why the direct path was not taken (the API server refused Palisade), when Run Command was. */
  readonly directProblem?: string;
}

export interface KubeForOptions {
  /** Try the direct path now even if the cluster refused it a moment ago (after a change to who may connect). */
  retryDirect?: boolean;
}
