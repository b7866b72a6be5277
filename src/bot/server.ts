import './restifyCompat.js';
import restify from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { HttpRoute } from '../chat/http.js';
import { TeamsAdapter, type TurnHandler } from './teamsAdapter.js';

export interface BotServer {
  url: string;
  port: number;
  /** Sends and updates messages; there from the start, so the core can be built before it serves turns. */
  messenger: TeamsAdapter;
  /** Starts serving turns (and the core's extra routes); until then /api/messages answers 503. */
  mount(handler: TurnHandler, routes: HttpRoute[]): void;
  /** Stop taking turns (503, so the Bot Connector retries elsewhere); health routes keep answering. */
  drain(): void;
  close(): Promise<void>;
}

/** restify + CloudAdapter, listening: POST /api/messages, GET /healthz, and (once mounted) the core's extra routes. */
export async function startBotServer(opts: {
  config: Config;
  log: Logger;
  health?: () => Record<string, unknown>;
  /** `/readyz`: 200 when ready, 503 with the report otherwise. Without it, ready once turns are served. */
  ready?: () => Promise<{ ready: boolean; reason?: string; checks?: Record<string, string> }>;
}): Promise<BotServer> {
  const { config, log } = opts;
  const teams = new TeamsAdapter(config, log);
  const server = restify.createServer({ name: 'palisade', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  let handler: TurnHandler | undefined;
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
    const serve = handler;
    if (!serve) {
      res.send(503, { error: 'Palisade is starting; try again in a moment' });
      return;
    }
    try {
      await teams.adapter.process(req, res, (context) => teams.handle(context, serve));
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
      const report = draining
        ? { ready: false, reason: 'shutting down' }
        : !handler
          ? { ready: false, reason: 'starting' }
          : ((await opts.ready?.()) ?? { ready: true });
      res.header('cache-control', 'no-store');
      res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report });
    } catch (err) {
      log.error({ err }, 'readiness check failed');
      res.send(503, { status: 'not ready', ready: false, reason: 'readiness check failed' });
    }
  });

  const addRoute = (route: HttpRoute) => {
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
  };

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messenger: teams,
    mount(turnHandler, routes) {
      routes.forEach(addRoute);
      handler = turnHandler;
    },
    drain: () => {
      draining = true;
    },
    close: () => {
      draining = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
