import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';

/** Microsoft Graph of the public cloud; sovereign clouds have their own (PALISADE_GRAPH_ENDPOINT). */
export const PUBLIC_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** `checkMemberGroups` takes at most 20 group ids per call. */
const MAX_GROUP_IDS = 20;

export interface GraphOptions {
  credential: TokenCredential;
  /** `https://graph.microsoft.com`, a sovereign cloud's Graph, or the sandbox's emulator. */
  endpoint: string;
  /** Token scope; `<endpoint origin>/.default` by default. */
  scope?: string;
  /** Extra CA to trust (the sandbox CA) for these calls only. */
  caPem?: string;
  timeoutMs?: number;
}

/** Graph could not say who is in a group; the message is fit for a card (what failed, never a token). */
export class GraphError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
    this.name = 'GraphError';
  }
}

export function graphScope(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`;
}

/** The slice of Microsoft Graph roles need: is this person in these groups (transitively)? Plain HTTP with a bearer token. */
export class GraphClient {
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly tls: { ca: string } | undefined;

  constructor(private readonly opts: GraphOptions) {
    this.tls = opts.caPem ? { ca: opts.caPem } : undefined;
  }

  /**
   * The ids among `groupIds` the directory object is a member of, directly or through nested groups
   * (`POST /v1.0/directoryObjects/{id}/checkMemberGroups`). An object Graph does not know is in no group.
   */
  async memberGroups(objectId: string, groupIds: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < groupIds.length; i += MAX_GROUP_IDS) {
      const body = await this.post(`/v1.0/directoryObjects/${encodeURIComponent(objectId)}/checkMemberGroups`, { groupIds: groupIds.slice(i, i + MAX_GROUP_IDS) });
      if (body === undefined) return [];
      out.push(...((body as { value?: string[] }).value ?? []));
    }
    const wanted = new Map(groupIds.map((g) => [g.toLowerCase(), g]));
    return out.map((g) => wanted.get(g.toLowerCase()) ?? g);
  }

  /** The response body, or undefined for 404 (no such object). */
  private async post(path: string, payload: unknown): Promise<unknown> {
    let token: string;
    try {
      const t = await this.opts.credential.getToken(this.opts.scope ?? graphScope(this.opts.endpoint));
      if (!t) throw new Error('no token');
      token = t.token;
    } catch (e) {
      throw new GraphError(`Palisade could not get a token for Microsoft Graph (${(e as Error).name || 'error'}).`);
    }
    const request = createPipelineRequest({
      url: `${this.opts.endpoint.replace(/\/$/, '')}${path}`,
      method: 'POST',
      headers: createHttpHeaders({ authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }),
      body: JSON.stringify(payload),
      timeout: this.opts.timeoutMs ?? 5_000,
    });
    // the HTTP client keeps one agent per settings object: one object per client
    if (this.tls) request.tlsSettings = this.tls;
    let res;
    try {
      res = await this.http.sendRequest(request);
    } catch (e) {
      throw new GraphError(`Microsoft Graph is unreachable (${(e as { code?: string }).code ?? (e as Error).message}).`);
    }
    const parsed = parse(res.bodyAsText ?? undefined);
    if (res.status === 200) return parsed;
    if (res.status === 404) return undefined;
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    const code = error?.code ?? `Http${res.status}`;
    if (res.status === 403)
      throw new GraphError(`Microsoft Graph refused to tell group membership: Palisade's identity needs the application permission GroupMember.Read.All (403 ${code}).`, 403, code);
    if (res.status === 401) throw new GraphError(`Microsoft Graph refused Palisade's token (401 ${code}).`, 401, code);
    throw new GraphError(`Microsoft Graph answered ${res.status} ${code}${error?.message ? `: ${error.message}` : ''}.`, res.status, code);
  }
}

function parse(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
