import https from 'node:https';
import { callerObjectId } from '@palisade/sandbox/entra/caller.js';
import { startEntraEmulator, type EntraEmulator } from '@palisade/sandbox/entra/index.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { createSandboxTls, type SandboxTls } from '@palisade/sandbox/tls.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraCredential, type EntraLogin } from '../store/entraLogin.js';

let tls: SandboxTls;
let entra: EntraEmulator;
let login: EntraLogin;

/** A raw token request, as MSAL sends it (form-encoded client credentials). */
function tokenRequest(tenant: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(`${entra.authorityHost}/${tenant}/oauth2/v2.0/token`, { method: 'POST', ca: tls.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  tls = await createSandboxTls();
  entra = await startEntraEmulator({ tls });
  login = { tenantId: entra.tenantId, clientId: entra.apps[0].clientId, secret: entra.apps[0].secret, authorityHost: entra.authorityHost, caPem: tls.caPem };
});
afterAll(async () => entra?.close());

describe('sandbox Entra ID emulator', () => {
  it('issues the real ClientSecretCredential a token for the /.default scope, naming Palisade\'s principal', async () => {
    const token = (await entraCredential(login).getToken('https://management.azure.com/.default'))!.token;
    expect(entra.verify(token)).toMatchObject({ aud: 'https://management.azure.com', oid: PALISADE_SANDBOX_PRINCIPAL_ID, tid: entra.tenantId, idtyp: 'app', iss: `https://sts.windows.net/${entra.tenantId}/` });
    expect(callerObjectId(`Bearer ${token}`)).toBe(PALISADE_SANDBOX_PRINCIPAL_ID);
    expect(callerObjectId('Bearer sandbox-arm-token.not-a-secret')).toBeUndefined();
    expect(callerObjectId(undefined)).toBeUndefined();
  });

  it('answers Entra\'s error shapes: unknown tenant, unknown app, wrong secret, scope without /.default', async () => {
    const base = { grant_type: 'client_credentials', client_id: login.clientId, client_secret: login.secret, scope: 'https://management.azure.com/.default' };
    const tenant = await tokenRequest('00000000-0000-0000-0000-000000000000', base);
    expect(tenant.status).toBe(400);
    expect(tenant.body.error_codes).toEqual([90002]);
    const app = await tokenRequest(entra.tenantId, { ...base, client_id: '11111111-0000-4000-8000-000000000000' });
    expect(app.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const secret = await tokenRequest(entra.tenantId, { ...base, client_secret: 'nope' });
    expect(secret.status).toBe(401);
    expect(secret.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    const scope = await tokenRequest(entra.tenantId, { ...base, scope: 'https://management.azure.com/user_impersonation' });
    expect(scope.body).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    expect(entra.verify('a.b.c')).toBeUndefined();
  });
});
