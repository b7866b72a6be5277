import { ApprovalEngine } from './approvals/engine.js';
import { Policy, samePerson } from './approvals/policy.js';
import type { StoredPlan } from './approvals/types.js';
import { AzureClients } from './azure/clients.js';
import { listClusters } from './azure/clusters.js';
import { aksScope } from './azure/cloud.js';
import { createAzureCredential, sandboxCredential } from './azure/credential.js';
import { createTurnHandler } from './bot/app.js';
import type { Person } from './bot/events.js';
import { startBotServer, type BotServer } from './bot/server.js';
import { cards } from './cards/views.js';
import { startDigestScheduler } from './digest/scheduler.js';
import { ClusterDirectory } from './clusters/directory.js';
import type { Config } from './config.js';
import { Readiness } from './health/readiness.js';
import { reportStartup, type StartupReport } from './health/startup.js';
import { KubeAccess } from './kube/access.js';
import type { Logger } from './log.js';
import { allOperations, httpRoutes } from './operations/index.js';
import { PostureScanner } from './posture/scan.js';
import type { Services } from './services.js';
import { openStoreFromConfig } from './store/index.js';
import { countApplies } from './telemetry/applies.js';
import { measureTurns } from './telemetry/turns.js';

/** What the sandbox hands Palisade (src/main.ts loads it by dynamic import): the emulated Azure's endpoint and CA. */
export interface Emulation {
  arm: { endpoint: string };
  tls: { caPem: string };
  subscriptionIds: string[];
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

/** Builds and starts everything: store, clients, engine, bot server; on the given emulation in sandbox mode. */
export async function startPalisade<E extends Emulation>(opts: { config: Config; log: Logger; fast?: boolean; now?: () => number; emulation?: E }): Promise<Palisade<E>> {
  const { config, log } = opts;
  const sandbox = opts.emulation;
  if (config.mode === 'sandbox' && !sandbox) throw new Error('sandbox mode: start the emulation first and pass it as `emulation`');
  const credential = sandbox ? sandboxCredential() : createAzureCredential(config);
  const store = countApplies(await openStoreFromConfig(config, credential));
  const azure = new AzureClients({
    credential,
    subscriptionIds: sandbox ? sandbox.subscriptionIds : config.azure.subscriptionIds,
    endpoint: sandbox ? sandbox.arm.endpoint : config.azure.armEndpoint,
    caPem: sandbox?.tls.caPem,
  });
  const kube = new KubeAccess({
    azure,
    credential,
    kubeconfig: config.azure.kubeconfig,
    contexts: config.azure.kubeContexts,
    timeoutMs: sandbox && opts.fast ? 3_000 : 15_000,
    scope: aksScope(config.azure.aksServerAppId),
  });
  const names = config.azure.clusterFilter.length ? config.azure.clusterFilter : undefined;
  const clusters = new ClusterDirectory(() => listClusters(azure, { names }), store, config.azure.defaultCluster);
  const policy = new Policy(config.policy);
  const lazy: { server?: BotServer } = {};
  const messenger = {
    send: (...a: Parameters<BotServer['messenger']['send']>) => lazy.server!.messenger.send(...a),
    update: (...a: Parameters<BotServer['messenger']['update']>) => lazy.server!.messenger.update(...a),
  };
  const services = {} as Services;
  const engine = new ApprovalEngine({
    store,
    messenger,
    policy,
    log: log.child({ component: 'engine' }),
    operations: allOperations(),
    contextFor: (requester: Person) => ({ log, requester, s: services }),
    renderPlan: cards.plan,
    deciders: (plan) => deciders(services, plan),
    now: opts.now,
  });
  const publicUrl = config.network.publicUrl ?? `http://localhost:${config.port}`;
  Object.assign(services, {
    config, log, store, policy, engine, messenger, cards, azure, credential, kube, clusters,
    posture: new PostureScanner(azure, kube),
    publicUrl,
  } satisfies Services);

  const readiness = new Readiness({ store, credential, scope: azure.scope, cacheMs: config.ops.readyCacheMs });
  const server = await startBotServer({
    config,
    log,
    handler: measureTurns(createTurnHandler(services)),
    routes: httpRoutes(services),
    health: () => ({ sandbox: Boolean(sandbox) }),
    ready: () => readiness.check(),
  });
  lazy.server = server;
  if (!config.network.publicUrl) services.publicUrl = `http://localhost:${server.port}`;

  await engine.reconcile();
  const digests = startDigestScheduler(services, { now: opts.now, fast: opts.fast });
  const sweeper = setInterval(() => engine.sweep().catch((err) => log.error({ err }, 'sweep failed')), opts.fast ? 500 : 15_000);
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
      await sandbox?.close();
      await store.close();
    },
  };
}

/** refresh.userIds: the requester plus approvers we have seen (their MRIs), at most 60. */
async function deciders(s: Services, plan: StoredPlan): Promise<string[]> {
  const ids = new Set<string>([plan.requester.id]);
  const people = await s.store.list<Person>('prefs');
  for (const { id, value } of people) {
    if (!id.startsWith('person:') || ids.size >= 60) continue;
    if (samePerson(value, plan.requester) || (await s.policy.canApprove(value, plan)).ok) ids.add(value.id);
  }
  return [...ids].slice(0, 60);
}
