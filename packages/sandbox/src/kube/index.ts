export { startKubeEmulator } from './server.js';
export type { KubeEmulator, KubeEmulatorOptions, KubeInterceptor, KubeRequestInfo } from './server.js';
export { startAksController, reconcileCluster, allowRuleName, frontendName, DENY_ALL_RULE, INTERNAL_ANNOTATION, INTERNAL_SUBNET_ANNOTATION } from './aksController.js';
export type { AksController, AksControllerOptions } from './aksController.js';
export { KUBECTL_TOKEN, IN_CLUSTER_HEADER, IN_CLUSTER_KEY, apiServerReachable, clientRole } from './clientIdentity.js';
export { KubeStore } from './store.js';
export { KubeStatusError } from './status.js';
