import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '../identity.js';
import { SANDBOX_TENANT_ID } from '../seed/arm.js';
import type { SandboxTls } from '../tls.js';
import { signJwt, verifyJwt, type Claims } from './jwt.js';

/** An app registration (service principal) the emulated tenant knows: client id, secret, object id. */
export interface EntraApp {
  clientId: string;
  secret: string;
  /** The service principal's object id: the `oid` of its tokens, what role assignments and RBAC bindings name. */
  objectId: string;
  displayName: string;
}

/** Palisade's app registration in the sandbox tenant; its object id is the one ARM and Kubernetes authorize. */
export const PALISADE_SANDBOX_CLIENT_ID = '5a1e0b0e-0000-4000-8000-0000000c11e7';

export interface EntraEmulatorOptions {
  tls: SandboxTls;
  tenantId?: string;
  /** Defaults to Palisade's sandbox app with a fresh random secret. */
  apps?: EntraApp[];
  /** Token lifetime in seconds (Entra: 60–90 minutes; 3599 s here). */
  lifetimeSeconds?: number;
  port?: number;
}

export interface IssuedToken {
  clientId: string;
  aud: string;
  at: number;
}

export interface EntraEmulator {
  /** What `AZURE_AUTHORITY_HOST` names: `https://127.0.0.1:<port>`. */
  authorityHost: string;
  tenantId: string;
  apps: EntraApp[];
  /** Every token issued, in order (tests check which audiences a client asked for). */
  issued: IssuedToken[];
  /** The claims of a token this emulator issued and that has not expired; undefined otherwise. */
  verify(token: string): Claims | undefined;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** Entra's OAuth error body: AADSTS code in the description, trace and correlation ids, as MSAL parses it. */
function oauthError(base: string, status: number, error: string, code: number, message: string, correlationId: string): Reply {
  const traceId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${base}/error?code=${code}`,
    },
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function openIdConfiguration(base: string, tenantId: string): Record<string, unknown> {
  const t = `${base}/${tenantId}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  };
}

/**
 * The slice of Microsoft Entra ID the real `DefaultAzureCredential` (EnvironmentCredential → MSAL client credentials)
 * talks to: OpenID configuration, instance discovery, keys and the v2.0 token endpoint. Tokens are RS256 JWTs shaped
 * like Entra's v1 app tokens (`iss` https://sts.windows.net/<tenant>/, `aud` from the `/.default` scope, `oid`,
 * `appid`, `tid`, `idtyp: app`), so Azurite's OAuth mode and the emulators can read who is calling.
 */
export async function startEntraEmulator(opts: EntraEmulatorOptions): Promise<EntraEmulator> {
  const tenantId = opts.tenantId ?? SANDBOX_TENANT_ID;
  const apps: EntraApp[] = opts.apps ?? [
    { clientId: PALISADE_SANDBOX_CLIENT_ID, secret: randomBytes(24).toString('base64url'), objectId: PALISADE_SANDBOX_PRINCIPAL_ID, displayName: 'palisade-sandbox' },
  ];
  const lifetime = opts.lifetimeSeconds ?? 3599;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(16).toString('base64url');
  const issued: IssuedToken[] = [];
  let base = '';

  function token(form: URLSearchParams, pathTenant: string, correlationId: string): Reply {
    if (pathTenant !== tenantId && pathTenant !== 'organizations')
      return oauthError(base, 400, 'invalid_request', 90002, `Tenant '${pathTenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, correlationId);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials')
      return oauthError(base, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`, correlationId);
    const clientId = form.get('client_id') ?? '';
    const app = apps.find((a) => a.clientId === clientId);
    if (!app)
      return oauthError(base, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`, correlationId);
    if (form.get('client_secret') !== app.secret)
      return oauthError(base, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, correlationId);
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s));
    const resourceScopes = scopes.filter((s) => s.endsWith('/.default'));
    if (resourceScopes.length !== 1 || scopes.length !== 1)
      return oauthError(base, 400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, correlationId);
    const aud = resourceScopes[0].slice(0, -'/.default'.length);
    const now = Math.floor(Date.now() / 1000);
    const claims: Claims = {
      aud,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      aio: randomBytes(12).toString('base64url'),
      appid: app.clientId,
      appidacr: '1',
      idp: `https://sts.windows.net/${tenantId}/`,
      idtyp: 'app',
      oid: app.objectId,
      rh: randomBytes(12).toString('base64url'),
      sub: app.objectId,
      tid: tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    };
    issued.push({ clientId: app.clientId, aud, at: Date.now() });
    return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: signJwt(claims, privateKey, kid) } };
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', base);
    const correlationId = String(req.headers['client-request-id'] ?? randomUUID());
    const segments = url.pathname.split('/').filter(Boolean);
    const [tenant, ...rest] = segments;
    const tail = rest.join('/');
    if (req.method === 'GET' && tenant === 'common' && tail === 'discovery/instance') {
      const host = new URL(base).host;
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${base}/${tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
    if (req.method === 'GET' && (tail === 'v2.0/.well-known/openid-configuration' || tail === '.well-known/openid-configuration')) {
      if (tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common')
        return oauthError(base, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`, correlationId);
      return { status: 200, body: openIdConfiguration(base, tenantId) };
    }
    if (req.method === 'GET' && tail === 'discovery/v2.0/keys') {
      const jwk = publicKey.export({ format: 'jwk' });
      return { status: 200, body: { keys: [{ kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, issuer: `${base}/${tenantId}/v2.0` }] } };
    }
    if (req.method === 'POST' && tail === 'oauth2/v2.0/token') return token(await readForm(req), tenant ?? '', correlationId);
    return { status: 404, body: { error: 'not_found', error_description: `The sandbox Entra emulator does not serve ${req.method} ${url.pathname}.` } };
  }

  const server = https.createServer({ cert: opts.tls.certPem, key: opts.tls.keyPem }, (req: IncomingMessage, res: ServerResponse) => {
    route(req)
      .catch((err: unknown): Reply => ({ status: 500, body: { error: 'server_error', error_description: String(err) } }))
      .then((reply) => {
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache', 'content-length': Buffer.byteLength(text), ...reply.headers });
        res.end(text);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authorityHost: base,
    tenantId,
    apps,
    issued,
    verify: (t: string) => verifyJwt(t, publicKey as KeyObject),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { Claims } from './jwt.js';
