import { CredentialUnavailableError } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { Readiness } from '../../src/health/readiness.js';
import { identityOfToken } from '../../src/health/identity.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/bot.js';

/** A credential whose answers the test decides, counting how often it is asked. */
function scriptedCredential(answer: () => Promise<string>): TokenCredential & { calls: number } {
  const c = {
    calls: 0,
    async getToken() {
      c.calls++;
      return { token: await answer(), expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
  return c;
}

describe('readiness', () => {
  it('caches a good answer for cacheMs and a failure for at most 5 s', async () => {
    const store = await openStore({ kind: 'sqlite', dataDir: tempDir() });
    let clock = 0;
    let failing = true;
    const credential = scriptedCredential(() => (failing ? Promise.reject(new CredentialUnavailableError('nothing configured')) : Promise.resolve('t')));
    const r = new Readiness({ store, credential, scope: 'https://management.azure.com/.default', cacheMs: 30_000, now: () => clock });

    const down = await r.check();
    expect(down.ready).toBe(false);
    expect(down.checks.store).toBe('ok');
    expect(down.reason).toContain('Palisade has no Azure credentials');
    clock += 4_000;
    await r.check();
    expect(credential.calls).toBe(1);
    failing = false;
    clock += 2_000; // past the 5 s failure cache
    expect((await r.check()).ready).toBe(true);
    clock += 20_000;
    await r.check();
    expect(credential.calls).toBe(2);

    r.drain();
    expect(await r.check()).toMatchObject({ ready: false, reason: 'shutting down' });
    await store.close();
  });

  it('names the caller from token claims, never echoing the token', () => {
    const claims = { oid: 'o-1', appid: 'a-1', tid: 't-1', idtyp: 'app', aud: 'https://management.azure.com' };
    const jwt = ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
    expect(identityOfToken(jwt)).toEqual({ kind: 'entra', objectId: 'o-1', appId: 'a-1', tenantId: 't-1', type: 'app', audience: 'https://management.azure.com' });
    expect(identityOfToken('sandbox-arm-token.not-a-secret')).toEqual({ kind: 'opaque' });
  });
});
