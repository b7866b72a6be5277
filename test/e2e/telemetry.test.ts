import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { createSandboxTls } from '@palisade/sandbox/tls.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeConnector, type FakeConnector } from '../helpers/connector.js';
import { tempDir, TENANT } from '../helpers/bot.js';
import { spawnMain } from '../helpers/mainProcess.js';

/** A local Application Insights ingestion endpoint (HTTPS: the exporter upgrades http:// URLs), recording what arrives. */
async function startIngestion(tls: { certPem: string; keyPem: string }) {
  const items: Array<{ name?: string; data?: any }> = [];
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      const parsed = JSON.parse(body.toString('utf8')) as unknown;
      const batch = Array.isArray(parsed) ? parsed : [parsed];
      if (req.url?.startsWith('/v2.1/track')) items.push(...(batch as typeof items));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: batch.length, itemsAccepted: batch.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return { items, url: `https://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let connector: FakeConnector;
let ingestion: Awaited<ReturnType<typeof startIngestion>>;
let caFile: string;

beforeAll(async () => {
  const tls = await createSandboxTls();
  caFile = path.join(tempDir('palisade-otel-'), 'ca.pem');
  fs.writeFileSync(caFile, tls.caPem);
  ingestion = await startIngestion(tls);
  connector = await startFakeConnector();
});
afterAll(async () => {
  await ingestion?.close();
  await connector?.close();
});

describe('telemetry', () => {
  it('with APPLICATIONINSIGHTS_CONNECTION_STRING, turns reach the ingestion endpoint as metrics and traces', async () => {
    const p = await spawnMain({
      PALISADE_DATA_DIR: tempDir(),
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${randomUUID()};IngestionEndpoint=${ingestion.url}`,
      NODE_EXTRA_CA_CERTS: caFile,
      // Test only: Statsbeat (the exporter's own usage reports) would go to a Microsoft endpoint
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    });
    try {
      await p.waitForLog((l) => l.msg === 'telemetry: exporting metrics and traces to Azure Monitor');
      const res = await fetch(`${p.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `act-${randomUUID()}`, text: 'help', serviceUrl: connector.url, channelId: 'msteams',
          from: { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' },
          recipient: { id: '28:palisade', name: 'Palisade' },
          conversation: { id: 'conv-otel', conversationType: 'personal', tenantId: TENANT },
          channelData: { tenant: { id: TENANT } },
        }),
      });
      expect(res.status).toBeLessThan(300);
      // SIGTERM drains and flushes: everything recorded so far is exported before the process exits
      expect(await p.stop('SIGTERM')).toBe(0);
    } finally {
      await p.stop('SIGKILL');
    }
    const text = JSON.stringify(ingestion.items);
    expect(text).toContain('palisade.turns');
    expect(text).toContain('palisade.turn.duration');
    expect(text).toContain('turn message');
  });
});
