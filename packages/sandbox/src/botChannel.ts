import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { SandboxTls } from './tls.js';

/** The issuer of the tokens the Bot Framework channel (Teams' Bot Connector) sends a bot. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** How the metadata endpoint answers: as the real one, or failing (500, a body that is not JSON, never). */
export type MetadataMode = 'ok' | 'error' | 'hang' | 'garbage';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * The Bot Framework's identity, emulated: the channel's OpenID metadata and signing keys (JWKS with endorsements, as
 * login.botframework.com publishes them), which botbuilder reads to validate the tokens of incoming activities, and a
 * signer of such tokens for tests; plus an App Service managed-identity endpoint (IDENTITY_ENDPOINT) for a
 * UserAssignedMSI bot's outgoing token. HTTPS with the sandbox's certificate when `tls` is given, else HTTP.
 */
export async function startBotChannel(opts: { tls?: SandboxTls } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = `sandbox-channel-${randomUUID().slice(0, 8)}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const identityHeader = randomUUID();
  let mode: MetadataMode = 'ok';
  const hanging = new Set<http.ServerResponse>();
  const issued: string[] = [];
  const metadataFetches = { count: 0 };
  let base = '';

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/v1/.well-known/openidconfiguration') {
      metadataFetches.count++;
      if (mode === 'hang') return void hanging.add(res);
      if (mode === 'error') return json(500, { error: 'metadata service unavailable' });
      if (mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('<html>not json');
      }
      return json(200, {
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (url.pathname === '/v1/.well-known/keys')
      return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat'] }] });
    if (url.pathname === '/msi/token') {
      if (req.headers['x-identity-header'] !== identityHeader) return json(401, { error: 'missing X-IDENTITY-HEADER' });
      const token = `bot-outgoing-${randomUUID()}`;
      issued.push(token);
      return json(200, {
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource') ?? '',
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id') ?? '',
      });
    }
    json(404, { error: 'not found' });
  };
  const server = opts.tls ? https.createServer({ cert: opts.tls.certPem, key: opts.tls.keyPem }, handler) : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as { port: number }).port}`;

  const sign = (claims: Record<string, unknown>, signer: 'channel' | 'attacker' | 'none') => {
    const header = signer === 'none' ? { alg: 'none', typ: 'JWT', kid } : { alg: 'RS256', typ: 'JWT', kid, x5t: kid };
    const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (signer === 'none') return `${body}.`;
    return `${body}.${createSign('RSA-SHA256').update(body).sign(signer === 'channel' ? privateKey : attacker).toString('base64url')}`;
  };

  return {
    /** What `BotOpenIdMetadata` names (the real one: https://login.botframework.com/v1/.well-known/openidconfiguration). */
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    /** App Service managed identity: IDENTITY_ENDPOINT / IDENTITY_HEADER for a UserAssignedMSI bot's outgoing token. */
    identityEndpoint: `${base}/msi/token`,
    identityHeader,
    /** Outgoing tokens handed out by the managed-identity endpoint, in order. */
    issued,
    metadataFetches,
    setMetadata(m: MetadataMode) {
      mode = m;
      if (m === 'hang') return;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    /**
     * A token as the channel signs it for `appId`, for activities whose serviceUrl is `serviceUrl`; claims can be
     * overridden and the signer changed, to forge one.
     */
    channelToken(appId: string, serviceUrl: string, over: Record<string, unknown> = {}, signer: 'channel' | 'attacker' | 'none' = 'channel'): string {
      const now = Math.floor(Date.now() / 1000);
      return sign({ iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...over }, signer);
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type BotChannel = Awaited<ReturnType<typeof startBotChannel>>;
