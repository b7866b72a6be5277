import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import type { SandboxTls } from '../tls.js';
import type { Json, World } from '../world.js';
import type { ArmContext, ArmSettings } from './context.js';
import { handleResourceGraph, type ResourceGraphSettings } from '../resourceGraph/index.js';
import { ArmFaults } from './faults.js';
import { ArmHttpError, type ArmReply, type ArmRequest } from './http.js';
import { handleContainerService, resumeOperations } from './managedClusters.js';
import { handleNetwork } from './network.js';
import { requestAccess } from './rbac/actions.js';
import { ArmRbac, loadShippedRole, type RoleProperties } from './rbac/rbac.js';
import { handleRoleDefinitions } from './rbac/roleDefinitions.js';
import { handleRunCommand, resumeCommands } from './runCommand/routes.js';
import { handleSecurity, resumeScans } from './security.js';
import { handleSubscriptions } from './subscriptions.js';
import { ArmThrottle } from './throttle.js';

export { ArmFaults, type FaultRule, type LroFailure } from './faults.js';
export type { ArmSettings } from './context.js';
export { validateAuthorizedRanges } from './authorizedRanges.js';
export { API_VERSIONS } from './apiVersions.js';
export { ArmRbac, OWNER_ROLE_ID, SHIPPED_ROLE_FILE, loadShippedRole, roleAllows, type RoleAssignment, type RoleDefinition, type RoleProperties } from './rbac/rbac.js';
export { requestAccess, type RequestAccess } from './rbac/actions.js';
export {
  OPERATOR_PRINCIPAL,
  PALISADE_PRINCIPAL,
  PALISADE_SANDBOX_TOKEN,
  SANDBOX_OPERATOR_PRINCIPAL_ID,
  SANDBOX_OPERATOR_TOKEN,
  type Principal,
} from './rbac/tokens.js';
export { ArmThrottle, ARM_LIMITS, type BucketSpec, type ThrottleLimits } from './throttle.js';
export { RUN_COMMAND_ADMIN_TOKEN } from './runCommand/routes.js';

export interface ArmEmulatorOptions {
  world: World;
  tls: SandboxTls;
  /** Added to every answer (the sandbox's PALISADE_SANDBOX_LATENCY_MS). */
  latencyMs?: number;
  faults?: ArmFaults;
  kubeBaseUrl?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  settings?: Partial<Omit<ArmSettings, 'kubeBaseUrl'>>;
  /** The custom role Palisade's principal holds; defaults to the repo's infra/palisade-role.json. */
  palisadeRole?: RoleProperties;
  log?: Logger;
}

export interface ArmEmulator {
  /** `https://127.0.0.1:<port>`, what the SDK clients take as `endpoint`. */
  endpoint: string;
  faults: ArmFaults;
  /** Mutable: tests shorten LROs, shrink pages, speed up scans. */
  settings: ArmSettings;
  /** Azure RBAC as enforced here: the shipped role, assignments, tokens, and the actions Palisade used. */
  rbac: ArmRbac;
  /** Read/write throttling (token buckets per subscription and principal) and Resource Graph's quota. */
  throttle: ArmThrottle;
  /** Resource Graph's page size. */
  resourceGraph: ResourceGraphSettings;
  setKubeBaseUrl(url: string): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Json | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ArmHttpError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
}

