import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PALISADE_SANDBOX_TOKEN, SANDBOX_OPERATOR_TOKEN } from '../arm/rbac/tokens.js';
import type { SandboxTls } from '../tls.js';
import type { Json } from '../world.js';
import { GraphDirectory, type DirectoryObject } from './directory.js';

export type GraphAvailability = 'up' | 'refused' | 'unavailable';

export interface GraphEmulator {
  /** `https://127.0.0.1:<port>`; requests go to `${baseUrl}/v1.0/…` as to `https://graph.microsoft.com/v1.0/…`. */
  baseUrl: string;
  directory: GraphDirectory;
  /** Application permissions Palisade's app has been granted (admin-consented). */
  permissions: Set<string>;
  addMember(groupId: string, memberId: string): void;
  removeMember(groupId: string, memberId: string): void;
  /** `refused`: nothing listens on the port; `unavailable`: every call answers 503. */
  setAvailability(mode: GraphAvailability): Promise<void>;
  close(): Promise<void>;
}

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const MAX_CHECK_IDS = 20;
const DEFAULT_TOP = 100;
const MAX_TOP = 999;

async function readJson(req: IncomingMessage): Promise<Json | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new GraphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

/** The slice of Microsoft Graph v1.0 Palisade's role resolver uses: group membership checks for a person. */
export async function startGraphEmulator(opts: { tls: SandboxTls; port?: number }): Promise<GraphEmulator> {
  const directory = new GraphDirectory();
  const permissions = new Set(['GroupMember.Read.All', 'User.ReadBasic.All']);
  let availability: GraphAvailability = 'up';
  let baseUrl = '';

  function authorize(req: IncomingMessage, needs: string): void {
    const auth = String(req.headers.authorization ?? '');
    const token = /^bearer\s+(\S+)$/i.exec(auth.trim())?.[1];
    if (!token) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (token !== PALISADE_SANDBOX_TOKEN && token !== SANDBOX_OPERATOR_TOKEN) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    if (token === PALISADE_SANDBOX_TOKEN && !permissions.has(needs) && !permissions.has('Directory.Read.All')) {
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
  }

  function subject(kind: string, id: string): DirectoryObject {
    const found = directory.get(id) ?? [...directory.objects.values()].find((o) => o.userPrincipalName?.toLowerCase() === id.toLowerCase());
    if (!found || (kind === 'users' && found.kind !== 'user')) {
      throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    }
    return found;
  }

  function checkMemberGroups(obj: DirectoryObject, body: Json | undefined): Json {
    const ids = body?.groupIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((x) => typeof x !== 'string')) {
      throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'groupIds' of resource 'CheckMemberGroupsRequest'.");
    }
    if (ids.length > MAX_CHECK_IDS) throw new GraphError(400, 'Request_BadRequest', `The number of groupIds exceeds the limit of ${MAX_CHECK_IDS}.`);
    const mine = new Set(directory.transitiveGroups(obj.id).map((g) => g.id.toLowerCase()));
    return { '@odata.context': `${baseUrl}/v1.0/$metadata#Collection(Edm.String)`, value: ids.filter((g: string) => mine.has(g.toLowerCase())) };
  }

  function transitiveMemberOf(obj: DirectoryObject, url: URL, path: string): Json {
    const topText = url.searchParams.get('$top');
    const top = topText === null ? DEFAULT_TOP : Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${topText}'. Must be between 1 and ${MAX_TOP} inclusive.`);
    const skip = url.searchParams.get('$skiptoken');
    const offset = skip ? Number.parseInt(Buffer.from(skip, 'base64url').toString('utf8').replace(/^o:/, ''), 10) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, 'Request_BadRequest', `'${skip}' is not a valid skip token.`);
    const select = url.searchParams.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);
    const groups = directory.transitiveGroups(obj.id).map(GraphDirectory.groupWire);
    const page = groups.slice(offset, offset + top).map((g) => (select ? Object.fromEntries(Object.entries(g).filter(([k]) => k === '@odata.type' || k === 'id' || select.includes(k))) : g));
    const out: Json = { '@odata.context': `${baseUrl}/v1.0/$metadata#directoryObjects`, value: page };
    if (offset + top < groups.length) {
      const q = new URLSearchParams(url.searchParams);
      q.set('$top', String(top));
      q.set('$skiptoken', Buffer.from(`o:${offset + top}`).toString('base64url'));
      out['@odata.nextLink'] = `${baseUrl}${path}?${q.toString()}`;
    }
    return out;
  }

  async function route(req: IncomingMessage, url: URL): Promise<Json> {
    const path = url.pathname.replace(/\/$/, '');
    const m = /^\/v1\.0\/(users|directoryObjects)\/([^/]+)\/(checkMemberGroups|transitiveMemberOf(?:\/microsoft\.graph\.group)?)$/i.exec(path);
    if (!m) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
    const [, kind, rawId, op] = m;
    const id = decodeURIComponent(rawId);
    if (op.toLowerCase() === 'checkmembergroups') {
      if (req.method !== 'POST') throw new GraphError(405, 'Request_BadRequest', `The method '${req.method}' is not allowed.`);
      authorize(req, 'GroupMember.Read.All');
      return checkMemberGroups(subject(kind, id), await readJson(req));
    }
    if (req.method !== 'GET') throw new GraphError(405, 'Request_BadRequest', `The method '${req.method}' is not allowed.`);
    authorize(req, 'GroupMember.Read.All');
    return transitiveMemberOf(subject(kind, id), url, path);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const client = String(req.headers['client-request-id'] ?? requestId);
    const headers: Record<string, string> = {
      'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
      'request-id': requestId,
      'client-request-id': client,
      'odata-version': '4.0',
      'cache-control': 'no-cache',
    };
    let status = 200;
    let body: Json;
    try {
      if (availability === 'unavailable') throw new GraphError(503, 'serviceNotAvailable', 'Service unavailable', { 'retry-after': '5' });
      body = await route(req, new URL(req.url ?? '/', 'https://127.0.0.1'));
    } catch (err) {
      const e = err instanceof GraphError ? err : new GraphError(500, 'generalException', 'An unexpected error occurred in the sandbox Graph emulator.');
      status = e.status;
      Object.assign(headers, e.headers);
      body = { error: { code: e.code, message: e.message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': client } } };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = https.createServer({ cert: opts.tls.certPem, key: opts.tls.keyPem }, (req, res) => void handle(req, res));
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://127.0.0.1:${port}`;

  return {
    baseUrl,
    directory,
    permissions,
    addMember: (g, m) => directory.addMember(g, m),
    removeMember: (g, m) => directory.removeMember(g, m),
    async setAvailability(mode) {
      if (mode === 'refused' && server.listening) await stop();
      if (mode !== 'refused' && !server.listening) await listen(port);
      availability = mode;
    },
    close: stop,
  };
}
