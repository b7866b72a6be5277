/** Pure: the namespaces AKS and its add-ons run in (never locked down by default, never "other callers"). */

export const SYSTEM_NAMESPACE_PREFIXES = ['kube-'];
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'gatekeeper-system', 'calico-system', 'tigera-operator', 'azure-arc', 'app-routing-system', 'aks-command', 'cilium-system']);

export function isSystemNamespace(ns: string): boolean {
  return SYSTEM_NAMESPACES.has(ns) || SYSTEM_NAMESPACE_PREFIXES.some((p) => ns.startsWith(p));
}
