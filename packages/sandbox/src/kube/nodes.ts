/** The nodes every sandbox cluster's pods are scheduled on, and their addresses in the node subnet. */
export const NODE_NAMES = ['aks-nodepool1-31718369-vmss000000', 'aks-nodepool1-31718369-vmss000001', 'aks-nodepool1-31718369-vmss000002'];

/** Azure keeps the first four addresses of a subnet; nodes take the next ones. */
export const FIRST_NODE_HOST = 4;

export function nodeHostIp(subnetBase: string, index: number): string {
  const parts = subnetBase.split('.').map(Number);
  parts[3] += FIRST_NODE_HOST + (index % NODE_NAMES.length);
  return parts.join('.');
}
