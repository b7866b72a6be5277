/** Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}` (case-insensitive keys). */
export function parseResourceId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/[^/]+\/([^/]+)/i.exec(id);
  return m ? { subscriptionId: m[1], resourceGroup: m[2], name: m[3] } : undefined;
}
