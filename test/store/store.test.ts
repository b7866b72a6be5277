import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from '@palisade/sandbox/entra/index.js';
import { createSandboxTls, type SandboxTls } from '@palisade/sandbox/tls.js';
import { openStore, PreconditionFailed, type AuditEntry, type Store, type StoreOptions } from '../../src/store/index.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { entraCredential, type EntraLogin } from './entraLogin.js';

const CHILD = fileURLToPath(new URL('./child-updater.ts', import.meta.url));

interface Backend {
  name: 'sqlite' | 'blob' | 'blob with an Entra token';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Options for a fresh, empty location; every store opened with them shares the same data. */
  freshLocation(): StoreOptions;
}

let azurite: Azurite | undefined;
/** HTTPS Azurite in OAuth mode, signed in through the sandbox's Entra emulator with the real ClientSecretCredential. */
let oauth: { azurite: Azurite; tls: SandboxTls; entra: EntraEmulator; login: EntraLogin } | undefined;
const tmpDirs: string[] = [];
/** How a child process signs in to the same store (a credential does not cross a process boundary). */
const childLogins = new WeakMap<StoreOptions, EntraLogin>();

const backends: Backend[] = [
  {
    name: 'sqlite',
    setup: async () => {},
    teardown: async () => {
      for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
    freshLocation: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'palisade-store-'));
      tmpDirs.push(dir);
      return { kind: 'sqlite', dataDir: dir };
    },
  },
  {
    name: 'blob',
    setup: async () => {
      azurite = await startAzurite();
    },
    teardown: async () => {
      await azurite?.stop();
      azurite = undefined;
    },
    freshLocation: () => ({
      kind: 'blob',
      connectionString: azurite!.connectionString,
      container: `t-${Math.random().toString(36).slice(2, 12)}`,
    }),
  },
  {
    name: 'blob with an Entra token',
    setup: async () => {
      const tls = await createSandboxTls();
      const entra = await startEntraEmulator({ tls });
      const app = entra.apps[0];
      const login: EntraLogin = { tenantId: entra.tenantId, clientId: app.clientId, secret: app.secret, authorityHost: entra.authorityHost, caPem: tls.caPem };
      oauth = { azurite: await startAzurite({ oauth: { certPem: tls.certPem, keyPem: tls.keyPem } }), tls, entra, login };
    },
    teardown: async () => {
      await oauth?.azurite.stop();
      await oauth?.entra.close();
      oauth = undefined;
    },
    freshLocation: () => {
      const location: StoreOptions = {
        kind: 'blob',
        accountUrl: oauth!.azurite.blobEndpoint,
        credential: entraCredential(oauth!.login),
        caPem: oauth!.tls.caPem,
        container: `t-${Math.random().toString(36).slice(2, 12)}`,
      };
      childLogins.set(location, oauth!.login);
      return location;
    },
  },
];

