import { World } from '@palisade/sandbox/world.js';
import { createSandboxTls, type SandboxTls } from '@palisade/sandbox/tls.js';
import { seedWorld } from '@palisade/sandbox/seed/index.js';
import { KUBECTL_TOKEN, PALISADE_SANDBOX_TOKEN, startKubeEmulator, startAksController, type AksController, type KubeEmulator, type KubeEmulatorOptions } from '@palisade/sandbox/kube/index.js';
import { kubeApiFor, type DirectKubeApi } from '../../src/kube/connect.js';

export interface KubeHarness {
  world: World;
  tls: SandboxTls;
  emulator: KubeEmulator;
  controller: AksController;
  /** The API as Palisade calls it in the sandbox: its identity, authorized by the shipped ClusterRole only. */
  api(cluster?: string, timeoutMs?: number): DirectKubeApi;
  /** The API as the sandbox kubeconfig's operator (system:masters). */
  admin(cluster?: string, timeoutMs?: number): DirectKubeApi;
  /** The API with any bearer token (register identities with `emulator.authn.addToken`). */
  as(token: string, cluster?: string): DirectKubeApi;
  close(): Promise<void>;
}

/** Seeded world + Kubernetes emulator + AKS controller (fast), all on 127.0.0.1. */
export async function startKubeHarness(opts: { delayMs?: number } & Pick<KubeEmulatorOptions, 'watchHistory' | 'bookmarkIntervalMs'> = {}): Promise<KubeHarness> {
  const world = new World(undefined, seedWorld);
  const tls = await createSandboxTls();
  const emulator = await startKubeEmulator({ world, tls, dropAfterMs: 50, watchHistory: opts.watchHistory, bookmarkIntervalMs: opts.bookmarkIntervalMs });
  const controller = startAksController({ world, delayMs: opts.delayMs ?? 30 });
  const as = (token: string, cluster = 'aks-workshop', timeoutMs = 5000) => kubeApiFor({ server: emulator.serverUrlFor(cluster), caPem: tls.caPem, token, timeoutMs });
  return {
    world,
    tls,
    emulator,
    controller,
    api: (cluster, timeoutMs) => as(PALISADE_SANDBOX_TOKEN, cluster, timeoutMs),
    admin: (cluster, timeoutMs) => as(KUBECTL_TOKEN, cluster, timeoutMs),
    as: (token, cluster) => as(token, cluster),
    close: async () => {
      controller.stop();
      await emulator.close();
    },
  };
}
