import type { Json, World } from '../world.js';
import { READ_ACTION, type Row } from './evaluate.js';

const ID = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i;

/** One ARM resource as a row of Resource Graph's `Resources` table (type lower-cased, scope columns split out). */
export function toRow(resource: Json, tenantId: string): Row {
  const m = ID.exec(String(resource.id ?? ''));
  return {
    id: resource.id,
    name: resource.name,
    type: String(resource.type ?? '').toLowerCase(),
    tenantId,
    kind: resource.kind ?? '',
    location: resource.location ?? '',
    resourceGroup: m?.[2] ?? '',
    subscriptionId: m?.[1] ?? '',
    managedBy: resource.managedBy ?? '',
    sku: resource.sku ?? null,
    plan: resource.plan ?? null,
    properties: resource.properties ?? {},
    tags: resource.tags ?? {},
    identity: resource.identity ?? null,
    zones: resource.zones ?? null,
    extendedLocation: resource.extendedLocation ?? null,
  };
}

/** Tables built in this turn of the event loop, per world and scope: queries answered together (a fleet's chunks) share one. */
let built: WeakMap<World, Map<string, Row[]>> | undefined;

/** Every resource the world holds, in a stable order: clusters, their network, then any other resources. */
export function resourcesTable(world: World, subscriptions: Set<string>, tenantOf: (sub: string) => string): Row[] {
  if (!built) {
    built = new WeakMap();
    setImmediate(() => (built = undefined)); // the next turn sees every write since
  }
  const scope = [...subscriptions].sort().join(',');
  let tables = built.get(world);
  if (!tables) built.set(world, (tables = new Map()));
  let rows = tables.get(scope);
  if (!rows) tables.set(scope, (rows = buildTable(world, subscriptions, tenantOf)));
  return rows;
}

function buildTable(world: World, subscriptions: Set<string>, tenantOf: (sub: string) => string): Row[] {
  const rows: Row[] = [];
  const add = (r: Json) => {
    const sub = ID.exec(String(r.id ?? ''))?.[1]?.toLowerCase();
    if (!sub || !subscriptions.has(sub)) return;
    const row = toRow(r, tenantOf(sub));
    row[READ_ACTION] = `${r.type}/read`; // what reading it through ARM needs, for RBAC filtering
    rows.push(row);
  };
  for (const c of world.state.clusters) add(c.resource);
  for (const r of Object.values(world.state.network)) add(r);
  for (const r of Object.values(world.state.resources ?? {})) add(r);
  return rows;
}