describe.each(backends)('store: $name', (backend) => {
  let clock = Date.UTC(2025, 0, 1);
  let location: StoreOptions;
  let a: Store;
  let b: Store;
  const open = () => openStore({ ...location, now: () => clock });

  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    location = backend.freshLocation();
    a = await open();
    b = await open(); // a second instance on the same data, like a second replica
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('creates, reads, replaces, lists and deletes documents', async () => {
    expect(await a.get('plans', 'p1')).toBeUndefined();
    const e1 = await a.put('plans', 'p1', { state: 'pending', n: 1 });
    expect(await b.get('plans', 'p1')).toEqual({ value: { state: 'pending', n: 1 }, etag: e1 });

    const e2 = await b.put('plans', 'p1', { state: 'approved', n: 2 });
    expect(e2).not.toBe(e1);
    expect((await a.get('plans', 'p1'))?.value).toEqual({ state: 'approved', n: 2 });

    // Teams conversation ids carry ':', ';' and '@'; ids with '/' and spaces must stay flat too.
    const convId = '19:abc123@thread.tacv2;messageid=1700000000000';
    await a.put('conversations', convId, { ref: 1 });
    await a.put('conversations', 'a/b c', { ref: 2 });
    await a.put('timers', 'p1', { other: 'collection' });
    const listed = await b.list<{ ref: number }>('conversations');
    expect(listed.map((d) => d.id).sort()).toEqual([convId, 'a/b c'].sort());
    expect(listed.find((d) => d.id === convId)?.value).toEqual({ ref: 1 });
    expect((await b.list('plans')).map((d) => d.id)).toEqual(['p1']);

    await a.delete('plans', 'p1');
    expect(await b.get('plans', 'p1')).toBeUndefined();
    expect((await b.get('timers', 'p1'))?.value).toEqual({ other: 'collection' });
    await a.delete('plans', 'never-existed'); // unconditional delete of nothing is a no-op
    expect(await a.list('schedules')).toEqual([]);
  });

  it('reads a document again only when its etag changed (getIfChanged)', async () => {
    expect(await a.getIfChanged('history', 'h', 'any')).toBeUndefined();
    const e1 = await a.put('history', 'h', { points: [1] });
    expect(await b.getIfChanged('history', 'h', e1)).toBe('unchanged');
    expect(await b.getIfChanged('history', 'h', 'an-older-etag')).toEqual({ value: { points: [1] }, etag: e1 });
    const e2 = await b.put('history', 'h', { points: [1, 2] });
    expect(await a.getIfChanged('history', 'h', e1)).toEqual({ value: { points: [1, 2] }, etag: e2 });
    expect(await a.getIfChanged('history', 'h', e2)).toBe('unchanged');
    await b.delete('history', 'h');
    expect(await a.getIfChanged('history', 'h', e2)).toBeUndefined();
  });

  it('honours ifMatch and ifNoneMatch', async () => {
    const e1 = await a.put('plans', 'p', { v: 1 }, { ifNoneMatch: '*' });
    await expect(b.put('plans', 'p', { v: 'dup' }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailed);

    const e2 = await b.put('plans', 'p', { v: 2 }, { ifMatch: e1 });
    await expect(a.put('plans', 'p', { v: 'stale' }, { ifMatch: e1 })).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(a.delete('plans', 'p', { ifMatch: e1 })).rejects.toBeInstanceOf(PreconditionFailed);
    expect(await a.get('plans', 'p')).toEqual({ value: { v: 2 }, etag: e2 });

    await a.delete('plans', 'p', { ifMatch: e2 });
    expect(await a.get('plans', 'p')).toBeUndefined();
    // A recreated document never matches an etag of its earlier life.
    await a.put('plans', 'p', { v: 3 });
    await expect(a.put('plans', 'p', { v: 'old' }, { ifMatch: e2 })).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(a.put('plans', 'absent', { v: 1 }, { ifMatch: e2 })).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(a.delete('plans', 'absent', { ifMatch: e2 })).rejects.toBeInstanceOf(PreconditionFailed);
  });

  it('loses no update when 20 updates race from two instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).update<{ n: number; seen: number[] }>('schedules', 'counter', (cur) => ({
          n: (cur?.n ?? 0) + 1,
          seen: [...(cur?.seen ?? []), i],
        })),
      ),
    );
    const final = await a.get<{ n: number; seen: number[] }>('schedules', 'counter');
    expect(final?.value.n).toBe(20);
    expect([...final!.value.seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results.map((r) => r?.value.n).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('update returning undefined leaves the document as it is', async () => {
    expect(await a.update('prefs', 'u1', () => undefined)).toBeUndefined();
    expect(await a.get('prefs', 'u1')).toBeUndefined();
    const etag = await a.put('prefs', 'u1', { tz: 'UTC' });
    expect(await b.update('prefs', 'u1', () => undefined)).toEqual({ value: { tz: 'UTC' }, etag });
  });

  it('lets exactly one of 20 concurrent create-once writers win', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).put('captures', 'token-1', { by: i }, { ifNoneMatch: '*' })),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) expect(l.reason).toBeInstanceOf(PreconditionFailed);
    const stored = await a.get<{ by: number }>('captures', 'token-1');
    expect(stored?.etag).toBe((won[0] as PromiseFulfilledResult<string>).value);
  });

  it('reads the audit newest first, with limit and cluster filter', async () => {
    const entry = (i: number, cluster: string): AuditEntry => ({
      at: new Date(clock + i).toISOString(),
      kind: i % 2 ? 'apply' : 'request',
      cluster,
      planId: `plan-${i}`,
      summary: `entry ${i}`,
      actor: { aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'Ada' },
      before: { ranges: [] },
      after: { ranges: ['203.0.113.77/32'] },
    });
    for (let i = 0; i < 6; i++) await (i % 2 ? a : b).appendAudit(entry(i, i < 4 ? 'aks-a' : 'aks-b'));

    const all = await b.readAudit();
    expect(all.map((e) => e.summary)).toEqual(['entry 5', 'entry 4', 'entry 3', 'entry 2', 'entry 1', 'entry 0']);
    expect(all[0]).toEqual(entry(5, 'aks-b'));
    expect((await a.readAudit({ limit: 2 })).map((e) => e.summary)).toEqual(['entry 5', 'entry 4']);
    expect((await a.readAudit({ cluster: 'aks-a', limit: 3 })).map((e) => e.summary)).toEqual([
      'entry 3',
      'entry 2',
      'entry 1',
    ]);
    expect(await a.readAudit({ cluster: 'nope' })).toEqual([]);
    expect(await a.readAudit({ limit: 0 })).toEqual([]);
  });

  it('keeps a lease exclusive across instances until it expires or is released', async () => {
    expect(await a.tryLease('digest:tick', 'replica-a', 30_000)).toBe(true);
    expect(await b.tryLease('digest:tick', 'replica-b', 30_000)).toBe(false);
    expect(await a.tryLease('digest:tick', 'replica-a', 30_000)).toBe(true); // holder renews
    expect(await b.tryLease('other', 'replica-b', 30_000)).toBe(true); // leases are independent

    await b.releaseLease('digest:tick', 'replica-b'); // not the holder: no effect
    expect(await b.tryLease('digest:tick', 'replica-b', 30_000)).toBe(false);

    clock += 30_001;
    expect(await b.tryLease('digest:tick', 'replica-b', 30_000)).toBe(true);
    expect(await a.tryLease('digest:tick', 'replica-a', 30_000)).toBe(false);

    await b.releaseLease('digest:tick', 'replica-b');
    expect(await a.tryLease('digest:tick', 'replica-a', 30_000)).toBe(true);
  });

  it('grants a contested lease to exactly one of many concurrent callers', async () => {
    const got = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).tryLease('tick', `replica-${i}`, 60_000)),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it('persists across close and reopen', async () => {
    const etag = await a.put('timers', 'revert-1', { at: '2025-01-01T01:00:00Z' });
    await a.appendAudit({ at: '2025-01-01T00:00:00Z', kind: 'timer', summary: 'scheduled revert' });
    await a.tryLease('held', 'replica-a', 60_000);
    await a.close();
    await b.close();

    a = await open();
    b = await open();
    expect(await a.get('timers', 'revert-1')).toEqual({ value: { at: '2025-01-01T01:00:00Z' }, etag });
    expect((await a.readAudit()).map((e) => e.summary)).toEqual(['scheduled revert']);
    expect(await b.tryLease('held', 'replica-b', 60_000)).toBe(false);
  });

  it('loses no update when another process updates the same document', async () => {
    const child = promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD], {
      env: { ...process.env, PALISADE_STORE_CHILD: JSON.stringify({ store: { ...location, credential: undefined }, login: childLogins.get(location), id: 'shared', count: 15 }) },
    });
    await Promise.all(
      Array.from({ length: 15 }, () =>
        a.update<{ n: number; by: string[] }>('meta', 'shared', (cur) => ({
          n: (cur?.n ?? 0) + 1,
          by: [...(cur?.by ?? []), 'parent'],
        })),
      ),
    );
    expect((await child).stdout).toContain('done');
    const final = await b.get<{ n: number; by: string[] }>('meta', 'shared');
    expect(final?.value.n).toBe(30);
    expect(final?.value.by.filter((x) => x === 'child')).toHaveLength(15);
  });
});

