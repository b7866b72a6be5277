import './restifyCompat.js';
import restify from 'restify';
import type { Config } from '../config.js';
import { errorRef } from '../errors.js';
import type { Logger } from '../log.js';
import type { HttpRoute } from '../chat/http.js';
import { isLoopbackHost } from '../text/addresses.js';
import type { Timings } from '../timings.js';
import { checkActivity } from './activitySchema.js';
import { type BotAuthEndpoints, TeamsAdapter, type TurnHandler } from './teamsAdapter.js';

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

export interface BotServerOptions {
  config: Config;
  log: Logger;
  timings: Pick<Timings, 'connectorTimeoutMs' | 'authTimeoutMs' | 'messageAnswerMs'>;
  health?: () => Record<string, unknown>;
  /** Tests: the channel's OpenID metadata on a local emulator instead of login.botframework.com. */
  botAuth?: BotAuthEndpoints;
  /** `/readyz`: 200 when ready, 503 with the report otherwise. Without it, ready once turns are served. */
  ready?: () => Promise<{ ready: boolean; reason?: string; checks?: Record<string, string> }>;
}

const UNAUTHORIZED = 'Unauthorized: this endpoint accepts only requests signed by the Bot Framework.';
const CANNOT_VERIFY = 'Palisade cannot verify the request’s token right now (the Bot Framework’s signing keys are unreachable); try again shortly.';
/** Pages served beside the bot (the capture link): no framing, no referrer (the URL holds a token), nothing loaded. */
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** restify + CloudAdapter, listening: POST /api/messages, GET /healthz, and (once mounted) the core's extra routes. */
export async function startBotServer(opts: BotServerOptions): Promise<BotServer> {
  const { config, log, timings } = opts;
  // Belt and braces for hand-built configs: loadConfig refuses this combination already
  if (config.bot.appType === 'anonymous' && (config.mode !== 'sandbox' || !isLoopbackHost(config.host)))
    throw new Error('refusing to serve unsigned requests: without MicrosoftAppId Palisade listens only in sandbox mode on loopback');
  const teams = new TeamsAdapter(config, log, timings, opts.botAuth);
  const server = restify.createServer({ name: 'palisade', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  let handler: TurnHandler | undefined;
  let draining = false;
  // message turns answered late (202) go on after their POST: a graceful stop waits for them before the store closes
  // (and for turns the adapter detached past the reply deadline)
  const turnsInFlight = new Set<Promise<unknown>>();

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    const checked = checkActivity(req.body);
    if (!checked.ok) {
      res.send(400, { error: checked.reason });
      return;
    }
    const serve = handler;
    if (!serve) {
      res.send(503, { error: 'Palisade is starting; try again in a moment' });
      return;
    }
    const activity = checked.activity;
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const auth = await teams.authenticate(activity, authorization);
    if (!auth.ok) {
      const ref = errorRef();
      log.warn({ ref, status: auth.status, reason: (auth.error as Error)?.message, type: activity.type, channelId: activity.channelId }, 'refused an activity');
      res.send(auth.status, { error: auth.status === 401 ? UNAUTHORIZED : CANNOT_VERIFY });
      return;
    }
    const turn = teams.run(auth.result, activity, serve);
    turnsInFlight.add(turn);
    void turn.then(
      () => turnsInFlight.delete(turn),
      () => turnsInFlight.delete(turn),
    );
    try {
      if (activity.type === 'invoke') {
        const answer = await turn;
        res.send(answer?.status ?? 200, answer?.body);
        return;
      }
      // A message turn may take long (a slow cluster, a connector that hangs): Teams gets its answer in time anyway
      const late = await Promise.race([turn.then(() => false), delay(timings.messageAnswerMs).then(() => true)]);
      res.send(late ? 202 : 200);
      if (late) turn.catch((err: unknown) => log.error({ err, ref: errorRef(), activityId: activity.id }, 'activity processing failed after it was answered'));
    } catch (err) {
      const ref = errorRef();
      log.error({ err, ref, activityId: activity.id, type: activity.type }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: `internal error, ref ${ref}` });
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
        res.writeHead(out.status, { 'content-type': out.contentType ?? 'text/html; charset=utf-8', ...PAGE_HEADERS });
        res.end(out.body);
      } catch (err) {
        const ref = errorRef();
        log.error({ err, ref, path: route.path }, 'route failed');
        res.writeHead(500, { 'content-type': 'text/plain', ...PAGE_HEADERS });
        res.end(`internal error, ref ${ref}`);
      }
    });
  };

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${localHost(config.host)}:${port}`,
    port,
    messenger: teams,
    mount(turnHandler, routes) {
      routes.forEach(addRoute);
      handler = turnHandler;
    },
    drain: () => {
      draining = true;
    },
    close: async () => {
      draining = true;
      await Promise.allSettled([...turnsInFlight]);
      await teams.settle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How this machine reaches the listener: any-interface listeners through loopback, IPv6 in brackets. */
function localHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
