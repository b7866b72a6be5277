import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import type { ArmOperation, Json, SandboxCluster } from '../world.js';
import { API_VERSIONS, checkApiVersion } from './apiVersions.js';
import { validateAuthorizedRanges } from './authorizedRanges.js';
import type { ArmContext } from './context.js';
import { ArmHttpError, clone, header, notFound, ok, paged, type ArmReply, type ArmRequest } from './http.js';
import { linkedAuthorizationFailed } from './rbac/rbac.js';

const TYPE = 'Microsoft.ContainerService/managedClusters';
const OPERATION_API_VERSION = '2017-08-31';

/** Properties AKS computes; a PUT body never overrides them. */
const READ_ONLY = ['provisioningState', 'powerState', 'fqdn', 'azurePortalFQDN', 'privateFQDN', 'currentKubernetesVersion', 'maxAgentPools'];

function clusterId(sub: string, rg: string, name: string): string {
  return `/subscriptions/${sub}/resourcegroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

function requireSubscription(ctx: ArmContext, sub: string): void {
  if (!Object.keys(ctx.world.state.subscriptions).some((s) => s.toLowerCase() === sub.toLowerCase())) {
    throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
  }
}

function requireCluster(ctx: ArmContext, sub: string, rg: string, name: string): SandboxCluster {
  const c = ctx.world.findCluster(name, sub, rg);
  if (!c) throw notFound(TYPE, name, rg);
  return c;
}

function runningOperation(ctx: ArmContext, resourceId: string): ArmOperation | undefined {
  return Object.values(ctx.world.state.operations).find(
    (o) => o.status === 'InProgress' && o.resourceId.toLowerCase() === resourceId.toLowerCase(),
  );
}

/** Completes every operation whose time has come: installs the pending body or marks the cluster Failed. */
export function settleOperations(ctx: ArmContext): void {
  const now = Date.now();
  for (const op of Object.values(ctx.world.state.operations)) {
    if (op.status !== 'InProgress' || op.completeAt > now) continue;
    const cluster = ctx.world.state.clusters.find((c) => c.resource.id.toLowerCase() === op.resourceId.toLowerCase());
    op.endTime = new Date().toISOString();
    if (op.error) {
      op.status = 'Failed';
      if (cluster) {
        cluster.resource.properties.provisioningState = 'Failed';
        cluster.resource.eTag = randomUUID();
      }
    } else {
      op.status = 'Succeeded';
      if (cluster && op.pending) {
        cluster.resource = { ...op.pending, eTag: randomUUID() };
        cluster.resource.properties.provisioningState = 'Succeeded';
      }
    }
    delete op.pending;
    ctx.world.changed({ type: 'arm', resourceId: op.resourceId });
  }
}

/** Re-arms completion timers for operations persisted mid-flight (after a restart). */
export function resumeOperations(ctx: ArmContext): void {
  settleOperations(ctx);
  for (const op of Object.values(ctx.world.state.operations)) {
    if (op.status === 'InProgress') ctx.schedule(() => settleOperations(ctx), Math.max(0, op.completeAt - Date.now()));
  }
}

/** User-assigned identities a cluster body references (control plane and kubelet): ARM's linked scopes for a PUT. */
function userAssignedIdentities(body: Json): string[] {
  const ids = Object.keys(body.identity?.userAssignedIdentities ?? {});
  const kubelet = body.properties?.identityProfile?.kubeletidentity?.resourceId;
  if (typeof kubelet === 'string') ids.push(kubelet);
  return [...new Set(ids)];
}

/** A PUT naming user-assigned identities needs `…/userAssignedIdentities/assign/action` on each (ARM's linked access check). */
function checkLinkedIdentities(ctx: ArmContext, req: ArmRequest, clusterId: string, body: Json): void {
  const principal = req.principal;
  if (!principal) return;
  const action = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';
  const linked = userAssignedIdentities(body);
  const denied = linked.filter((id) => !ctx.rbac.allows(principal, action, id));
  if (denied.length > 0) throw linkedAuthorizationFailed(principal, 'Microsoft.ContainerService/managedClusters/write', clusterId, action, denied);
  if (linked.length > 0) ctx.rbac.recordUse(principal, action);
}

/** The cluster as it will be after this PUT: body's writable fields over the stored resource's computed ones. */
function desiredResource(existing: Json | undefined, body: Json, id: string, name: string): Json {
  const baseProps: Json = existing?.properties ?? {};
  const props: Json = { ...(body.properties ?? {}) };
  for (const k of READ_ONLY) {
    if (baseProps[k] !== undefined) props[k] = baseProps[k];
    else delete props[k];
  }
  if (!props.nodeResourceGroup && baseProps.nodeResourceGroup) props.nodeResourceGroup = baseProps.nodeResourceGroup;
  const baseLb = baseProps.networkProfile?.loadBalancerProfile;
  if (props.networkProfile && baseLb?.effectiveOutboundIPs) {
    props.networkProfile = {
      ...props.networkProfile,
      loadBalancerProfile: { ...(props.networkProfile.loadBalancerProfile ?? {}), effectiveOutboundIPs: baseLb.effectiveOutboundIPs },
    };
  } else if (!props.networkProfile && baseProps.networkProfile) {
    props.networkProfile = baseProps.networkProfile;
  }
  if (Array.isArray(props.agentPoolProfiles) && Array.isArray(baseProps.agentPoolProfiles)) {
    props.agentPoolProfiles = props.agentPoolProfiles.map((p: Json) => ({
      ...(baseProps.agentPoolProfiles.find((b: Json) => b.name === p.name) ?? {}),
      ...p,
    }));
  }
  return {
    ...(existing ?? {}),
    ...body,
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: existing?.type ?? 'Microsoft.ContainerService/ManagedClusters',
    location: existing?.location ?? body.location,
    properties: props,
  };
}

function createFromBody(ctx: ArmContext, sub: string, rg: string, name: string, desired: Json): SandboxCluster {
  const p = desired.properties;
  const dnsPrefix = p.dnsPrefix ?? `${name}-${rg}-${sub.slice(0, 6)}`;
  p.nodeResourceGroup ??= `MC_${rg}_${name}_${desired.location}`;
  p.maxAgentPools = 100;
  p.powerState = { code: 'Running' };
  p.currentKubernetesVersion = p.kubernetesVersion || '1.31.5';
  p.kubernetesVersion ||= p.currentKubernetesVersion;
  if (p.apiServerAccessProfile?.enablePrivateCluster) p.privateFQDN = `${dnsPrefix}-${randomUUID().slice(0, 8)}.privatelink.${desired.location}.azmk8s.io`;
  else p.fqdn = `${dnsPrefix}-${randomUUID().slice(0, 8)}.hcp.${desired.location}.azmk8s.io`;
  const cluster: SandboxCluster = {
    subscriptionId: sub,
    resourceGroup: rg,
    name,
    resource: { ...desired, properties: { ...p, provisioningState: 'Creating' }, eTag: randomUUID() },
    kube: { resourceVersion: 1, objects: {} },
  };
  ctx.world.state.clusters.push(cluster);
  return cluster;
}

function put(ctx: ArmContext, req: ArmRequest, sub: string, rg: string, name: string): ArmReply {
  const existing = ctx.world.findCluster(name, sub, rg);
  const id = existing?.resource.id ?? clusterId(sub, rg, name);
  const ifMatch = header(req, 'if-match');
  if (ifMatch && ifMatch !== '*') {
    const want = ifMatch.replace(/^W\//, '').replace(/"/g, '');
    if (!existing || existing.resource.eTag !== want) {
      throw new ArmHttpError(
        412,
        'PreconditionFailed',
        `Operation failed with status: 'Precondition Failed'. Details: The specified If-Match etag '${want}' does not match the current etag of managed cluster '${name}'.`,
      );
    }
  } else if (ifMatch === '*' && !existing) {
    throw new ArmHttpError(412, 'PreconditionFailed', `Operation failed with status: 'Precondition Failed'. Details: managed cluster '${name}' does not exist.`);
  }
  if (header(req, 'if-none-match') === '*' && existing) {
    throw new ArmHttpError(412, 'PreconditionFailed', `Operation failed with status: 'Precondition Failed'. Details: managed cluster '${name}' already exists.`);
  }
  if (existing && runningOperation(ctx, id)) {
    const state = existing.resource.properties.provisioningState === 'Creating' ? 'create' : 'update';
    throw new ArmHttpError(
      409,
      'OperationNotAllowed',
      `Operation is not allowed because there's an in progress ${state} managed cluster operation for ${name} and it should be finished before trying again. Please wait for the in progress operation to finish and try again.`,
    );
  }
  const body = req.body;
  if (!body || typeof body !== 'object') throw new ArmHttpError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  if (!existing && !body.location) throw new ArmHttpError(400, 'LocationRequired', 'The location property is required for this definition.');
  if (existing && body.location && String(body.location).replace(/\s/g, '').toLowerCase() !== String(existing.resource.location).toLowerCase()) {
    throw new ArmHttpError(400, 'InvalidParameter', `Changing property 'location' is not allowed.`, 'location');
  }

  checkLinkedIdentities(ctx, req, id, body);
  const desired = desiredResource(existing?.resource, clone(body), id, name);
  const ranges = validateAuthorizedRanges(desired.properties);
  if (ranges) desired.properties.apiServerAccessProfile.authorizedIPRanges = ranges;

  const location = String(desired.location);
  const opId = randomUUID();
  const now = Date.now();
  const op: ArmOperation = {
    id: opId,
    resourceId: id,
    status: 'InProgress',
    startTime: new Date(now).toISOString(),
    completeAt: now + ctx.settings.lroDurationMs,
    error: ctx.faults.takeLroFailure(id),
  };
  let status: number;
  let answer: Json;
  if (existing) {
    op.pending = { ...desired, eTag: undefined };
    existing.resource.properties.provisioningState = 'Updating';
    existing.resource.eTag = randomUUID();
    answer = { ...desired, eTag: existing.resource.eTag, properties: { ...desired.properties, provisioningState: 'Updating' } };
    status = 200;
  } else {
    const created = createFromBody(ctx, sub, rg, name, desired);
    op.pending = clone(created.resource);
    answer = created.resource;
    status = 201;
  }
  ctx.world.state.operations[opId] = op;
  ctx.world.changed({ type: 'arm', resourceId: id });
  ctx.schedule(() => settleOperations(ctx), ctx.settings.lroDurationMs);
  const asyncUrl = `${ctx.endpoint}/subscriptions/${sub}/providers/Microsoft.ContainerService/locations/${location}/operations/${opId}?api-version=${OPERATION_API_VERSION}`;
  return { status, body: clone(answer), headers: { 'azure-asyncoperation': asyncUrl } };
}

