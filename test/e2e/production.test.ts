import { randomUUID } from 'node:crypto';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { startProductionEmulators, type ProductionEmulators } from '@palisade/sandbox/production.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { startFakeConnector, type FakeConnector } from '../helpers/connector.js';
import { cardOf, cardText, tempDir, TENANT } from '../helpers/bot.js';
import { spawnMain, type MainProcess } from '../helpers/mainProcess.js';

const AKS_APP = '6dae42f8-4368-4678-94ff-3960e28e3630';

let emu: ProductionEmulators;
let connector: FakeConnector;
/** Azurite over HTTPS (the emulators' certificate) in OAuth mode: a storage account with shared keys off. */
let azurite: Azurite;
const running: MainProcess[] = [];

/** An activity as Teams' Bot Connector posts it; signed with the emulated channel's key unless `signed` is false. */
function post(p: MainProcess, text: string, signed = true) {
  const authorization = `Bearer ${emu.botChannel.channelToken(emu.env.MicrosoftAppId, connector.url)}`;
  return fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signed ? { authorization } : {}) },
    body: JSON.stringify({
      type: 'message',
      id: `act-${randomUUID()}`,
      text,
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' },
      recipient: { id: '28:palisade', name: 'Palisade' },
      conversation: { id: 'conv-prod', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    }),
  });
}

async function say(p: MainProcess, text: string) {
  const before = connector.sent.length;
  const res = await post(p, text);
  expect(res.status).toBeLessThan(300);
  return connector.waitFor(() => {
    const replies = connector.sent.slice(before).filter((s) => s.method === 'POST');
    return replies.length ? replies.map((r) => cardText(cardOf(r.activity)) || r.activity.text).join('\n') : undefined;
  });
}

beforeAll(async () => {
  emu = await startProductionEmulators({ dataDir: tempDir('palisade-prod-emu-'), fast: true });
  connector = await startFakeConnector();
  azurite = await startAzurite({ oauth: { certPem: emu.sandbox.tls.certPem, keyPem: emu.sandbox.tls.keyPem } });
});

afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  await connector?.close();
  await azurite?.stop();
  await emu?.close();
});

describe('production Palisade against the emulators in another process', () => {
  it('starts with NODE_ENV=production and the Blob store signed in with its identity, names it, is ready, refuses unsigned activities, drains on SIGTERM', async () => {
    const p = await spawnMain({ ...emu.env, PALISADE_DATA_DIR: tempDir(), PALISADE_STORE: 'blob', AZURE_STORAGE_ACCOUNT_URL: azurite.blobEndpoint, PALISADE_BLOB_CONTAINER: 'prod' });
    running.push(p);
    const checked = await p.waitForLog((l) => l.msg === 'Azure access checked');
    expect(checked.identity).toMatchObject({ kind: 'entra', objectId: PALISADE_SANDBOX_PRINCIPAL_ID, appId: emu.env.AZURE_CLIENT_ID, tenantId: emu.entra.tenantId });
    expect(checked.clusters).toBe(emu.sandbox.world.state.clusters.length);
    expect(checked.subscriptions).toEqual(emu.sandbox.subscriptionIds);
    expect(JSON.stringify(p.logs())).not.toContain(emu.env.AZURE_CLIENT_SECRET);

    const ready = await fetch(`${p.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { store: 'ok', azure: 'ok' } });
    expect(((await (await fetch(`${p.url}/healthz`)).json()) as { mode: string }).mode).toBe('azure');
    // The ARM token's audience is the configured endpoint, not the public cloud's; the store got a storage token
    expect(emu.entra.issued.map((t) => t.aud)).toContain(new URL(emu.env.AZURE_RESOURCE_MANAGER_ENDPOINT).origin);
    expect(emu.entra.issued.map((t) => t.aud)).toContain('https://storage.azure.com');

    // JWT validation is on: an activity without a Bot Framework token is refused
    const unsigned = await post(p, 'status', false);
    expect(unsigned.status).toBe(401);
    const signed = await say(p, 'help');
    expect(signed).toMatch(/Palisade commands/);

    expect(await p.stop('SIGTERM')).toBe(0);
    expect(p.logs().some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('answers status through the real credential chain: ARM and AKS tokens with the right audiences', async () => {
    const p = await spawnMain({ ...emu.env, PALISADE_DATA_DIR: tempDir() });
    running.push(p);
    const text = await say(p, 'status on aks-workshop');
    expect(text).toContain('aks-workshop');
    expect(text).not.toMatch(/internal error/i);
    const audiences = emu.entra.issued.map((t) => t.aud);
    expect(audiences).toContain(new URL(emu.env.AZURE_RESOURCE_MANAGER_ENDPOINT).origin);
    expect(audiences).toContain(AKS_APP);
    expect(await p.stop('SIGTERM')).toBe(0);
  });

  it('with credentials Entra refuses: status names the cause and the docs section, /readyz is not ready', async () => {
    const p = await spawnMain({ ...emu.env, AZURE_CLIENT_SECRET: 'not-the-secret', PALISADE_DATA_DIR: tempDir() });
    running.push(p);
    const warned = await p.waitForLog((l) => l.msg?.startsWith('Azure access check failed'));
    expect(warned.problem).toContain('AADSTS7000215');

    const text = await say(p, 'status');
    expect(text).toContain("Microsoft Entra ID refused Palisade's Azure credentials");
    expect(text).toContain('AADSTS7000215');
    expect(text).toContain('docs/deploy.md#troubleshooting-entra-id-refuses-the-credentials');
    expect(text).not.toMatch(/internal error/i);
    expect(text).not.toContain('not-the-secret');

    const ready = await fetch(`${p.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { reason: string };
    expect(body).toMatchObject({ ready: false, checks: { store: 'ok' } });
    expect(body.reason).toContain('AADSTS7000215');
    expect(await p.stop('SIGTERM')).toBe(0);
  });
});
