import { createHash, randomUUID } from 'node:crypto';
import type { Json, SandboxCluster, World, WorldEvent, WorldState } from '../world.js';

/**
 * What cloud-provider-azure does in AKS for Services of type LoadBalancer: a frontend per Service on the `kubernetes`
 * (public, with a public IP resource) or `kubernetes-internal` LB, `status.loadBalancer.ingress`, and the node resource
 * group's NSG rules in the v1.29+ format (`k8s-azure-lb_allow_IPv4_<md5>`, `k8s-azure-lb_deny-all_IPv4`).
 * Reconciliation recomputes everything from the Services, keeping rule priorities and allocated IPs stable.
 */

export const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
export const INTERNAL_SUBNET_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const RULE_PREFIX = 'k8s-azure-lb';
const MIN_PRIORITY = 500;
const MAX_PRIORITY = 4096;
const SERVICE_FRONTEND = /^a[0-9a-f]{31}(-.+)?$/;

/** First public IP handed out per cluster (the workshop's ingress got 20.72.185.149). */
const PUBLIC_POOLS: Record<string, string> = { 'aks-workshop': '20.72.185.149', 'aks-prod': '51.124.90.10' };
const NODE_SUBNET_PREFIX = '10.240.0.';
const FIRST_INTERNAL_HOST = 7;

export function frontendName(service: Json): string {
  const base = `a${String(service.metadata.uid).replace(/-/g, '')}`.slice(0, 32);
  const subnet = service.metadata.annotations?.[INTERNAL_SUBNET_ANNOTATION];
  return isInternal(service) && subnet ? `${base}-${subnet}` : base;
}

export function isInternal(service: Json): boolean {
  return String(service.metadata?.annotations?.[INTERNAL_ANNOTATION] ?? '').toLowerCase() === 'true';
}

/** `k8s-azure-lb_allow_IPv4_<md5 of "<Protocol>_<sorted sources joined by ,>_<sorted ports joined by ,>">`, as upstream. */
export function allowRuleName(protocol: string, sources: string[], ports: number[]): string {
  const v = [protocol, [...sources].sort().join(','), ports.map(String).sort().join(',')].join('_');
  return `${RULE_PREFIX}_allow_IPv4_${createHash('md5').update(v).digest('hex')}`;
}

export const DENY_ALL_RULE = `${RULE_PREFIX}_deny-all_IPv4`;

function sourceRanges(service: Json): string[] {
  const spec: string[] = service.spec?.loadBalancerSourceRanges ?? [];
  if (spec.length) return spec.map((s) => s.trim());
  const ann = service.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION];
  return ann ? String(ann).split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function azureProtocol(p: string | undefined): string {
  return p === 'UDP' ? 'Udp' : p === 'SCTP' ? '*' : 'Tcp';
}

function nextIp(first: string, used: Set<string>): string {
  const parts = first.split('.').map(Number);
  let n = ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
  for (;;) {
    const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    if (!used.has(ip)) return ip;
    n++;
  }
}

function newEtag(): string {
  return `W/"${randomUUID()}"`;
}

function publicPoolStart(cluster: SandboxCluster, state: WorldState): string {
  const known = PUBLIC_POOLS[cluster.name];
  if (known) return known;
  const idx = state.clusters.indexOf(cluster);
  return `20.${100 + (idx % 100)}.${10 + idx}.10`;
}

interface Ctx {
  state: WorldState;
  cluster: SandboxCluster;
  nodeRgId: string;
  location: string;
  changedArm: Set<string>;
}

function networkId(ctx: Ctx, type: string, name: string): string {
  return `${ctx.nodeRgId}/providers/Microsoft.Network/${type}/${name}`;
}

function getNet(ctx: Ctx, id: string): Json | undefined {
  return ctx.state.network[id.toLowerCase()];
}

function putNet(ctx: Ctx, id: string, resource: Json | undefined, before: string | undefined): void {
  const after = resource ? JSON.stringify(resource) : undefined;
  if (after === before) return;
  if (resource) {
    resource.etag = newEtag();
    stampEtags(resource);
    ctx.state.network[id.toLowerCase()] = resource;
  } else delete ctx.state.network[id.toLowerCase()];
  ctx.changedArm.add(id);
}