/** PATCH carries tags only (ManagedClusters_UpdateTags); answered synchronously with the full cluster. */
function updateTags(ctx: ArmContext, req: ArmRequest, sub: string, rg: string, name: string): ArmReply {
  const cluster = requireCluster(ctx, sub, rg, name);
  if (runningOperation(ctx, cluster.resource.id)) {
    throw new ArmHttpError(409, 'OperationNotAllowed', `Operation is not allowed because there's an in progress update managed cluster operation for ${name} and it should be finished before trying again. Please wait for the in progress operation to finish and try again.`);
  }
  const tags = req.body?.tags;
  if (!tags || typeof tags !== 'object') throw new ArmHttpError(400, 'InvalidParameter', 'The request body must carry tags.', 'tags');
  cluster.resource.tags = { ...tags };
  cluster.resource.eTag = randomUUID();
  ctx.world.changed({ type: 'arm', resourceId: cluster.resource.id });
  return ok(clone(cluster.resource));
}

function operationStatus(ctx: ArmContext, opId: string): ArmReply {
  settleOperations(ctx);
  const op = ctx.world.state.operations[opId];
  if (!op) throw new ArmHttpError(404, 'OperationNotFound', `The operation '${opId}' could not be found.`);
  return ok({
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    ...(op.endTime ? { endTime: op.endTime } : {}),
    ...(op.status === 'Failed' && op.error ? { error: { code: op.error.code, message: op.error.message } } : {}),
  });
}