describe('store: blob signed in with an Entra token (shared keys off)', () => {
  let tls: SandboxTls;
  let entra: EntraEmulator;
  let az: Azurite;
  let login: EntraLogin;
  beforeAll(async () => {
    tls = await createSandboxTls();
    entra = await startEntraEmulator({ tls });
    login = { tenantId: entra.tenantId, clientId: entra.apps[0].clientId, secret: entra.apps[0].secret, authorityHost: entra.authorityHost, caPem: tls.caPem };
    az = await startAzurite({ oauth: { certPem: tls.certPem, keyPem: tls.keyPem } });
  });
  afterAll(async () => {
    await az?.stop();
    await entra?.close();
  });

  it('asks Entra for a storage token, and Azurite refuses a token for another audience', async () => {
    const credential = entraCredential(login);
    const store = await openStore({ kind: 'blob', accountUrl: az.blobEndpoint, credential, caPem: tls.caPem, container: 'tokens' });
    await store.put('meta', 'x', { ok: true });
    expect((await store.get('meta', 'x'))?.value).toEqual({ ok: true });
    expect(entra.issued.map((t) => t.aud)).toContain('https://storage.azure.com');

    // The same identity's token for Azure Resource Manager is not a storage token
    const armToken = { getToken: () => credential.getToken('https://management.azure.com/.default') };
    await expect(openStore({ kind: 'blob', accountUrl: az.blobEndpoint, credential: armToken, caPem: tls.caPem, container: 'tokens' })).rejects.toThrow(
      /audience|AuthenticationFailed|Server failed to authenticate/i,
    );
  });
});
