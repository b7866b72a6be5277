/**
 * Who an `Authorization: Bearer …` header names, for the emulators that authorize requests (ARM role assignments,
 * Kubernetes RBAC): the `oid` of an Entra-shaped JWT (what `sandbox:serve`'s Entra emulator issues to the real
 * DefaultAzureCredential), else undefined (the in-process sandbox's fixed token, kubectl's token). No signature check:
 * in the sandbox, identity is a label, not a secret.
 */
export function callerObjectId(authorization: string | string[] | undefined): string | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const token = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : undefined;
  } catch {
    return undefined;
  }
}