/** A user kubeconfig pointing at the Kubernetes emulator; no credentials: Palisade brings its own Entra token. */
export function userKubeconfig(ctx: ArmContext, cluster: SandboxCluster): string {
  const server = ctx.settings.kubeBaseUrl
    ? `${ctx.settings.kubeBaseUrl.replace(/\/$/, '')}/clusters/${cluster.name}`
    : `https://${cluster.resource.properties.fqdn ?? cluster.resource.properties.privateFQDN}:443`;
  const user = `clusterUser_${cluster.resourceGroup}_${cluster.name}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: { 'certificate-authority-data': Buffer.from(ctx.tls.caPem).toString('base64'), server } }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user } }],
    'current-context': cluster.name,
    preferences: {},
    users: [{ name: user, user: {} }],
  });
}

/** Routes Microsoft.ContainerService requests; returns undefined when the path is not ours. */
export function handleContainerService(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const p = req.path;
  let m = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.ContainerService\/locations\/([^/]+)\/operations\/([^/]+)$/i.exec(p);
  if (m) {
    checkApiVersion(req, [...API_VERSIONS.aksOperations, ...API_VERSIONS.managedClusters], 'locations/operations');
    if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
    return operationStatus(ctx, m[3]);
  }
  m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/Microsoft\.ContainerService\/managedClusters(?:\/([^/]+)(?:\/([^/]+))?)?$/i.exec(p);
  if (!m) return undefined;
  checkApiVersion(req, API_VERSIONS.managedClusters, 'managedClusters');
  const [, sub, rg, name, action] = m;
  requireSubscription(ctx, sub);
  settleOperations(ctx);
  if (!name) {
    if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
    const all = ctx.world.state.clusters.filter(
      (c) => c.subscriptionId.toLowerCase() === sub.toLowerCase() && (!rg || c.resourceGroup.toLowerCase() === rg.toLowerCase()),
    );
    return paged(ctx.endpoint, req, all.map((c) => c.resource), ctx.settings.pageSize);
  }
  if (!rg) return undefined;
  if (action) {
    if (action.toLowerCase() === 'listclusterusercredential' && req.method === 'POST') {
      const cluster = requireCluster(ctx, sub, rg, name);
      const value = Buffer.from(userKubeconfig(ctx, cluster)).toString('base64');
      return ok({ kubeconfigs: [{ name: 'clusterUser', value }] });
    }
    return undefined;
  }
  if (req.method === 'GET') return ok(clone(requireCluster(ctx, sub, rg, name).resource));
  if (req.method === 'PUT') return put(ctx, req, sub, rg, name);
  if (req.method === 'PATCH') return updateTags(ctx, req, sub, rg, name);
  throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed for managed clusters in this emulator.`);
}