/** Child resources carry the parent's etag on the wire. */
function stampEtags(resource: Json): void {
  for (const v of Object.values(resource.properties ?? {})) if (Array.isArray(v)) for (const child of v) if (child && typeof child === 'object' && 'etag' in child) child.etag = resource.etag;
}

function emptyLb(ctx: Ctx, name: string): Json {
  const id = networkId(ctx, 'loadBalancers', name);
  return {
    name,
    id,
    etag: newEtag(),
    type: 'Microsoft.Network/loadBalancers',
    location: ctx.location,
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: randomUUID(),
      frontendIPConfigurations: [],
      backendAddressPools: [
        { name: 'kubernetes', id: `${id}/backendAddressPools/kubernetes`, etag: '', type: 'Microsoft.Network/loadBalancers/backendAddressPools', properties: { provisioningState: 'Succeeded', loadBalancerBackendAddresses: [] } },
      ],
      loadBalancingRules: [],
      probes: [],
      inboundNatRules: [],
      inboundNatPools: [],
      outboundRules: [],
    },
  };
}

interface Wanted {
  service: Json;
  frontend: string;
  internal: boolean;
  ip?: string;
}

/** Current frontend IP of a service on either LB, so a reconcile keeps the address it handed out. */
function existingIp(ctx: Ctx, lb: Json | undefined, fe: string): string | undefined {
  const config = (lb?.properties?.frontendIPConfigurations ?? []).find((f: Json) => f.name === fe);
  if (!config) return undefined;
  if (config.properties?.privateIPAddress) return config.properties.privateIPAddress;
  const pipId = config.properties?.publicIPAddress?.id;
  return pipId ? getNet(ctx, pipId)?.properties?.ipAddress : undefined;
}

