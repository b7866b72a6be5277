import type { Json } from '../world.js';
import type { WantedFrontend } from './addresses.js';
import { putNet, withoutEtags, type ProviderContext } from './context.js';
import { allowRuleName, azureProtocol, DENY_ALL_RULE, RULE_PREFIX, sourceRanges } from './names.js';

/** The node resource group's NSG rules in the v1.29+ format: allows counting up from 500, the deny-all down from 4095. */

const MIN_PRIORITY = 500;
const MAX_PRIORITY = 4096;

interface RuleSpec {
  name: string;
  access: 'Allow' | 'Deny';
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[] | '*';
}

function isManagedRule(r: Json): boolean {
  const prio = Number(r.properties?.priority);
  return String(r.name).startsWith(RULE_PREFIX) && prio >= MIN_PRIORITY && prio <= MAX_PRIORITY;
}

/** Allow rules per (protocol, sources, ports) shared by frontends; a deny-all for frontends with source ranges. */
function wantedRules(wanted: WantedFrontend[]): Map<string, RuleSpec> {
  const specs = new Map<string, RuleSpec>();
  for (const w of wanted) {
    const ranges = sourceRanges(w.service);
    const sources = ranges.length ? ranges : w.internal ? [] : ['Internet'];
    const byProtocol = new Map<string, number[]>();
    for (const p of w.service.spec.ports ?? []) {
      const proto = azureProtocol(p.protocol);
      byProtocol.set(proto, [...(byProtocol.get(proto) ?? []), Number(p.port)]);
    }
    if (sources.length) {
      for (const [proto, ports] of byProtocol) {
        const name = allowRuleName(proto, sources, ports);
        const spec = specs.get(name) ?? { name, access: 'Allow', protocol: proto, sources: [...sources].sort(), destinations: [], ports: ports.map(String).sort() };
        if (!spec.destinations.includes(w.ip)) spec.destinations.push(w.ip);
        specs.set(name, spec);
      }
    }
    if (ranges.length) {
      const spec = specs.get(DENY_ALL_RULE) ?? { name: DENY_ALL_RULE, access: 'Deny', protocol: '*', sources: ['*'], destinations: [], ports: '*' };
      if (!spec.destinations.includes(w.ip)) spec.destinations.push(w.ip);
      specs.set(DENY_ALL_RULE, spec);
    }
  }
  return specs;
}

/** Keeps a rule's priority once given; a new allow takes the lowest free one, a new deny the highest. */
function priorityAllocator(rules: Json[], specs: Map<string, RuleSpec>): (s: RuleSpec) => number {
  const previous = new Map<string, Json>(rules.filter(isManagedRule).map((r) => [r.name, r]));
  const used = new Set<number>(rules.filter((r) => !isManagedRule(r)).map((r) => Number(r.properties?.priority)));
  for (const s of specs.values()) {
    const prev = previous.get(s.name);
    if (prev) used.add(Number(prev.properties.priority));
  }
  return (s) => {
    const prev = previous.get(s.name);
    if (prev) return Number(prev.properties.priority);
    const fromEnd = s.access === 'Deny';
    for (let p = fromEnd ? MAX_PRIORITY - 1 : MIN_PRIORITY; fromEnd ? p >= MIN_PRIORITY : p < MAX_PRIORITY; p += fromEnd ? -1 : 1) {
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
    throw new Error('security rule priorities exhausted');
  };
}

function toRule(nsgId: string, s: RuleSpec, priority: number): Json {
  const destinations = [...s.destinations].sort();
  return {
    name: s.name,
    id: `${nsgId}/securityRules/${s.name}`,
    etag: '',
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: {
      provisioningState: 'Succeeded',
      protocol: s.protocol,
      sourcePortRange: '*',
      ...(s.sources.length === 1 ? { sourceAddressPrefix: s.sources[0], sourceAddressPrefixes: [] } : { sourceAddressPrefixes: s.sources }),
      ...(destinations.length === 1 ? { destinationAddressPrefix: destinations[0], destinationAddressPrefixes: [] } : { destinationAddressPrefixes: destinations }),
      ...(s.ports === '*' ? { destinationPortRange: '*', destinationPortRanges: [] } : { destinationPortRanges: s.ports }),
      sourcePortRanges: [],
      access: s.access,
      priority,
      direction: 'Inbound',
    },
  };
}

/** Rewrites the managed rules of the node resource group's NSG (the provider owns the whole range 500–4096). */
export function syncNsgRules(ctx: ProviderContext, wanted: WantedFrontend[]): void {
  const prefix = `${ctx.nodeRgId}/providers/Microsoft.Network/networkSecurityGroups/`.toLowerCase();
  const nsg = Object.entries(ctx.state.network).find(([k]) => k.startsWith(prefix))?.[1];
  if (!nsg) return;
  const before = JSON.stringify(nsg);
  const specs = wantedRules(wanted);
  const rules: Json[] = nsg.properties.securityRules ?? [];
  const priorityFor = priorityAllocator(rules, specs);
  const managed = [...specs.values()].map((s) => toRule(nsg.id, s, priorityFor(s)));
  const next: Json = JSON.parse(before);
  next.properties.securityRules = [...rules.filter((r) => !isManagedRule(r)), ...managed].sort((a, b) => Number(a.properties.priority) - Number(b.properties.priority));
  if (JSON.stringify(withoutEtags(next.properties.securityRules)) === JSON.stringify(withoutEtags(rules))) return;
  putNet(ctx, nsg.id, next, before);
}