/** Starts an HTTPS server answering the slice of Azure Resource Manager Palisade uses, from the shared World. */
export async function startArmEmulator(options: ArmEmulatorOptions): Promise<ArmEmulator> {
  // The caller's logger (validated config); standalone tests get a quiet one
  const log = (options.log ?? pino({ level: 'silent' })).child({ component: 'arm-emulator' });
  const faults = options.faults ?? new ArmFaults();
  if (options.latencyMs) faults.latencyMs = options.latencyMs;
  const settings: ArmSettings = {
    lroDurationMs: 1500,
    pageSize: 50,
    assessmentPageSize: 50,
    subAssessmentPageSize: 10,
    firstScanDelayMs: 5000,
    firstScanFindingsPerImage: 8,
    runCommandDurationMs: 3000,
    subscriptionPageSize: 50,
    ...options.settings,
    kubeBaseUrl: options.kubeBaseUrl,
  };
  const timers = new Set<NodeJS.Timeout>();
  const rbac = new ArmRbac(options.palisadeRole ?? loadShippedRole(), Object.keys(options.world.state.subscriptions));
  const throttle = new ArmThrottle();
  const resourceGraph: ResourceGraphSettings = { pageSize: 1000 };
  const ctx: ArmContext = {
    rbac,
    world: options.world,
    tls: options.tls,
    faults,
    settings,
    endpoint: '',
    schedule(fn, ms) {
      const t = setTimeout(() => {
        timers.delete(t);
        try {
          fn();
        } catch (err) {
          log.error({ err }, 'scheduled emulator task failed');
        }
      }, ms);
      t.unref();
      timers.add(t);
    },
  };

  /** ARM's order: authenticate (401), throttle (429), authorize (403), then the resource provider. */
  function route(armReq: ArmRequest, authorization: string | undefined): { reply: ArmReply; headers: Record<string, string> } {
    const principal = rbac.authenticate(authorization);
    armReq.principal = principal;
    if (/^\/providers\/Microsoft\.ResourceGraph\//i.test(armReq.path)) {
      const headers = throttle.takeResourceGraph(principal.objectId);
      return { reply: handleResourceGraph(ctx, armReq, resourceGraph) ?? notFound(armReq), headers };
    }
    const access = requestAccess(armReq.method, armReq.path);
    if (access.subscriptionId && !Object.keys(ctx.world.state.subscriptions).some((k) => k.toLowerCase() === access.subscriptionId!.toLowerCase())) {
      throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${access.subscriptionId}' could not be found.`);
    }
    const headers = throttle.take(access.kind, principal.objectId, access.subscriptionId);
    try {
      if (access.action) rbac.authorize(principal, access.action, access.scope);
      const reply =
        handleSubscriptions(ctx, armReq) ??
        handleRoleDefinitions(ctx, armReq) ??
        handleRunCommand(ctx, armReq) ??
        handleContainerService(ctx, armReq) ??
        handleNetwork(ctx, armReq) ??
        handleSecurity(ctx, armReq) ??
        notFound(armReq);
      return { reply, headers };
    } catch (err) {
      if (err instanceof ArmHttpError) err.headers = { ...headers, ...err.headers };
      throw err;
    }
  }

  function notFound(armReq: ArmRequest): never {
    throw new ArmHttpError(404, 'InvalidResourceType', `The resource type for path '${armReq.path}' could not be found in the sandbox.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const correlation = (req.headers['x-ms-correlation-request-id'] as string | undefined) ?? (req.headers['x-ms-client-request-id'] as string | undefined) ?? requestId;
    let headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      'x-ms-request-id': requestId,
      'x-ms-correlation-request-id': correlation,
      'x-ms-routing-request-id': `EASTUS:${new Date().toISOString().replace(/[-:.]/g, '')}:${requestId}`,
    };
    let reply: ArmReply;
    let dropAfter = false;
    try {
      const url = new URL(req.url ?? '/', ctx.endpoint);
      const body = await readBody(req);
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const injected = faults.take(req.method ?? 'GET', `${url.pathname}${url.search}`);
      dropAfter = injected !== undefined && 'drop' in injected && injected.drop === 'after';
      if (injected && 'drop' in injected && injected.drop === 'before') return void req.socket.destroy();
      if (injected && 'status' in injected) {
        reply = injected;
      } else {
        const armReq: ArmRequest = {
          method: (req.method ?? 'GET').toUpperCase(),
          path: decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/').replace(/\/$/, ''),
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        const routed = route(armReq, req.headers.authorization);
        reply = routed.reply;
        headers = { ...headers, ...routed.headers };
      }
    } catch (err) {
      if (err instanceof ArmHttpError) {
        reply = { status: err.status, body: err.toBody(), headers: err.headers };
      } else {
        log.error({ err }, 'ARM emulator failure');
        reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'The sandbox ARM emulator failed; see its log.' } } };
      }
    }
    // handled (and persisted); the caller never hears the answer
    if (dropAfter) return void req.socket.destroy();
    if (reply.status >= 400 && reply.status !== 404) log.debug({ method: req.method, url: req.url, status: reply.status }, 'ARM error answer');
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...headers, ...(reply.headers ?? {}), 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
    void handle(req, res);
  });
  // Azure's front ends keep an idle connection for minutes: Node's 5 s default races a client reusing its socket
  server.keepAliveTimeout = 240_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  ctx.endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resumeOperations(ctx);
  resumeScans(ctx);
  resumeCommands(ctx);

  return {
    endpoint: ctx.endpoint,
    faults,
    settings,
    rbac,
    throttle,
    resourceGraph,
    setKubeBaseUrl(url: string) {
      settings.kubeBaseUrl = url;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
