import path from 'node:path';
import type { Logger } from 'pino';
import { startArmEmulator, type ArmEmulator } from './arm/index.js';
import { startGraphEmulator, type GraphEmulator } from './graph/index.js';
import { startAksController, startKubeEmulator, type AksController, type KubeEmulator } from './kube/index.js';
import { seedWorld } from './seed/index.js';
import { postureBackstory } from './seed/history.js';
import { ensureClusterRbac, writeKubeconfig } from './seed/kube.js';
import { createSandboxTls, type SandboxTls } from './tls.js';
import { World } from './world.js';

export interface Sandbox {
  world: World;
  tls: SandboxTls;
  /** ARM emulator: `endpoint`, `rbac` (role, assignments, usedActions()), `throttle`, `faults`, `settings`, `resourceGraph`. */
  arm: ArmEmulator;
  kube: KubeEmulator;
  /** Microsoft Graph emulator: `baseUrl`, group membership (`addMember`/`removeMember`), `setAvailability`, `permissions`. */
  graph: GraphEmulator;
  controller: AksController;
  kubeconfigPath: string;
  subscriptionIds: string[];
  /** Palisade's history hook: thirty plausible days before a cluster's first scan. */
  historyBackstory: typeof postureBackstory;
  close(): Promise<void>;
}

export interface SandboxOptions {
  dataDir: string;
  /** The public IP this machine "has" in the simulation: Palisade's and kubectl's source for authorized ranges. */
  clientIp: string;
  latencyMs?: number;
  /** Short LROs and scans for tests and benchmarks. */
  fast?: boolean;
  log?: Logger;
}

/** Emulated Azure Resource Manager + AKS Kubernetes APIs on 127.0.0.1 over HTTPS, state kept under the data dir. */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const dir = path.join(opts.dataDir, 'sandbox');
  const world = new World(path.join(dir, 'world.json'), seedWorld);
  for (const cluster of world.state.clusters) ensureClusterRbac(cluster);
  world.state.simulation.palisadeClientIp = opts.clientIp;
  world.state.simulation.kubectlClientIp = opts.clientIp;
  world.changed();
  const tls = await createSandboxTls();
  const kube = await startKubeEmulator({ world, tls, latencyMs: opts.latencyMs, dropAfterMs: opts.fast ? 200 : undefined });
  const arm = await startArmEmulator({
    world,
    tls,
    latencyMs: opts.latencyMs,
    kubeBaseUrl: kube.baseUrl,
    settings: opts.fast ? { lroDurationMs: 300, firstScanDelayMs: 500, runCommandDurationMs: 100 } : undefined,
    log: opts.log,
  });
  const graph = await startGraphEmulator({ tls });
  const controller = startAksController({ world, delayMs: opts.fast ? 100 : undefined });
  const kubeconfigPath = writeKubeconfig(dir, world.state.clusters, kube, tls.caPem);
  return {
    world,
    tls,
    arm,
    kube,
    graph,
    controller,
    kubeconfigPath,
    subscriptionIds: Object.keys(world.state.subscriptions),
    historyBackstory: postureBackstory,
    async close() {
      controller.stop();
      await Promise.all([arm.close(), kube.close(), graph.close()]);
      world.flush();
    },
  };
}

export { startPlayground, type Playground } from './playground.js';
export { PALISADE_SANDBOX_PRINCIPAL_ID } from './identity.js';
export { SANDBOX_GROUPS, SANDBOX_USERS } from './graph/index.js';
export { startEntraEmulator, PALISADE_SANDBOX_CLIENT_ID, type EntraEmulator, type EntraApp } from './entra/index.js';
