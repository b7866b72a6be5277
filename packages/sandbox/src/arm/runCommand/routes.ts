
import { randomUUID } from 'node:crypto';
import { RUN_COMMAND_ADMIN_TOKEN } from '../../kube/authn.js';
import type { CommandRecord, Json, SandboxCluster } from '../../world.js';
import { API_VERSIONS, checkApiVersion } from '../apiVersions.js';
import type { ArmContext } from '../context.js';
import { ArmHttpError, notFound, ok, type ArmReply, type ArmRequest } from '../http.js';
import { contextFiles } from './contextFiles.js';
import { Kubectl } from './kubectl.js';
import { InClusterClient } from './kubeClient.js';
import { runShell } from './shellRunner.js';

/** The token a command runs with when the caller sends no `clusterToken`: the cluster's local admin account. */
export { RUN_COMMAND_ADMIN_TOKEN };
const KEEP_RESULTS = 200;
const PATH = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)\/(runCommand|commandResults\/([^/]+))$/i;

function seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function resultBody(r: CommandRecord): Json {
  if (r.provisioningState === 'failed' && r.reason) return { id: r.id, properties: { provisioningState: 'failed', reason: r.reason } };
  return {
    id: r.id,
    properties: { provisioningState: r.provisioningState, exitCode: r.exitCode, startedAt: r.startedAt, finishedAt: r.finishedAt, logs: r.logs },
  };
}

function records(ctx: ArmContext): Record<string, CommandRecord> {
  ctx.world.state.commandResults ??= {};
  return ctx.world.state.commandResults;
}

function finish(ctx: ArmContext, id: string, result: Partial<CommandRecord>): void {
  const r = records(ctx)[id];
  if (!r) return;
  Object.assign(r, result);
  const all = Object.values(records(ctx));
  // Azure keeps results for a while; the sandbox keeps the latest few hundred
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_RESULTS))) delete records(ctx)[old.id];
  ctx.world.changed({ type: 'arm', resourceId: r.clusterId });
}

/** Runs the command in the cluster (over HTTPS, as the caller, from inside), then stores the result no sooner than the pod would. */
function start(ctx: ArmContext, cluster: SandboxCluster, record: CommandRecord, files: Map<string, string>, token: string): void {
  const began = Date.parse(record.startedAt!);
  const failure = ctx.faults.takeRunCommandFailure(cluster.resource.id);
  const settle = (result: Partial<CommandRecord>) => ctx.schedule(() => finish(ctx, record.id, result), Math.max(0, began + ctx.settings.runCommandDurationMs - Date.now()));
  if (failure) {
    settle({ provisioningState: 'failed', reason: failure, startedAt: undefined });
    return;
  }
  if (!ctx.settings.kubeBaseUrl) {
    settle({ provisioningState: 'failed', reason: 'ClusterUnreachable' });
    return;
  }
  const kube = new InClusterClient(`${ctx.settings.kubeBaseUrl.replace(/\/$/, '')}/clusters/${encodeURIComponent(cluster.name)}`, ctx.tls.caPem, token);
  runShell(record.command, new Kubectl(kube, files), files)
    .then((r) => settle({ provisioningState: 'succeeded', exitCode: r.exitCode, logs: r.logs, finishedAt: seconds(Math.max(Date.now(), began + ctx.settings.runCommandDurationMs)) }))
    .catch((err: unknown) => settle({ provisioningState: 'succeeded', exitCode: 1, logs: `${(err as Error).message}\n`, finishedAt: seconds(Date.now()) }))
    .finally(() => kube.close());
}

/** Commands still running when the sandbox stopped lost their pod. */
export function resumeCommands(ctx: ArmContext): void {
  for (const r of Object.values(records(ctx))) if (r.provisioningState === 'running') Object.assign(r, { provisioningState: 'failed', reason: 'PodDeleted' });
}

/**
 * AKS Run Command: `POST …/managedClusters/{name}/runCommand` → 202 + Location; `GET …/commandResults/{id}` → 202 while
 * the command pod runs, then 200 with `provisioningState` (lower case), `exitCode`, `logs`, `startedAt`, `finishedAt`.
 */
export function handleRunCommand(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const m = PATH.exec(req.path);
  if (!m) return undefined;
  const [, sub, rg, name, what, commandId] = m;
  checkApiVersion(req, API_VERSIONS.managedClusters, 'managedClusters');
  const cluster = ctx.world.findCluster(name, sub, rg);
  if (!cluster) throw notFound('Microsoft.ContainerService/managedClusters', name, rg);
  const location = (id: string) =>
    `${ctx.endpoint}/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}/commandResults/${id}?api-version=${req.query.get('api-version')}`;

  if (commandId) {
    if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
    const r = records(ctx)[commandId];
    if (!r || r.clusterId.toLowerCase() !== cluster.resource.id.toLowerCase()) {
      throw new ArmHttpError(404, 'NotFound', `Command result '${commandId}' was not found for managed cluster '${name}'.`);
    }
    if (r.provisioningState === 'running') return { status: 202, headers: { location: location(r.id) } };
    return ok(resultBody(r));
  }
  if (what.toLowerCase() !== 'runcommand' || req.method !== 'POST') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
  if (cluster.resource.properties?.apiServerAccessProfile?.disableRunCommand === true) {
    throw new ArmHttpError(
      400,
      'OperationNotAllowed',
      `Run command is disabled for managed cluster '${name}' (apiServerAccessProfile.disableRunCommand is true). Enable it with 'az aks update --enable-run-command'.`,
    );
  }
  const command = req.body?.command;
  if (typeof command !== 'string' || !command.trim()) throw new ArmHttpError(400, 'InvalidParameter', 'The value of parameter command is invalid: a command is required.', 'command');
  const files = contextFiles(req.body?.context);
  const clusterToken = typeof req.body?.clusterToken === 'string' ? req.body.clusterToken.trim() : '';
  if (!clusterToken && cluster.resource.properties?.disableLocalAccounts === true) {
    throw new ArmHttpError(400, 'InvalidParameter', 'The cluster has local accounts disabled: clusterToken (an Entra token for the AKS server application) is required.', 'clusterToken');
  }
  const record: CommandRecord = {
    id: randomUUID().replace(/-/g, ''),
    clusterId: cluster.resource.id,
    command,
    provisioningState: 'running',
    startedAt: seconds(Date.now()),
  };
  records(ctx)[record.id] = record;
  ctx.world.changed({ type: 'arm', resourceId: cluster.resource.id });
  start(ctx, cluster, record, files, clusterToken || RUN_COMMAND_ADMIN_TOKEN);
  return { status: 202, headers: { location: location(record.id) } };
}
