import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

/** JSON as the wire carries it; emulators store resources in their ARM/Kubernetes wire shapes. */
export type Json = Record<string, any>;

/** One emulated AKS cluster: its ARM resource and its Kubernetes objects. */
export interface SandboxCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Microsoft.ContainerService/managedClusters exactly as ARM GET returns it (with `properties`, `eTag`). */
  resource: Json;
  kube: KubeState;
}

export interface KubeState {
  /** Cluster-wide counter, as etcd's revision: every write bumps it. */
  resourceVersion: number;
  /** Key: `${apiVersion}|${kind}|${namespace ?? ''}|${name}` → the stored object (wire shape). */
  objects: Record<string, Json>;
}

export interface SubscriptionState {
  subscriptionId: string;
  displayName: string;
  /** When true, ARM answers 403 AuthorizationFailed for Microsoft.Security reads in this subscription. */
  securityForbidden?: boolean;
  /** Microsoft.Security/pricings by name, wire shape (api 2022-03-01). */
  pricings: Record<string, Json>;
  /** Microsoft.Security/assessments, wire shape (api 2021-06-01). */
  assessments: Json[];
  /** Sub-assessments keyed by the lower-cased parent assessment id, wire shape (api 2019-01-01-preview). */
  subAssessments: Record<string, Json[]>;
  /** Container registries (ARM resource ids) whose images the simulated scanner reports on. */
  registries: Json[];
  /** Subscriptions API fields (api 2022-12-01); the seed's tenant, `Enabled` and default policies when absent. */
  tenantId?: string;
  state?: 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';
  tags?: Record<string, string>;
  managedByTenants?: Json[];
  subscriptionPolicies?: Json;
}

/** One AKS Run Command (`…/runCommand`, then `…/commandResults/{id}`): what ran and, once finished, its result. */
export interface CommandRecord {
  id: string;
  /** The managed cluster's ARM id. */
  clusterId: string;
  command: string;
  provisioningState: 'running' | 'succeeded' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  logs?: string;
  /** Why a command could not run at all (e.g. `ImagePullBackoff`); failed results carry only this. */
  reason?: string;
}

/** An ARM async operation (the `Azure-AsyncOperation` URL points at it). */
export interface ArmOperation {
  id: string;
  resourceId: string;
  status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
  startTime: string;
  endTime?: string;
  /** Epoch ms after which a poll reports the final status. */
  completeAt: number;
  error?: { code: string; message: string };
  /** The resource body to install when the operation succeeds. */
  pending?: Json;
}

export interface WorldState {
  version: 1;
  subscriptions: Record<string, SubscriptionState>;
  clusters: SandboxCluster[];
  /** Network resources (NSGs, load balancers, public IPs) keyed by lower-cased ARM id, wire shape (api 2026-01-01). */
  network: Record<string, Json>;
  operations: Record<string, ArmOperation>;
  /** AKS Run Command results by command id. */
  commandResults?: Record<string, CommandRecord>;
  /** ARM resources of types no emulated provider serves (visible through Resource Graph), keyed by lower-cased id. */
  resources?: Record<string, Json>;
  /**
   * Simulated public source IPs (who the Kubernetes API sees as the caller, for authorized-range checks), and the first
   * address of Azure's public IP pool per region (lower-case location), where LoadBalancer Services get theirs.
   */
  simulation: { palisadeClientIp: string; kubectlClientIp: string; publicIpPools?: Record<string, string> };
}

export type WorldEvent =
  /** `object` is the new state (undefined: deleted); `old` the state before, when the writer knows it (undefined: created). */
  | { type: 'kube'; cluster: SandboxCluster; key: string; object: Json | undefined; old?: Json }
  | { type: 'arm'; resourceId: string };

/**
 * The sandbox's whole emulated Azure + Kubernetes state, shared by both emulators.
 * Persisted as one JSON file so a restart keeps it and a new data dir starts from the seed.
 */
export class World extends EventEmitter {
  state: WorldState;

  constructor(private readonly file: string | undefined, seed: () => WorldState) {
    super();
    this.state = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as WorldState) : seed();
    if (file && !fs.existsSync(file)) this.saveNow();
  }

  /** Positions of the clusters by lower-cased name: every Kubernetes request looks its cluster up, and a fleet has 1,000. */
  private byName: { list: SandboxCluster[]; length: number; at: Map<string, number[]> } | undefined;

  findCluster(name: string, subscriptionId?: string, resourceGroup?: string): SandboxCluster | undefined {
    const n = name.toLowerCase();
    const matches = (c: SandboxCluster | undefined): c is SandboxCluster =>
      c !== undefined &&
      c.name.toLowerCase() === n &&
      (!subscriptionId || c.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) &&
      (!resourceGroup || c.resourceGroup.toLowerCase() === resourceGroup.toLowerCase());
    const list = this.state.clusters;
    if (this.byName?.list !== list || this.byName.length !== list.length) {
      const at = new Map<string, number[]>();
      list.forEach((c, i) => at.set(c.name.toLowerCase(), [...(at.get(c.name.toLowerCase()) ?? []), i]));
      this.byName = { list, length: list.length, at };
    }
    // a hit is checked against the list itself; anything else is looked for the slow way, so an edit in place is never missed
    for (const i of this.byName.at.get(n) ?? []) if (matches(list[i])) return list[i];
    return list.find(matches);
  }

  /**
   * Every write goes through here so it is persisted and observers (the AKS controller) hear of it. The save is
   * synchronous, before the emulator answers: like ARM and etcd, an acknowledged write survives a crash.
   */
  changed(event?: WorldEvent): void {
    if (event) this.emit('change', event);
    this.saveNow();
  }

  saveNow(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, this.file); // atomic replace: a crash never leaves half a file
  }

  /** Kept for callers that want an explicit sync point; every change is already on disk. */
  flush(): void {
    this.saveNow();
  }
}

export function kubeKey(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;
}
