import { RestError } from '@azure/core-rest-pipeline';
import { UserError } from '../errors.js';

/** Where the operator reads how to fix Azure sign-in (docs/deploy.md's troubleshooting sections). */
export const DOCS = {
  credentials: 'docs/deploy.md#troubleshooting-no-azure-credentials',
  rejected: 'docs/deploy.md#troubleshooting-entra-id-refuses-the-credentials',
  token: 'docs/deploy.md#troubleshooting-azure-resource-manager-refuses-the-token',
} as const;

/** Palisade cannot sign in to Azure, or Azure refuses its token: the operator fixes it, so it is shown as is. */
export class AzureCredentialError extends UserError {
  constructor(
    readonly reason: 'no-credentials' | 'rejected' | 'token-refused',
    message: string,
    nextStep: string,
  ) {
    super(message, nextStep);
    this.name = 'AzureCredentialError';
  }
}

const IDENTITY_FAILURES = new Set(['AuthenticationError', 'AuthenticationRequiredError']);
/** ARM's answers to a token it does not accept (401). */
const TOKEN_CODES = new Set(['InvalidAuthenticationToken', 'InvalidAuthenticationTokenTenant', 'InvalidAuthenticationTokenAudience', 'ExpiredAuthenticationToken', 'AuthenticationFailed']);

/** The first AADSTS code and sentence of an Entra error, without trace ids (never a secret: Entra does not echo them). */
function entraReason(message: string): string {
  const m = /AADSTS(\d+): ([^.]*\.)/.exec(message);
  return m ? `AADSTS${m[1]}: ${m[2]}` : (message.split('\n').find((l) => l.trim()) ?? message).slice(0, 300);
}

/**
 * A credential failure in plain terms, or undefined for anything else: @azure/identity's CredentialUnavailableError
 * (no source of credentials), AuthenticationError and friends (Entra refused them), ARM's 401 (token refused).
 */
export function credentialProblem(err: unknown): AzureCredentialError | undefined {
  if (err instanceof AzureCredentialError) return err;
  const name = (err as { name?: string } | undefined)?.name ?? '';
  const message = err instanceof Error ? err.message : String(err);
  const inner = name === 'AggregateAuthenticationError' ? ((err as { errors?: Array<{ name?: string; message?: string }> }).errors ?? []) : [];
  const unavailable = name === 'CredentialUnavailableError' || (inner.length > 0 && inner.every((e) => e.name === 'CredentialUnavailableError'));
  if (unavailable)
    return new AzureCredentialError(
      'no-credentials',
      'Palisade has no Azure credentials: none of the sources DefaultAzureCredential tries (environment variables, workload identity, managed identity, Azure CLI) gave it a token.',
      `Give Palisade its managed identity and set AZURE_CLIENT_ID to the identity's client id (or sign in with \`az login\` where it runs locally). See ${DOCS.credentials}.`,
    );
  if (IDENTITY_FAILURES.has(name) || name === 'AggregateAuthenticationError') {
    const detail = inner.find((e) => e.name !== 'CredentialUnavailableError')?.message ?? message;
    return new AzureCredentialError(
      'rejected',
      `Microsoft Entra ID refused Palisade's Azure credentials (${entraReason(detail)})`,
      `Check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or federated credential of that identity, and AZURE_AUTHORITY_HOST for a sovereign cloud. See ${DOCS.rejected}.`,
    );
  }
  const status = (err as { statusCode?: number }).statusCode ?? (err instanceof AzureError ? err.status : undefined);
  const code = err instanceof AzureError ? err.code : (err as { code?: string }).code;
  if (status === 401 || (code && TOKEN_CODES.has(code))) {
    const azure = err instanceof AzureError ? err : toAzureError(err);
    return new AzureCredentialError(
      'token-refused',
      `Azure Resource Manager refused Palisade's token (${azure.code}: ${azure.message})`,
      `Check that AZURE_RESOURCE_MANAGER_ENDPOINT and AZURE_AUTHORITY_HOST name the same cloud and that the identity belongs to the subscriptions' tenant. See ${DOCS.token}.`,
    );
  }
  return undefined;
}

/** An Azure Resource Manager failure in plain terms: ARM's code and message, HTTP status, request id for support. */
export class AzureError extends Error {
  readonly code: string;
  /** HTTP status; undefined when a long-running operation ended Failed (its polls all answered 200). */
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: { code: string; message: string; status?: number; requestId?: string }) {
    super(init.message);
    this.name = 'AzureError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

const LRO_FAILED = /^The long-running operation has failed\. ([^.]+)\. ([\s\S]*)$/;

function bodyError(text: string | undefined): { code?: string; message?: string } {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return parsed.error ?? {};
  } catch {
    return {};
  }
}

/** Turns whatever an SDK call threw into an AzureError (or rethrows programming errors untouched). */
export function toAzureError(err: unknown, requestId?: string): AzureError {
  if (err instanceof AzureError) return err;
  if (err instanceof RestError || (err as { name?: string })?.name === 'RestError') {
    const e = err as RestError;
    const fromBody = bodyError(e.response?.bodyAsText ?? undefined);
    return new AzureError({
      code: e.code ?? fromBody.code ?? (e.statusCode ? `Http${e.statusCode}` : 'RequestFailed'),
      message: fromBody.message ?? e.message,
      status: e.statusCode,
      requestId: e.response?.headers.get('x-ms-request-id') ?? requestId,
    });
  }
  const m = err instanceof Error ? LRO_FAILED.exec(err.message) : null;
  if (m) return new AzureError({ code: m[1], message: m[2], requestId });
  throw err;
}

/** What an SDK call's failure becomes: a credential problem the operator can fix, else an AzureError. */
export function azureFailure(err: unknown, requestId?: string): Error {
  return credentialProblem(err) ?? toAzureError(err, requestId);
}

/** Runs an SDK call and rethrows its failure as AzureCredentialError or AzureError. */
export async function azureCall<T>(fn: () => Promise<T>, requestId?: () => string | undefined): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw azureFailure(err, requestId?.());
  }
}
