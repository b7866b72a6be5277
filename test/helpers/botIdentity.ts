import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';

/** What the Bot Framework channel signs into the tokens it sends a bot (claims botbuilder checks). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export type MetadataMode = 'ok' | 'error' | 'hang' | 'garbage';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An RS256 JWT, signed with `key` (or unsigned, `alg: none`, when key is null). */
export function signJwt(claims: Record<string, unknown>, key: KeyObject | null, kid: string): string {
  const header = key ? { alg: 'RS256', typ: 'JWT', kid, x5t: kid } : { alg: 'none', typ: 'JWT', kid };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (!key) return `${body}.`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

/**
 * The Bot Framework's identity services on 127.0.0.1, as the real ones answer: the channel's OpenID metadata and
 * signing keys (JWKS with endorsements), which botbuilder reads to validate incoming tokens; and an App Service
 * managed-identity token endpoint (IDENTITY_ENDPOINT), from which a UserAssignedMSI bot gets its outgoing token.
 */
export async function startBotIdentity() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = `test-key-${randomUUID().slice(0, 8)}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let mode: MetadataMode = 'ok';
  const hanging = new Set<http.ServerResponse>();
  const issued: string[] = [];
  const metadataFetches = { count: 0 };

  const server = http.createServer((req, res) => {
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
      if (req.headers['x-identity-header'] !== IDENTITY_HEADER) return json(401, { error: 'missing X-IDENTITY-HEADER' });
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
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    /** What Palisade's bot authentication is pointed at (instead of login.botframework.com). */
    channelMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    /** App Service managed identity: set as IDENTITY_ENDPOINT / IDENTITY_HEADER before Palisade starts. */
    identityEndpoint: `${base}/msi/token`,
    identityHeader: IDENTITY_HEADER,
    /** Outgoing tokens handed to the bot, in order. */
    issued,
    metadataFetches,
    setMetadata(m: MetadataMode) {
      mode = m;
      if (m === 'hang') return;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    /** A channel token as Teams' Bot Connector sends it to the bot, with claims overridable (e.g. to forge one). */
    channelToken(appId: string, serviceUrl: string, over: Record<string, unknown> = {}, signer: 'channel' | 'attacker' | 'none' = 'channel'): string {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...over };
      return signJwt(claims, signer === 'channel' ? privateKey : signer === 'attacker' ? attacker : null, kid);
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const IDENTITY_HEADER = 'palisade-test-identity-header';

export type BotIdentity = Awaited<ReturnType<typeof startBotIdentity>>;
