import type { TokenCredential } from '@azure/core-auth';
import { GroupMembership } from './approvals/groups.js';
import { type GroupResolver, Policy } from './approvals/policy.js';
import { GraphClient, GraphError } from './azure/graph.js';
import { errorRef } from './errors.js';
import type { StoredPlan } from './approvals/types.js';
import { AzureClients } from './azure/clients.js';
import { aksScope } from './azure/cloud.js';
import { createAzureCredential, sandboxCredential } from './azure/credential.js';
import { listFleetClusters } from './azure/fleet.js';
import { createTurnHandler } from './bot/app.js';
import { startBotServer, type BotServer } from './bot/server.js';
import type { BotAuthEndpoints } from './bot/teamsAdapter.js';
import { CaptureLinks } from './capture/links.js';
import { cards } from './cards/views.js';
import type { Person } from './chat/events.js';
import { samePerson } from './chat/person.js';
import { ClusterDirectory } from './clusters/directory.js';
import { SubscriptionNames } from './clusters/subscriptions.js';
import { subscriptionNames } from './azure/subscriptions.js';
import type { Config } from './config.js';
import { Readiness } from './health/readiness.js';
import { reportStartup, type StartupReport } from './health/startup.js';
import { startDigestScheduler } from './digest/scheduler.js';
import { ApprovalEngine } from './engine/engine.js';
import type { Services } from './handlers/types.js';
import { KubeAccess } from './kube/access.js';
import type { Logger } from './log.js';
import { lockoutGuardStatus } from './operations/controlPlane/lockoutGuard.js';
import { OPERATIONS } from './operations/index.js';
import type { HistoryBackstory } from './posture/history.js';
import { PostureHistory } from './posture/historyStore.js';
import { PostureScanner } from './posture/scan.js';
import { countApplies } from './store/countApplies.js';
import { openStoreFromConfig } from './store/index.js';
import { measureTurns } from './telemetry/turns.js';
import type { Store } from './store/types.js';
import { FAST_TIMINGS, PRODUCTION_TIMINGS, SANDBOX_TIMINGS, type Timings } from './timings.js';

/** What the sandbox hands Palisade (src/main.ts loads it by dynamic import): the emulated Azure's endpoint and CA. */
export interface Emulation {
  arm: { endpoint: string };
  tls: { caPem: string };
  subscriptionIds: string[];
  /** Microsoft Graph for group roles (the sandbox's emulator). */
  graph?: { baseUrl: string };
  /** Earlier days of posture for a cluster Palisade sees for the first time, so the sandbox shows a trend at once. */
  historyBackstory?: HistoryBackstory;
  close(): Promise<void>;
}

export interface Palisade<E extends Emulation = Emulation> {
  url: string;
  services: Services;
  /** The emulation Palisade runs on in sandbox mode; closed with Palisade. */
  sandbox?: E;
  server: BotServer;
  /** Who Palisade runs as and what it sees, checked once after start (logged; never blocks start). */
  startup: Promise<StartupReport>;
  /** Drains: no new turns, in-flight applies finish, then the store closes. */
  close(): Promise<void>;
}

export interface PalisadeOptions<E extends Emulation> {
  config: Config;
  log: Logger;
  /** Sandbox mode: the emulation to run on (started by the caller). */
  emulation?: E;
  /** The emulation was started fast: use short timings too (tests, benchmarks). */
  fast?: boolean;
  /** Overrides of the timings chosen for the mode. */
  timings?: Partial<Timings>;
  /** The clock of plans, timers and digest schedules (tests move it). */
  now?: () => number;
  /** Tests: validate tokens against a local OpenID metadata + JWKS emulator instead of the Bot Framework's. */
  botAuth?: BotAuthEndpoints;
}

