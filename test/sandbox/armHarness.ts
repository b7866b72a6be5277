import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { PALISADE_SANDBOX_TOKEN, SANDBOX_OPERATOR_TOKEN, startArmEmulator, type ArmEmulator, type ArmSettings } from '@palisade/sandbox/arm/index.js';
import { seedArm } from '@palisade/sandbox/seed/index.js';
import { startGraphEmulator, type GraphEmulator } from '@palisade/sandbox/graph/index.js';
import { startKubeEmulator, type KubeEmulator } from '@palisade/sandbox/kube/index.js';
import { createSandboxTls, type SandboxTls } from '@palisade/sandbox/tls.js';
import { World, type WorldState } from '@palisade/sandbox/world.js';
import { AzureClients } from '../../src/azure/clients.js';
import { sandboxCredential } from '../../src/azure/credential.js';

/** `<repo>/../shared/fixtures/azure/`: works in a clean clone next to shared/. */
export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/azure/', import.meta.url));

export function fixture(rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
}

export function fixtureFiles(): string[] {
  return ['aks', 'authorization', 'graph', 'network', 'resourcegraph', 'security', 'subscriptions'].flatMap((d) =>
    fs.readdirSync(path.join(FIXTURES, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`),
  );
}

let tlsPromise: Promise<SandboxTls> | undefined;

export interface Harness {
  world: World;
  emulator: ArmEmulator;
  tls: SandboxTls;
  /** Started with `{ kube: true }`: the clusters' API servers (Run Command runs against them). */
  kube?: KubeEmulator;
  /** Started with `{ graph: true }`. */
  graph?: GraphEmulator;
  clients(subscriptionIds: string[]): AzureClients;
  /** The same clients as the sandbox operator (Owner), for reads Palisade's role does not allow. */
  operatorClients(subscriptionIds: string[]): AzureClients;
  close(): Promise<void>;
}

export const FAST: Partial<ArmSettings> = { lroDurationMs: 60, firstScanDelayMs: 50 };

export async function startHarness(state: WorldState = seedArm(), settings: Partial<ArmSettings> = FAST, opts: { kube?: boolean; graph?: boolean } = {}): Promise<Harness> {
  tlsPromise ??= createSandboxTls();
  const tls = await tlsPromise;
  const world = new World(undefined, () => state);
  const kube = opts.kube ? await startKubeEmulator({ world, tls, dropAfterMs: 50 }) : undefined;
  const graph = opts.graph ? await startGraphEmulator({ tls }) : undefined;
  const emulator = await startArmEmulator({ world, tls, settings, kubeBaseUrl: kube?.baseUrl ?? 'https://127.0.0.1:9443' });
  return {
    world,
    emulator,
    tls,
    kube,
    graph,
    clients: (subscriptionIds) => new AzureClients({ credential: sandboxCredential(), subscriptionIds, endpoint: emulator.endpoint, caPem: tls.caPem }),
    operatorClients: (subscriptionIds) =>
      new AzureClients({
        credential: { getToken: async () => ({ token: SANDBOX_OPERATOR_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 }) },
        subscriptionIds,
        endpoint: emulator.endpoint,
        caPem: tls.caPem,
      }),
    close: async () => {
      await Promise.all([emulator.close(), kube?.close(), graph?.close()]);
    },
  };
}

/** A raw HTTPS request trusting the sandbox CA: status, headers and parsed JSON body (or the connection error). */
export async function httpsJson(
  ca: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const https = await import('node:https');
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(url), { method, ca, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const t = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: t ? JSON.parse(t) : undefined });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** A raw HTTPS call to the emulator (trusting the sandbox CA), as Palisade's principal unless `authorization` says otherwise. */
export async function armFetch(
  h: Harness,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const https = await import('node:https');
  const url = new URL(pathAndQuery, h.emulator.endpoint);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca: h.tls.caPem, headers: { 'content-type': 'application/json', authorization: `Bearer ${PALISADE_SANDBOX_TOKEN}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const t = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: t ? JSON.parse(t) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** An empty subscription for fixture-driven tests. */
export function emptySubscription(subscriptionId: string) {
  return { subscriptionId, displayName: subscriptionId, pricings: {}, assessments: [], subAssessments: {}, registries: [] };
}
