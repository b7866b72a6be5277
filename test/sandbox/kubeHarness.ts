import { World } from '@palisade/sandbox/world.js';
import { createSandboxTls, type SandboxTls } from '@palisade/sandbox/tls.js';
import { seedWorld } from '@palisade/sandbox/seed/index.js';
import { startKubeEmulator, startAksController, type AksController, type KubeEmulator } from '@palisade/sandbox/kube/index.js';
import { kubeApiFor, type KubeApi } from '../../src/kube/connect.js';

export interface KubeHarness {
  world: World;
  tls: SandboxTls;
  emulator: KubeEmulator;
  controller: AksController;
  api(cluster?: string, timeoutMs?: number): KubeApi;
  close(): Promise<void>;
}

/** Seeded world + Kubernetes emulator + AKS controller (fast), all on 127.0.0.1. */
export async function startKubeHarness(opts: { delayMs?: number } = {}): Promise<KubeHarness> {
  const world = new World(undefined, seedWorld);
  const tls = await createSandboxTls();
  const emulator = await startKubeEmulator({ world, tls, dropAfterMs: 50 });
  const controller = startAksController({ world, delayMs: opts.delayMs ?? 30 });
  return {
    world,
    tls,
    emulator,
    controller,
    api: (cluster = 'aks-workshop', timeoutMs = 5000) => kubeApiFor({ server: emulator.serverUrlFor(cluster), caPem: tls.caPem, token: 'palisade-test-token', timeoutMs }),
    close: async () => {
      controller.stop();
      await emulator.close();
    },
  };
}