/** Reconciles one cluster's LBs, public IPs, NSG and Service statuses; returns the kube keys it rewrote. */
export function reconcileCluster(state: WorldState, cluster: SandboxCluster, changedArm: Set<string> = new Set()): string[] {
  const props = cluster.resource?.properties ?? {};
  const nodeRg: string | undefined = props.nodeResourceGroup;
  if (!nodeRg) return [];
  const ctx: Ctx = { state, cluster, nodeRgId: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${nodeRg}`, location: cluster.resource.location, changedArm };

  const services = Object.values(cluster.kube.objects)
    .filter((o) => o.apiVersion === 'v1' && o.kind === 'Service' && o.spec?.type === 'LoadBalancer')
    .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));

  const publicLbId = networkId(ctx, 'loadBalancers', 'kubernetes');
  const internalLbId = networkId(ctx, 'loadBalancers', 'kubernetes-internal');
  const publicLb = getNet(ctx, publicLbId);
  const internalLb = getNet(ctx, internalLbId);
  const publicBefore = publicLb ? JSON.stringify(publicLb) : undefined;
  const internalBefore = internalLb ? JSON.stringify(internalLb) : undefined;

  // addresses in use that are not ours to hand out again
  const usedPublic = new Set<string>(Object.values(state.network).filter((r) => r.type === 'Microsoft.Network/publicIPAddresses').map((r) => r.properties?.ipAddress));
  const usedPrivate = new Set<string>();
  const wanted: Wanted[] = services.map((service) => {
    const internal = isInternal(service);
    const frontend = frontendName(service);
    const ip = existingIp(ctx, internal ? internalLb : publicLb, frontend);
    if (ip && internal) usedPrivate.add(ip);
    return { service, frontend, internal, ip };
  });
  for (const w of wanted) {
    if (w.ip) continue;
    if (w.internal) {
      w.ip = nextIp(`${NODE_SUBNET_PREFIX}${FIRST_INTERNAL_HOST}`, usedPrivate);
      usedPrivate.add(w.ip);
    } else {
      w.ip = nextIp(publicPoolStart(cluster, state), usedPublic);
      usedPublic.add(w.ip);
    }
  }

  // public IP resources: one per public service frontend
  const wantedPips = new Map<string, Wanted>();
  for (const w of wanted) if (!w.internal) wantedPips.set(networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`).toLowerCase(), w);
  for (const [key, r] of Object.entries(state.network)) {
    if (r.type !== 'Microsoft.Network/publicIPAddresses' || !key.startsWith(ctx.nodeRgId.toLowerCase() + '/')) continue;
    if (r.tags?.['k8s-azure-service'] && !wantedPips.has(key)) putNet(ctx, r.id, undefined, JSON.stringify(r));
  }
  for (const [key, w] of wantedPips) {
    const existing = state.network[key];
    const id = networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`);
    const feId = `${publicLbId}/frontendIPConfigurations/${w.frontend}`;
    const next: Json = {
      name: `kubernetes-${w.frontend}`,
      id,
      etag: existing?.etag ?? '',
      location: ctx.location,
      tags: { 'k8s-azure-cluster-name': 'kubernetes', 'k8s-azure-service': `${w.service.metadata.namespace}/${w.service.metadata.name}` },
      type: 'Microsoft.Network/publicIPAddresses',
      sku: { name: 'Standard', tier: 'Regional' },
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: existing?.properties?.resourceGuid ?? randomUUID(),
        ipAddress: w.ip,
        publicIPAddressVersion: 'IPv4',
        publicIPAllocationMethod: 'Static',
        idleTimeoutInMinutes: 4,
        ipTags: [],
        ipConfiguration: { id: feId },
      },
    };
    putNet(ctx, id, next, existing ? JSON.stringify(existing) : undefined);
  }

  const syncLb = (lb: Json | undefined, lbId: string, internal: boolean, before: string | undefined): void => {
    const mine = wanted.filter((w) => w.internal === internal);
    if (!lb && mine.length === 0) return;
    const target = lb ?? emptyLb(ctx, internal ? 'kubernetes-internal' : 'kubernetes');
    const p = target.properties;
    const keepFe = (p.frontendIPConfigurations ?? []).filter((f: Json) => !SERVICE_FRONTEND.test(f.name));
    const keepRules = (p.loadBalancingRules ?? []).filter((r: Json) => !SERVICE_FRONTEND.test(String(r.name).split('-').slice(0, 1).join('')));
    const keepProbes = (p.probes ?? []).filter((r: Json) => !SERVICE_FRONTEND.test(String(r.name).split('-').slice(0, 1).join('')));
    const poolId = `${lbId}/backendAddressPools/kubernetes`;
    const rules: Json[] = [];
    const probes: Json[] = [];
    const frontends = mine.map((w) => {
      const feId = `${lbId}/frontendIPConfigurations/${w.frontend}`;
      const ruleIds: Json[] = [];
      for (const port of w.service.spec.ports ?? []) {
        const proto = azureProtocol(port.protocol);
        const ruleName = `${w.frontend}-${port.protocol ?? 'TCP'}-${port.port}`;
        const ruleId = `${lbId}/loadBalancingRules/${ruleName}`;
        const probeId = `${lbId}/probes/${ruleName}`;
        ruleIds.push({ id: ruleId });
        probes.push({ name: ruleName, id: probeId, etag: '', type: 'Microsoft.Network/loadBalancers/probes', properties: { provisioningState: 'Succeeded', protocol: 'Tcp', port: port.nodePort ?? port.port, intervalInSeconds: 5, numberOfProbes: 2, probeThreshold: 1, loadBalancingRules: [{ id: ruleId }] } });
        rules.push({
          name: ruleName,
          id: ruleId,
          etag: '',
          type: 'Microsoft.Network/loadBalancers/loadBalancingRules',
          properties: {
            provisioningState: 'Succeeded',
            frontendIPConfiguration: { id: feId },
            frontendPort: port.port,
            backendPort: port.port,
            enableFloatingIP: true,
            idleTimeoutInMinutes: 4,
            protocol: proto === '*' ? 'All' : proto,
            enableDestinationServiceEndpoint: false,
            enableTcpReset: true,
            allowBackendPortConflict: false,
            loadDistribution: 'Default',
            disableOutboundSnat: !internal,
            backendAddressPool: { id: poolId },
            backendAddressPools: [{ id: poolId }],
            probe: { id: probeId },
          },
        });
      }
      const base = { name: w.frontend, id: feId, etag: '', type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations' };
      if (internal) {
        const subnetName = w.service.metadata.annotations?.[INTERNAL_SUBNET_ANNOTATION] ?? 'aks-subnet';
        return {
          ...base,
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: w.ip,
            privateIPAllocationMethod: 'Dynamic',
            privateIPAddressVersion: 'IPv4',
            subnet: { id: `${ctx.nodeRgId}/providers/Microsoft.Network/virtualNetworks/aks-vnet/subnets/${subnetName}` },
            loadBalancingRules: ruleIds,
          },
        };
      }
      return {
        ...base,
        properties: {
          provisioningState: 'Succeeded',
          privateIPAllocationMethod: 'Dynamic',
          publicIPAddress: { id: networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`) },
          loadBalancingRules: ruleIds,
        },
      };
    });
    p.frontendIPConfigurations = [...keepFe, ...frontends];
    p.loadBalancingRules = [...keepRules, ...rules];
    p.probes = [...keepProbes, ...probes];
    const pool = (p.backendAddressPools ?? []).find((b: Json) => b.name === 'kubernetes');
    if (pool) {
      const ruleRefs = (p.loadBalancingRules as Json[]).map((r) => ({ id: r.id }));
      if (ruleRefs.length) pool.properties.loadBalancingRules = ruleRefs;
      else delete pool.properties.loadBalancingRules;
    }
    // upstream deletes the internal LB once its last frontend is gone
    if (internal && frontends.length === 0) putNet(ctx, lbId, undefined, before);
    else {
      if (before) {
        // compare without etags so an unchanged LB keeps its etag
        const b = JSON.parse(before) as Json;
        const same = JSON.stringify(withoutEtags(b)) === JSON.stringify(withoutEtags(target));
        if (same) {
          ctx.state.network[lbId.toLowerCase()] = b;
          return;
        }
      }
      putNet(ctx, lbId, target, before);
    }
  };
  syncLb(publicLb ? JSON.parse(publicBefore as string) : undefined, publicLbId, false, publicBefore);
  syncLb(internalLb ? JSON.parse(internalBefore as string) : undefined, internalLbId, true, internalBefore);

  syncNsg(ctx, wanted);

  // Service status: the frontend IP, once assigned
  const rewritten: string[] = [];
  for (const [key, o] of Object.entries(cluster.kube.objects)) {
    if (o.apiVersion !== 'v1' || o.kind !== 'Service') continue;
    const w = wanted.find((x) => x.service === o);
    const want = w ? { ingress: [{ ip: w.ip, ipMode: 'VIP' }] } : {};
    if (JSON.stringify(o.status?.loadBalancer ?? {}) === JSON.stringify(want)) continue;
    o.status = { ...(o.status ?? {}), loadBalancer: want };
    cluster.kube.resourceVersion += 1;
    o.metadata.resourceVersion = String(cluster.kube.resourceVersion);
    rewritten.push(key);
  }
  return rewritten;
}

