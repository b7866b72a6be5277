import { randomUUID } from 'node:crypto';
import type { Json, SandboxCluster, WorldState } from '../world.js';

/** One reconcile's view of a cluster's node resource group, and the writes it makes there. */
export interface ProviderContext {
  state: WorldState;
  cluster: SandboxCluster;
  nodeRgId: string;
  location: string;
  /** ARM ids of the network resources this reconcile changed. */
  changedArm: Set<string>;
}

export function networkId(ctx: ProviderContext, type: string, name: string): string {
  return `${ctx.nodeRgId}/providers/Microsoft.Network/${type}/${name}`;
}

export function getNet(ctx: ProviderContext, id: string): Json | undefined {
  return ctx.state.network[id.toLowerCase()];
}

export function newEtag(): string {
  return `W/"${randomUUID()}"`;
}

/** Child resources carry the parent's etag on the wire. */
function stampEtags(resource: Json): void {
  for (const v of Object.values(resource.properties ?? {})) if (Array.isArray(v)) for (const child of v) if (child && typeof child === 'object' && 'etag' in child) child.etag = resource.etag;
}

/** Writes (or deletes) a network resource with a fresh etag, unless it did not change. */
export function putNet(ctx: ProviderContext, id: string, resource: Json | undefined, before: string | undefined): void {
  const after = resource ? JSON.stringify(resource) : undefined;
  if (after === before) return;
  if (resource) {
    resource.etag = newEtag();
    stampEtags(resource);
    ctx.state.network[id.toLowerCase()] = resource;
  } else delete ctx.state.network[id.toLowerCase()];
  ctx.changedArm.add(id);
}

export function withoutEtags(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEtags);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'etag').map(([k, x]) => [k, withoutEtags(x)]));
  return v;
}
