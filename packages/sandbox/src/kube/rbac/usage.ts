import type { Json } from '../../world.js';
import type { RequestAttributes } from './attributes.js';
import { ruleAllows } from './rules.js';

/** One permission a request needed: what a ClusterRole rule must grant. */
export interface UsedPermission {
  verb: string;
  apiGroup: string;
  /** `services` or `services/status`. */
  resource: string;
}

/** Which (verb, group, resource) each identity was authorized for, so a test can find rules nobody needed. */
export class PermissionRecorder {
  private readonly byUser = new Map<string, Map<string, UsedPermission>>();

  record(a: RequestAttributes): void {
    if (!a.resourceRequest) return;
    const p = { verb: a.verb, apiGroup: a.apiGroup, resource: a.subresource ? `${a.resource}/${a.subresource}` : a.resource };
    const mine = this.byUser.get(a.user.name) ?? new Map<string, UsedPermission>();
    mine.set(`${p.verb} ${p.apiGroup} ${p.resource}`, p);
    this.byUser.set(a.user.name, mine);
  }

  /** Permissions `user` was granted so far, sorted. */
  used(user: string): UsedPermission[] {
    return [...(this.byUser.get(user)?.values() ?? [])].sort((a, b) => `${a.apiGroup} ${a.resource} ${a.verb}`.localeCompare(`${b.apiGroup} ${b.resource} ${b.verb}`));
  }

  clear(): void {
    this.byUser.clear();
  }
}

/**
 * Each (verb, apiGroup, resource) a set of rules grants, written out, that no recorded permission used. Wildcards and
 * resourceNames are reported as written (`*`), since no request can prove them needed.
 */
export function unusedPermissions(rules: Json[], used: UsedPermission[]): UsedPermission[] {
  const out: UsedPermission[] = [];
  for (const rule of rules) {
    for (const apiGroup of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs ?? []) {
          const [res, sub = ''] = String(resource).split('/');
          const needed = used.some((u) => {
            const [ur, us = ''] = u.resource.split('/');
            const attrs = { verb: u.verb, apiGroup: u.apiGroup, resource: ur, subresource: us, resourceRequest: true, name: '' } as RequestAttributes;
            return ruleAllows(attrs, { verbs: [verb], apiGroups: [apiGroup], resources: [sub ? `${res}/${sub}` : res] });
          });
          if (!needed) out.push({ verb, apiGroup, resource });
        }
      }
    }
  }
  return out;
}
