import { createSign, createVerify, type KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/** A compact RS256 JWT, as Entra signs access tokens. */
export function signJwt(claims: Claims, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid, x5t: kid }));
  const body = b64url(JSON.stringify(claims));
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(sig)}`;
}

/** The claims of a JWT this emulator signed, or undefined for anything else (bad shape, signature or expiry). */
export function verifyJwt(token: string, key: KeyObject, now = Date.now()): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const ok = createVerify('RSA-SHA256').update(`${parts[0]}.${parts[1]}`).verify(key, Buffer.from(parts[2], 'base64url'));
  if (!ok) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
    return typeof claims.exp === 'number' && claims.exp * 1000 > now ? claims : undefined;
  } catch {
    return undefined;
  }
}
