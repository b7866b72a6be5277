import { createHash, randomUUID } from 'node:crypto';
import type { ArmContext } from '../arm/context.js';
import { ArmHttpError, ok, type ArmReply, type ArmRequest } from '../arm/http.js';
import { SANDBOX_TENANT_ID } from '../seed/arm.js';
import type { Json } from '../world.js';
import { evaluate, facet, READ_ACTION, type Row } from './evaluate.js';
import { KqlError, parseQuery } from './kql.js';
import { resourcesTable } from './table.js';

// @azure/arm-resourcegraph 5.0.0 sends 2024-04-01 for `resources`.
const API_VERSIONS = ['2021-03-01', '2022-10-01', '2024-04-01'];
const MAX_TOP = 1000;

export interface ResourceGraphSettings {
  /** Rows per page when the request sets no `$top` (and the most it may ask for). */
  pageSize: number;
}

/** Resource Graph's 400: `BadRequest` with a support hint, then the reasons in `details`. */
export function badRequest(details: Json[]): ArmHttpError {
  const err = new ArmHttpError(
    400,
    'BadRequest',
    `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
  );
  err.details = details;
  return err;
}

const INVALID_QUERY = { code: 'InvalidQuery', message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' };

function queryHash(query: string, subscriptions: string[]): string {
  return createHash('sha256').update(`${query}\n${subscriptions.join(',')}`).digest('hex').slice(0, 16);
}

function readSkipToken(token: string, hash: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { q?: string; o?: number };
    if (parsed.q === hash && Number.isInteger(parsed.o) && parsed.o! >= 0) return parsed.o!;
  } catch {
    /* falls through to the 400 */
  }
  throw badRequest([{ code: 'InvalidSkipToken', message: 'The $skipToken is invalid, expired, or was issued for a different query or scope.' }]);
}

function asTable(rows: Row[]): Json {
  const names = rows.length ? Object.keys(rows[0]) : [];
  const typeOf = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v === 'boolean' ? 'boolean' : v !== null && typeof v === 'object' ? 'object' : 'string');
  return { columns: names.map((name) => ({ name, type: typeOf(rows.find((r) => r[name] !== null)?.[name] ?? '') })), rows: rows.map((r) => names.map((n) => r[n])) };
}

/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: the query over the world's resources the caller may read,
 * scoped to `subscriptions`, paged by `$top`/`$skip`/`$skipToken`, with facets; 400 for queries outside the supported shape.
 */
export function handleResourceGraph(ctx: ArmContext, req: ArmRequest, settings: ResourceGraphSettings): ArmReply | undefined {
  if (!/^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(req.path)) return undefined;
  if (req.method !== 'POST') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed.`);
  const version = req.query.get('api-version');
  if (!version || !API_VERSIONS.includes(version)) {
    throw new ArmHttpError(400, 'InvalidApiVersionParameter', `The api-version '${version ?? ''}' is invalid. The supported versions are '${API_VERSIONS.join(',')}'.`);
  }
  const body = req.body ?? {};
  const query = body.query;
  if (typeof query !== 'string' || !query.trim()) throw badRequest([{ code: 'InvalidQuery', message: 'The query is required.' }]);
  let stages;
  try {
    stages = parseQuery(query);
  } catch (err) {
    if (!(err instanceof KqlError)) throw err;
    throw badRequest([
      INVALID_QUERY,
      { code: 'ParserFailure', message: `ParserFailure: ${err.message} (the sandbox's Resource Graph supports where/project/order by/limit on Resources only)`, line: 1, characterPositionInLine: err.position, token: err.token },
    ]);
  }
  const principal = req.principal!;
  const all = Object.keys(ctx.world.state.subscriptions);
  const visible = ctx.rbac.visibleSubscriptions(principal, all);
  const requested: string[] = Array.isArray(body.subscriptions) ? body.subscriptions.map(String) : visible;
  const scope = new Set(requested.map((s) => s.toLowerCase()).filter((s) => visible.some((v) => v.toLowerCase() === s)));
  const tenantOf = (sub: string) => ctx.world.state.subscriptions[all.find((s) => s.toLowerCase() === sub) ?? '']?.tenantId ?? SANDBOX_TENANT_ID;
  // Resource Graph answers only rows the caller may read; RBAC filters before the query runs
  const allowedTypes = new Map<string, boolean>();
  const rows = resourcesTable(ctx.world, scope, tenantOf).filter((row) => {
    const action = row[READ_ACTION] as string;
    const key = `${row.subscriptionId}|${action}`.toLowerCase();
    let atSubscription = allowedTypes.get(key);
    if (atSubscription === undefined) {
      atSubscription = ctx.rbac.allows(principal, action, `/subscriptions/${row.subscriptionId}`);
      allowedTypes.set(key, atSubscription);
    }
    return atSubscription || ctx.rbac.allows(principal, action, String(row.id));
  });
  const result = evaluate(stages, rows);
  ctx.rbac.recordUse(principal, 'Microsoft.ResourceGraph/resources/read');
  for (const action of new Set(result.map((r) => r[READ_ACTION] as string))) ctx.rbac.recordUse(principal, action);
  const options: Json = body.options ?? {};
  const top = Math.min(Number(options.$top ?? settings.pageSize), MAX_TOP, settings.pageSize);
  const hash = queryHash(query, [...scope].sort());
  const offset = options.$skipToken ? readSkipToken(String(options.$skipToken), hash) : Math.max(0, Number(options.$skip ?? 0));
  const page = result.slice(offset, offset + top);
  const more = offset + top < result.length;
  // Stable pages need `id` in the result; without it Resource Graph truncates instead of paging
  const pageable = result.length === 0 || 'id' in result[0];
  const format = String(options.resultFormat ?? 'objectArray');
  if (format !== 'objectArray' && format !== 'table') throw badRequest([{ code: 'InvalidResultFormat', message: `Result format '${format}' is not supported.` }]);
  const answer: Json = {
    totalRecords: result.length,
    count: page.length,
    resultTruncated: more && !pageable ? 'true' : 'false',
    ...(more && pageable ? { $skipToken: Buffer.from(JSON.stringify({ q: hash, o: offset + top })).toString('base64') } : {}),
    data: format === 'table' ? asTable(page) : page,
    facets: Array.isArray(body.facets) ? body.facets.map((f: Json) => facet(result, f)) : [],
  };
  return ok(answer);
}
