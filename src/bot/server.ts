import './restifyCompat.js';
import restify from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { TeamsAdapter, type TurnHandler } from './teamsAdapter.js';

/** A plain HTTP route the core serves beside the bot endpoint (e.g. the IP-capture link). */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(req: { params: Record<string, string>; headers: Record<string, string | string[] | undefined>; remoteAddress: string }): Promise<{
    status: number;
    contentType?: string;
    body: string;
  }>;
}

export interface BotServer {
  url: string;
  port: number;
  messenger: TeamsAdapter;
  /** Stop taking turns (503, so the Bot Connector retries elsewhere); health routes keep answering. */
  drain(): void;
  close(): Promise<void>;
}

/** restify + CloudAdapter: POST /api/messages, GET /healthz, and the core's extra routes. */
export async function startBotServer(opts: {
  config: Config;
  log: Logger;
  handler: TurnHandler;
  routes?: HttpRoute[];
  health?: () => Record<string, unknown>;
  /** `/readyz`: 200 when ready, 503 with the report otherwise. Without it, ready whenever the server is up. */
  ready?: () => Promise<{ ready: boolean; reason?: string; checks?: Record<string, string> }>;
}): Promise<BotServer> {
  const { config, log } = opts;
  const teams = new TeamsAdapter(config, log);
  const server = restify.createServer({ name: 'palisade', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  let draining = false;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body) || typeof req.body.type !== 'string') {
      res.send(400, { error: 'expected a Bot Framework activity (a JSON object with a type)' });
      return;
    }
    try {
      await teams.adapter.process(req, res, (context) => teams.handle(context, opts.handler));
    } catch (err) {
      log.error({ err }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', mode: config.mode, ...(opts.health?.() ?? {}) });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      const report = draining ? { ready: false, reason: 'shutting down' } : ((await opts.ready?.()) ?? { ready: true });
      res.header('cache-control', 'no-store');
      res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report });
    } catch (err) {
      log.error({ err }, 'readiness check failed');
      res.send(503, { status: 'not ready', ready: false, reason: 'readiness check failed' });
    }
  });

  for (const route of opts.routes ?? []) {
    const register = route.method === 'GET' ? server.get.bind(server) : server.post.bind(server);
    register(route.path, async (req: restify.Request, res: restify.Response) => {
      try {
        const out = await route.handle({
          params: (req.params ?? {}) as Record<string, string>,
          headers: req.headers,
          remoteAddress: req.socket.remoteAddress ?? '',
        });
        res.writeHead(out.status, { 'content-type': out.contentType ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(out.body);
      } catch (err) {
        log.error({ err, path: route.path }, 'route failed');
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error');
      }
    });
  }

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messenger: teams,
    drain: () => {
      draining = true;
    },
    close: () => {
      draining = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
