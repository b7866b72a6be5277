/** How ARM names the permission a request needs: the operation (action), where it applies (scope), which throttle bucket. */
export interface RequestAccess {
  /** e.g. `Microsoft.ContainerService/managedClusters/read`; undefined when ARM checks no action (the caller's view filters instead). */
  action?: string;
  /** The scope the action is checked at: the resource id, or the parent scope of a collection. */
  scope: string;
  /** ARM's throttling buckets: GET/HEAD read, DELETE delete, everything else (PUT, PATCH, POST) write. */
  kind: 'read' | 'write' | 'delete';
  /** The subscription the request is in; undefined for tenant-level requests. */
  subscriptionId?: string;
}

// Paths whose action is not what the generic derivation gives; the provider registers them under another name.
const ALIASES: Record<string, string> = {
  // `{scope}/providers/Microsoft.Security/subAssessments` (list all) is the assessments' sub-assessments read.
  'microsoft.security/subassessments/read': 'Microsoft.Security/assessments/subAssessments/read',
};

function kindOf(method: string): RequestAccess['kind'] {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'DELETE') return 'delete';
  return 'write';
}

function verbFor(kind: RequestAccess['kind']): string {
  return kind === 'read' ? 'read' : kind === 'delete' ? 'delete' : 'write';
}

/**
 * Azure RBAC's action for a request, from its method and resource type (as ARM derives it):
 * GET → `{ns}/{types}/read`, PUT/PATCH → `/write`, DELETE → `/delete`, POST `…/{name}/{verb}` → `{ns}/{types}/{verb}/action`.
 * Nested types join (`managedClusters/commandResults/read`); extension resources use the last provider namespace.
 */
export function requestAccess(method: string, path: string): RequestAccess {
  const m = method.toUpperCase();
  const kind = kindOf(m);
  const segs = path.split('/').filter(Boolean);
  const subscriptionId = segs[0]?.toLowerCase() === 'subscriptions' ? segs[1] : undefined;
  const lower = segs.map((s) => s.toLowerCase());
  const p = lower.lastIndexOf('providers');
  if (p < 0 || p + 1 >= segs.length) {
    // No provider: the subscription or resource group itself (Microsoft.Resources).
    if (segs.length <= 1) return { scope: '/', kind, subscriptionId }; // GET /subscriptions: filtered by the caller's assignments
    const rest = lower.slice(2);
    const types = ['subscriptions'];
    if (rest[0] === 'resourcegroups') types.push('resourceGroups');
    const scope = `/${segs.slice(0, rest.length % 2 === 1 ? segs.length - 1 : segs.length).join('/')}`;
    return { action: `Microsoft.Resources/${types.join('/')}/${verbFor(kind)}`, scope, kind, subscriptionId };
  }
  const namespace = segs[p + 1];
  const rest = segs.slice(p + 2);
  let types: string[];
  let scopeSegs: string[];
  let action: string;
  if (m === 'POST' && rest.length >= 3 && rest.length % 2 === 1) {
    types = rest.filter((_, i) => i % 2 === 0 && i < rest.length - 1);
    scopeSegs = segs.slice(0, segs.length - 1);
    action = `${namespace}/${types.join('/')}/${rest[rest.length - 1]}/action`;
  } else {
    types = rest.filter((_, i) => i % 2 === 0);
    // A collection is checked at its parent: the subscription, resource group or parent resource.
    scopeSegs = rest.length % 2 === 1 ? segs.slice(0, rest.length === 1 ? p : segs.length - 1) : segs;
    action = `${namespace}/${types.join('/')}/${verbFor(kind)}`;
  }
  return { action: ALIASES[action.toLowerCase()] ?? action, scope: `/${scopeSegs.join('/')}`, kind, subscriptionId };
}
