/** AKS's cloud provider (cloud-provider-azure) for the sandbox: Service load balancers, public IPs, NSG rules, Service status. */
export { reconcileCluster } from './reconcile.js';
export { startAksController, type AksController, type AksControllerOptions } from './controller.js';
export { allowRuleName, frontendName, isInternal, DENY_ALL_RULE, INTERNAL_ANNOTATION, INTERNAL_SUBNET_ANNOTATION } from './names.js';
