import type { Json } from '../../world.js';
import type { UsedPermission } from './usage.js';

/**
 * A role's rules without one (verb, apiGroup, resource): the rules that grant it are split so everything else they
 * grant stays. Wildcard rules are left alone (they cannot lose one item without being rewritten by hand).
 */
export function withoutPermission(rules: Json[], p: UsedPermission): Json[] {
  const out: Json[] = [];
  for (const rule of rules) {
    const grants = (rule.apiGroups ?? []).includes(p.apiGroup) && (rule.resources ?? []).includes(p.resource) && (rule.verbs ?? []).includes(p.verb);
    if (!grants) {
      out.push(rule);
      continue;
    }
    const otherResources = (rule.resources as string[]).filter((r) => r !== p.resource);
    if (otherResources.length) out.push({ ...rule, resources: otherResources });
    const otherGroups = (rule.apiGroups as string[]).filter((g) => g !== p.apiGroup);
    if (otherGroups.length) out.push({ ...rule, apiGroups: otherGroups, resources: [p.resource] });
    const verbs = (rule.verbs as string[]).filter((v) => v !== p.verb);
    if (verbs.length) out.push({ ...rule, apiGroups: [p.apiGroup], resources: [p.resource], verbs });
  }
  return out;
}
