import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { digestSchedulerFor } from '../../src/digest/scheduler.js';
import type { ScheduleDoc } from '../../src/digest/schedules.js';
import { openStoreFromConfig } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { ALICE, cardOf, startTestBot, tempDir, TENANT } from '../helpers/bot.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { type FakeConnector, startFakeConnector } from '../helpers/connector.js';
import { spawnBot } from '../helpers/spawnBot.js';

function digestsIn(connector: FakeConnector, conversationId: string) {
  return connector.sent.filter((s) => s.method === 'POST' && s.conversationId === conversationId && /SECURITY DIGEST/.test(JSON.stringify(cardOf(s.activity) ?? {})));
}

async function scheduleIn(store: Store, conversationId: string): Promise<ScheduleDoc | undefined> {
  return (await store.list<ScheduleDoc>('schedules')).map((d) => d.value).find((d) => d.conversationId === conversationId);
}

describe('two replicas sharing one Azure Blob store (Azurite) post one digest per tick', () => {
  let azurite: Azurite;
  let connector: FakeConnector;
  beforeAll(async () => {
    azurite = await startAzurite();
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector.close();
    await azurite.stop();
  });

  const blobEnv = () => ({
    PALISADE_STORE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    PALISADE_BLOB_CONTAINER: `digest${Date.now()}${Math.floor(Math.random() * 1e6)}`,
  });

  it('two Palisades in this process, racing on every tick with the same clock', async () => {
    const env = blobEnv();
    let clock = Date.parse('2026-11-27T10:00:00Z');
    const a = await startTestBot(env, { connector, now: () => clock });
    const b = await startTestBot(env, { connector, now: () => clock });
    try {
      const conv = 'conv-channel-replicas';
      await a.say('digest daily at 09:00 Europe/Berlin for aks-prod', ALICE, conv);
      for (const [i, day] of ['2026-11-28', '2026-11-29', '2026-11-30'].entries()) {
        clock = Date.parse(`${day}T08:00:01Z`);
        const reports = await Promise.all([digestSchedulerFor(a.app.services)!.runDue(), digestSchedulerFor(b.app.services)!.runDue()]);
        // Background passes may have claimed it first; either way, no replica posts a tick twice
        expect(reports.reduce((n, r) => n + r.sent, 0)).toBeLessThanOrEqual(1);
        expect(digestsIn(connector, conv)).toHaveLength(i + 1);
      }
      const doc = await scheduleIn(a.app.services.store, conv);
      expect(doc?.lastRun).toMatchObject({ tick: '2026-11-30T08:00:00.000Z', outcome: 'sent' });
      const audit = (await b.app.services.store.readAudit()).filter((e) => e.kind === 'digest' && e.outcome === 'sent');
      expect(audit).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two bot processes race for a due tick: exactly one posts it', async () => {
    const env = blobEnv();
    const conv = `conv-channel-processes-${randomUUID().slice(0, 8)}`;
    const [p1, p2] = await Promise.all([
      spawnBot({ ...env, PALISADE_DATA_DIR: tempDir() }),
      spawnBot({ ...env, PALISADE_DATA_DIR: tempDir() }),
    ]);
    const store = await openStoreFromConfig(loadConfig({ ...env, PALISADE_DATA_DIR: tempDir() }));
    try {
      const message = {
        type: 'message', id: `act-${randomUUID()}`, serviceUrl: connector.url, channelId: 'msteams', from: ALICE,
        recipient: { id: '28:palisade' }, conversation: { id: conv, conversationType: 'channel', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } }, text: 'digest daily at 00:00 UTC for aks-prod',
      };
      const res = await fetch(`${p1.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
      expect(res.status).toBe(200);
      const made = await scheduleIn(store, conv);
      expect(made?.state).toBe('active');
      // Backdate the schedule: today's 00:00 UTC tick becomes due for both processes at once
      await store.update<ScheduleDoc>('schedules', made!.id, (cur) => cur && { ...cur, createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
      const sent = await connector.waitFor(() => digestsIn(connector, conv)[0], 30_000);
      expect(sent).toBeDefined();
      const doc = await waitForRun(store, conv);
      expect(doc.lastRun?.outcome).toBe('sent');
      // Both processes keep polling; a later pass of either must not post the claimed tick again
      await fetch(`${p2.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message, id: `act-${randomUUID()}`, text: 'digests' }) });
      await fetch(`${p1.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message, id: `act-${randomUUID()}`, text: 'digests' }) });
      expect(digestsIn(connector, conv)).toHaveLength(1);
      expect((await store.readAudit()).filter((e) => e.kind === 'digest' && e.outcome === 'sent')).toHaveLength(1);
    } finally {
      await store.close();
      await Promise.all([p1.stop(), p2.stop()]);
    }
  });
});

async function waitForRun(store: Store, conversationId: string): Promise<ScheduleDoc> {
  for (let i = 0; i < 300; i++) {
    const doc = await scheduleIn(store, conversationId);
    if (doc?.lastRun) return doc;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the digest run was never recorded');
}