function withoutEtags(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEtags);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'etag').map(([k, x]) => [k, withoutEtags(x)]));
  return v;
}

function isManagedRule(r: Json): boolean {
  const prio = Number(r.properties?.priority);
  return String(r.name).startsWith(RULE_PREFIX) && prio >= MIN_PRIORITY && prio <= MAX_PRIORITY;
}

interface RuleSpec {
  name: string;
  access: 'Allow' | 'Deny';
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[] | '*';
}

function syncNsg(ctx: Ctx, wanted: Wanted[]): void {
  const prefix = `${ctx.nodeRgId}/providers/Microsoft.Network/networkSecurityGroups/`.toLowerCase();
  const entry = Object.entries(ctx.state.network).find(([k]) => k.startsWith(prefix));
  if (!entry) return;
  const [key, nsg] = entry;
  const before = JSON.stringify(nsg);
  const specs = new Map<string, RuleSpec>();
  for (const w of wanted) {
    if (!w.ip) continue;
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
  const rules: Json[] = nsg.properties.securityRules ?? [];
  const kept = rules.filter((r) => !isManagedRule(r));
  const previous = new Map<string, Json>(rules.filter(isManagedRule).map((r) => [r.name, r]));
  const usedPriorities = new Set<number>(kept.map((r) => Number(r.properties?.priority)));
  for (const s of specs.values()) {
    const prev = previous.get(s.name);
    if (prev) usedPriorities.add(Number(prev.properties.priority));
  }
  const priorityFor = (s: RuleSpec): number => {
    const prev = previous.get(s.name);
    if (prev) return Number(prev.properties.priority);
    const fromEnd = s.access === 'Deny';
    for (let p = fromEnd ? MAX_PRIORITY - 1 : MIN_PRIORITY; fromEnd ? p >= MIN_PRIORITY : p < MAX_PRIORITY; p += fromEnd ? -1 : 1) {
      if (!usedPriorities.has(p)) {
        usedPriorities.add(p);
        return p;
      }
    }
    throw new Error('security rule priorities exhausted');
  };
  const managed = [...specs.values()].map((s) => {
    const destinations = [...s.destinations].sort();
    return {
      name: s.name,
      id: `${nsg.id}/securityRules/${s.name}`,
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
        priority: priorityFor(s),
        direction: 'Inbound',
      },
    };
  });
  const next: Json = JSON.parse(before);
  next.properties.securityRules = [...kept, ...managed].sort((a, b) => Number(a.properties.priority) - Number(b.properties.priority));
  const sameRules = JSON.stringify(withoutEtags(next.properties.securityRules)) === JSON.stringify(withoutEtags(nsg.properties.securityRules ?? []));
  if (sameRules) return;
  putNet(ctx, nsg.id, next, before);
  void key;
}