/** Builds and starts everything: store, clients, engine, bot server; on the given emulation in sandbox mode. */
export async function startPalisade<E extends Emulation>(opts: PalisadeOptions<E>): Promise<Palisade<E>> {
  const { config, log } = opts;
  const sandbox = opts.emulation;
  if (config.mode === 'sandbox' && !sandbox) throw new Error('sandbox mode: start the emulation first and pass it as `emulation`');
  const timings: Timings = { ...(sandbox ? (opts.fast ? FAST_TIMINGS : SANDBOX_TIMINGS) : PRODUCTION_TIMINGS), ...opts.timings };
  const credential = sandbox ? sandboxCredential() : createAzureCredential(config);
  const store = countApplies(await openStoreFromConfig(config, credential));
  const azure = new AzureClients({
    credential,
    subscriptionIds: sandbox ? sandbox.subscriptionIds : config.azure.subscriptionIds,
    endpoint: sandbox ? sandbox.arm.endpoint : config.azure.armEndpoint,
    caPem: sandbox?.tls.caPem,
    readFreshMs: timings.armReadFreshMs,
    retryDelayInMs: timings.armRetryDelayMs,
  });
  const kube = new KubeAccess({
    azure,
    credential,
    kubeconfig: config.azure.kubeconfig,
    contexts: config.azure.kubeContexts,
    timeoutMs: timings.kubeTimeoutMs,
    retry: { baseMs: timings.kubeRetryBaseMs },
    scope: aksScope(config.azure.aksServerAppId),
    cacheIdleMs: timings.kubeCacheIdleMs,
    runCommandTimeoutMs: timings.runCommandTimeoutMs,
    runCommandPollMs: timings.runCommandPollMs,
    directRetryMs: timings.directRetryMs,
    now: opts.now,
    log: log.child({ component: 'kube' }),
  });
  const names = config.azure.clusterFilter.length ? config.azure.clusterFilter : undefined;
  const clusters = new ClusterDirectory((onClusters) => listFleetClusters(azure, { names, onClusters }), store, config.azure.defaultCluster);
  const policy = new Policy(config.policy, groupResolver({ config, log, credential, graphUrl: sandbox?.graph?.baseUrl, caPem: sandbox?.tls.caPem, timings, now: opts.now }));
  const guard = lockoutGuardStatus(config.network.egressIps, config.mode);
  log[guard.level]({ egressIps: guard.egressIps }, guard.message);

  const readiness = new Readiness({ store, credential, scope: azure.scope, cacheMs: config.ops.readyCacheMs });
  const server = await startBotServer({ config, log, timings, botAuth: opts.botAuth, health: () => ({ sandbox: Boolean(sandbox) }), ready: () => readiness.check() });
  const messenger = server.messenger;
  const engine = new ApprovalEngine({
    store,
    messenger,
    policy,
    log: log.child({ component: 'engine' }),
    operations: OPERATIONS,
    operationContext: { log, azure, kube, clusters, egressIps: config.network.egressIps, timings },
    deciders: (plan) => deciders(store, policy, plan),
    now: opts.now,
  });
  const captures = new CaptureLinks({
    store,
    messenger,
    cards,
    log,
    publicUrl: config.network.publicUrl ?? `http://localhost:${server.port}`,
    trustedProxies: config.network.trustedProxies,
    loopbackIp: sandbox ? config.sandbox.clientIp : undefined,
    canRequest: (person) => policy.canRequest(person),
    now: opts.now,
    propose: (operation, args, from) => engine.propose(operation, args, from),
  });
  const services: Services = {
    config, log, store, policy, engine, messenger, cards, azure, credential, kube, clusters, captures, timings,
    subscriptions: new SubscriptionNames(() => azure.subscriptionIds, () => subscriptionNames(azure), (err) => log.warn({ err }, 'subscription names could not be read; showing ids')),
    posture: new PostureScanner(azure, kube),
    history: new PostureHistory({ store, log: log.child({ component: 'history' }), windowMs: timings.historyFlushMs, now: opts.now, backstory: sandbox?.historyBackstory }),
  };
  server.mount(measureTurns(createTurnHandler(services)), captures.routes());

  await engine.reconcile();
  const digests = startDigestScheduler(services, { now: opts.now, scanConcurrency: config.digest.scanConcurrency });
  const sweeper = setInterval(() => {
    engine.sweep().catch((err) => log.error({ err }, 'sweep failed'));
    captures.purge().catch((err) => log.error({ err }, 'purging capture links failed'));
  }, timings.sweepMs);
  sweeper.unref();
  // The sandbox prints its clusters in the banner, and tests inject ARM faults that an extra listing would consume
  const startup: Promise<StartupReport> = sandbox
    ? Promise.resolve({ subscriptions: azure.subscriptionIds })
    : reportStartup({ credential, scope: azure.scope, subscriptions: azure.subscriptionIds, listClusters: () => clusters.list(), log });

  return {
    url: server.url,
    services,
    sandbox,
    server,
    startup,
    async close() {
      readiness.drain();
      server.drain();
      clearInterval(sweeper);
      await digests.stop();
      await server.close();
      await engine.idle();
      await services.history.close();
      await kube.close();
      await sandbox?.close();
      await store.close();
    },
  };
}

/** Group roles through Microsoft Graph, cached per person; Graph failures refuse (fail closed), logged. */
function groupResolver(o: { config: Config; log: Logger; credential: TokenCredential; graphUrl?: string; caPem?: string; timings: Timings; now?: () => number }): GroupResolver {
  const graph = new GraphClient({ credential: o.credential, endpoint: o.graphUrl ?? o.config.graph.endpoint, caPem: o.caPem, timeoutMs: o.timings.graphTimeoutMs });
  const membership = new GroupMembership(graph, o.config.graph.groupCacheMs, o.now);
  return async (person, groupIds) => {
    try {
      return await membership.groupsOf(person, groupIds);
    } catch (err) {
      if (err instanceof GraphError) {
        o.log.warn({ err: { message: err.message, status: err.status, code: err.code } }, 'group membership could not be checked; refusing');
        throw err;
      }
      const ref = errorRef();
      o.log.error({ err, ref }, 'group membership check failed');
      throw new Error(`Internal error, ref ${ref}.`);
    }
  };
}

/** refresh.userIds: the requester plus approvers we have seen (their MRIs), at most 60. */
async function deciders(store: Store, policy: Policy, plan: StoredPlan): Promise<string[]> {
  const ids = new Set<string>([plan.requester.id]);
  for (const { id, value } of await store.list<Person>('prefs')) {
    if (!id.startsWith('person:') || ids.size >= 60) continue;
    if (samePerson(value, plan.requester) || (await policy.canApprove(value, plan)).ok) ids.add(value.id);
  }
  return [...ids].slice(0, 60);
}
