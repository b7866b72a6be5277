import type { Json } from '../world.js';
import type { Principal } from './rbac/tokens.js';

/** An ARM error answer: `{"error":{"code","message"}}` with an HTTP status. */
export class ArmHttpError extends Error {
  /** `error.details`, where a service adds them (Resource Graph does). */
  details?: Json[];

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    public headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): Json {
    return { error: { code: this.code, message: this.message, ...(this.target ? { target: this.target } : {}), ...(this.details ? { details: this.details } : {}) } };
  }
}

export interface ArmRequest {
  method: string;
  /** Decoded path without query, duplicate slashes collapsed. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Json | undefined;
  /** Who sent it (from the bearer token); set by the emulator before any handler runs. */
  principal?: Principal;
}

export interface ArmReply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export function ok(body: Json, headers?: Record<string, string>): ArmReply {
  return { status: 200, body, headers };
}

export function header(req: ArmRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function notFound(type: string, name: string, resourceGroup?: string): ArmHttpError {
  return new ArmHttpError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** Deep copy, so callers never hand out references into the world state. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Answers one page of `items` with an absolute `nextLink` carrying a `$skipToken` offset, as ARM does. */
export function paged(endpoint: string, req: ArmRequest, items: Json[], pageSize: number): ArmReply {
  const offset = Math.max(0, Number.parseInt(req.query.get('$skipToken') ?? '0', 10) || 0);
  const page = items.slice(offset, offset + pageSize).map(clone);
  const body: Json = { value: page };
  if (offset + pageSize < items.length) {
    const q = new URLSearchParams(req.query);
    q.set('$skipToken', String(offset + pageSize));
    body.nextLink = `${endpoint}${req.path}?${q.toString()}`;
  }
  return ok(body);
}
