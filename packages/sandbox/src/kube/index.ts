export { startKubeEmulator } from './server.js';
export type { KubeEmulator, KubeEmulatorOptions, KubeInterceptor, KubeRequestInfo } from './server.js';
export { startAksController, reconcileCluster, allowRuleName, frontendName, DENY_ALL_RULE, INTERNAL_ANNOTATION, INTERNAL_SUBNET_ANNOTATION } from '../cloudProvider/index.js';
export type { AksController, AksControllerOptions } from '../cloudProvider/index.js';
export { KUBECTL_TOKEN, apiServerReachable, clientRole } from './clientIdentity.js';
export { KubeStore } from './store.js';
export { KubeStatusError } from './status.js';