export interface AksControllerOptions {
  world: World;
  /** Delay between a Service change and the cloud provider's reaction. */
  delayMs?: number;
}

export interface AksController {
  /** Runs a reconcile of every cluster now (tests, and the seed at start). */
  reconcileNow(): void;
  /** Resolves once no reconcile is pending. */
  idle(): Promise<void>;
  stop(): void;
}

/** Watches world changes and reconciles the changed cluster after `delayMs` (default 500 ms). */
export function startAksController(opts: AksControllerOptions): AksController {
  const { world } = opts;
  const delay = opts.delayMs ?? 500;
  const timers = new Map<SandboxCluster, NodeJS.Timeout>();
  let waiters: Array<() => void> = [];
  let reconciling = false;

  const run = (cluster: SandboxCluster): void => {
    reconciling = true;
    try {
      const arm = new Set<string>();
      const keys = reconcileCluster(world.state, cluster, arm);
      for (const id of arm) world.changed({ type: 'arm', resourceId: id });
      for (const key of keys) world.changed({ type: 'kube', cluster, key, object: cluster.kube.objects[key] });
    } finally {
      reconciling = false;
    }
    if (timers.size === 0) {
      const w = waiters;
      waiters = [];
      for (const fn of w) fn();
    }
  };

  const schedule = (cluster: SandboxCluster): void => {
    const existing = timers.get(cluster);
    if (existing) clearTimeout(existing);
    const t = setTimeout(() => {
      timers.delete(cluster);
      run(cluster);
    }, delay);
    t.unref();
    timers.set(cluster, t);
  };

  const onChange = (event: WorldEvent): void => {
    if (reconciling) return;
    if (event.type === 'kube') {
      const kind = event.key.split('|')[1];
      if (kind === 'Service' || kind === 'Namespace') schedule(event.cluster);
    }
  };
  world.on('change', onChange);
  for (const c of world.state.clusters) schedule(c);

  return {
    reconcileNow: () => {
      for (const c of world.state.clusters) {
        const t = timers.get(c);
        if (t) clearTimeout(t);
        timers.delete(c);
        run(c);
      }
    },
    idle: () => (timers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop: () => {
      world.off('change', onChange);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      const w = waiters;
      waiters = [];
      for (const fn of w) fn();
    },
  };
}
