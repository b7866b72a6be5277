import { RestError } from '@azure/core-rest-pipeline';

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

/** Runs an SDK call and rethrows its failure as AzureError. */
export async function azureCall<T>(fn: () => Promise<T>, requestId?: () => string | undefined): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAzureError(err, requestId?.());
  }
}
