import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { ALICE, cardOf, cardText, tempDir, TENANT } from '../helpers/bot.js';
import { type FakeConnector, startFakeConnector } from '../helpers/connector.js';
import { spawnBot } from '../helpers/spawnBot.js';
import { openStoreFromConfig } from '../../src/store/index.js';
import { World } from '@palisade/sandbox/world.js';
import path from 'node:path';
import { startAzurite } from '../helpers/azurite.js';

let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
afterAll(async () => azurite?.stop());
const STORES = [
  { name: 'SQLite', env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'Azure Blob (Azurite)',
    env: async (): Promise<Record<string, string>> => {
      azurite ??= await startAzurite();
      return { PALISADE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, PALISADE_BLOB_CONTAINER: `r${Date.now()}${Math.floor(Math.random() * 1e6)}` };
    },
  },
];

/** Bot processes that are killed (SIGKILL) mid-flow and restarted on the same data dir: nothing is lost. */
describe.each(STORES)('restart mid-flow on $name', (store) => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => connector.close());

  function activity(type: string, extra: Record<string, unknown>) {
    return {
      type, id: `act-${randomUUID()}`, serviceUrl: connector.url, channelId: 'msteams', from: ALICE,
      recipient: { id: '28:palisade' }, conversation: { id: 'conv-restart', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } }, ...extra,
    };
  }
  const post = (url: string, body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const planIdIn = (a: any) => /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(a) ?? {}))?.[1];
  const stateOf = (id: string) => cardText(cardOf(connector.latest(id)));

  function rangesIn(dataDir: string): string[] {
    const world = new World(path.join(dataDir, 'sandbox', 'world.json'), () => { throw new Error('no world'); });
    return world.findCluster('aks-workshop')!.resource.properties.apiServerAccessProfile?.authorizedIPRanges ?? [];
  }

  it('between plan and approve', async () => {
    const dataDir = tempDir();
    const storeEnv = await store.env();
    const first = await spawnBot({ PALISADE_DATA_DIR: dataDir, ...storeEnv });
    await post(first.url, activity('message', { text: 'allowlist 203.0.113.7' }));
    const card = await connector.waitFor(() => connector.sent.find((s) => s.conversationId === 'conv-restart' && planIdIn(s.activity)));
    await first.kill();

    const second = await spawnBot({ PALISADE_DATA_DIR: dataDir, ...storeEnv });
    const res = await post(second.url, activity('invoke', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'approve', data: { planId: planIdIn(card.activity) } } } }));
    expect(res.status).toBe(200);
    await connector.waitFor(() => /Applied/.test(stateOf(card.id)), 45_000); // a fresh process under a loaded CI machine
    await second.stop();
    expect(rangesIn(dataDir)).toEqual(['203.0.113.7/32']);
  });

  it('between approve and the end of apply: the restarted bot reconciles and updates the card', async () => {
    const dataDir = tempDir();
    const storeEnv = await store.env();
    const first = await spawnBot({ PALISADE_DATA_DIR: dataDir, SLOW_LRO_MS: '12000', ...storeEnv });
    await post(first.url, activity('message', { text: 'allowlist 203.0.113.0/24' }));
    const card = await connector.waitFor(() => connector.sent.find((s) => s.conversationId === 'conv-restart' && planIdIn(s.activity) && /203\.0\.113\.0\/24/.test(cardText(cardOf(s.activity)))));
    await post(first.url, activity('invoke', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'approve', data: { planId: planIdIn(card.activity) } } } }));
    await connector.waitFor(() => /AKS is updating/.test(stateOf(card.id)));
    await first.kill(); // mid-apply: the LRO is still running in "Azure"

    const state = await openStoreFromConfig(loadConfig({ PALISADE_DATA_DIR: dataDir, ...storeEnv }));
    expect(((await state.get<any>('plans', planIdIn(card.activity)!))!.value).state).toBe('applying');
    await state.close();

    const second = await spawnBot({ PALISADE_DATA_DIR: dataDir, ...storeEnv });
    const text = await connector.waitFor(() => (/Applied/.test(stateOf(card.id)) ? stateOf(card.id) : undefined), 45_000);
    expect(text).toMatch(/restarted during the apply; the change is confirmed from live state/);
    await second.stop();
    expect(rangesIn(dataDir)).toEqual(['203.0.113.0/24']);
  });
});
