import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import type { SandboxTls } from '../tls.js';
import type { Json, World } from '../world.js';
import type { ArmContext, ArmSettings } from './context.js';
import { ArmFaults } from './faults.js';
import { ArmHttpError, type ArmReply, type ArmRequest } from './http.js';
import { handleContainerService, resumeOperations } from './managedClusters.js';
import { handleNetwork } from './network.js';
import { handleSecurity, resumeScans } from './security.js';

export { ArmFaults, type FaultRule, type LroFailure } from './faults.js';
export type { ArmSettings } from './context.js';
export { validateAuthorizedRanges } from './authorizedRanges.js';
export { API_VERSIONS } from './apiVersions.js';

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
  log?: Logger;
}

export interface ArmEmulator {
  /** `https://127.0.0.1:<port>`, what the SDK clients take as `endpoint`. */
  endpoint: string;
  faults: ArmFaults;
  /** Mutable: tests shorten LROs, shrink pages, speed up scans. */
  settings: ArmSettings;
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
    ...options.settings,
    kubeBaseUrl: options.kubeBaseUrl,
  };
  const timers = new Set<NodeJS.Timeout>();
  const counters = { reads: 0, writes: 0 };
  const ctx: ArmContext = {
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const correlation = (req.headers['x-ms-correlation-request-id'] as string | undefined) ?? (req.headers['x-ms-client-request-id'] as string | undefined) ?? requestId;
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    const remaining = isRead ? 11999 - (counters.reads++ % 12000) : 1199 - (counters.writes++ % 1200);
    const baseHeaders: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      'x-ms-request-id': requestId,
      'x-ms-correlation-request-id': correlation,
      'x-ms-routing-request-id': `EASTUS:${new Date().toISOString().replace(/[-:.]/g, '')}:${requestId}`,
      [isRead ? 'x-ms-ratelimit-remaining-subscription-reads' : 'x-ms-ratelimit-remaining-subscription-writes']: String(remaining),
    };
    let reply: ArmReply;
    try {
      const url = new URL(req.url ?? '/', ctx.endpoint);
      const body = await readBody(req);
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const injected = faults.take(req.method ?? 'GET', `${url.pathname}${url.search}`);
      if (injected) {
        reply = injected;
      } else {
        const armReq: ArmRequest = {
          method: (req.method ?? 'GET').toUpperCase(),
          path: decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/').replace(/\/$/, ''),
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        reply =
          handleContainerService(ctx, armReq) ??
          handleNetwork(ctx, armReq) ??
          handleSecurity(ctx, armReq) ??
          (() => {
            throw new ArmHttpError(404, 'InvalidResourceType', `The resource type for path '${armReq.path}' could not be found in the sandbox.`);
          })();
      }
    } catch (err) {
      if (err instanceof ArmHttpError) {
        reply = { status: err.status, body: err.toBody(), headers: err.headers };
      } else {
        log.error({ err }, 'ARM emulator failure');
        reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'The sandbox ARM emulator failed; see its log.' } } };
      }
    }
    if (reply.status >= 400 && reply.status !== 404) log.debug({ method: req.method, url: req.url, status: reply.status }, 'ARM error answer');
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...baseHeaders, ...(reply.headers ?? {}), 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  ctx.endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resumeOperations(ctx);
  resumeScans(ctx);

  return {
    endpoint: ctx.endpoint,
    faults,
    settings,
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
