import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, SandboxCluster } from '../../world.js';
import { apiVersionOf, type ResourceType } from '../resources.js';
import { matchesFields, matchesLabels } from '../selectors.js';
import { KubeStatusError, statusErrors } from '../status.js';
import { toTable } from '../table.js';
import type { StoredEvent, WatchHistory } from './history.js';

/**
 * One watch request, written as the API server writes it: HTTP 200 with a chunked stream of JSON events, one per line
 * (`{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{…}}`), until `timeoutSeconds`, the client, or an error
 * (sent as an ERROR event carrying a Status) ends it.
 */

export interface WatchRequest {
  cluster: SandboxCluster;
  type: ResourceType;
  namespace?: string;
  /** Watching one object by name is a watch with `metadata.name=<name>`. */
  name?: string;
  query: URLSearchParams;
  table: boolean;
}

export interface OpenWatch {
  allowBookmarks: boolean;
  bookmark(): void;
  close(): void;
}

/** The API server closes a watch after a random time between its minimum request timeout (30 min) and twice that. */
const DEFAULT_TIMEOUT_S = 1800;
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

function filterFor(w: WatchRequest): (o: Json | undefined) => boolean {
  const apiVersion = apiVersionOf(w.type);
  const labelSelector = w.query.get('labelSelector') ?? undefined;
  const fieldSelector = [w.query.get('fieldSelector'), w.name ? `metadata.name=${w.name}` : ''].filter(Boolean).join(',') || undefined;
  return (o) =>
    !!o &&
    o.apiVersion === apiVersion &&
    o.kind === w.type.kind &&
    (!w.namespace || !w.type.namespaced || o.metadata?.namespace === w.namespace) &&
    matchesLabels(labelSelector, o.metadata?.labels) &&
    matchesFields(fieldSelector, o);
}

/** What this watcher sees of a change: selector watches see objects enter (ADDED) and leave (DELETED) the selection. */
function project(e: StoredEvent, matches: (o: Json | undefined) => boolean): { type: string; object: Json } | undefined {
  const now = e.type !== 'DELETED' && matches(e.object);
  const before = e.type !== 'ADDED' && matches(e.old);
  if (e.type === 'DELETED') return before ? { type: 'DELETED', object: e.object } : undefined;
  if (now && before) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}

function errorEvent(err: KubeStatusError): { type: string; object: Json } {
  return { type: 'ERROR', object: err.toStatus() };
}

/** ListOptions validation, answered before the stream starts (422/400, not an ERROR event). */
export function checkWatchRequest(q: URLSearchParams): void {
  if (q.get('sendInitialEvents') !== null && q.get('resourceVersionMatch') !== 'NotOlderThan')
    throw statusErrors.invalid('meta.k8s.io', 'ListOptions', '', [{ field: 'resourceVersionMatch', message: 'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan', reason: 'FieldValueForbidden' }]);
  const rv = q.get('resourceVersion') ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) throw statusErrors.badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rv)}: must be a valid resourceVersion`);
}

export function serveWatch(w: WatchRequest, history: WatchHistory, req: IncomingMessage, res: ServerResponse, opts: { bookmarkIntervalMs: number }): OpenWatch {
  const { cluster } = w;
  const q = w.query;
  const matches = filterFor(w);
  const allowBookmarks = q.get('allowWatchBookmarks') === 'true';
  const timeoutS = Math.min(Number(q.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S) || DEFAULT_TIMEOUT_S, DEFAULT_TIMEOUT_S * 2);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Audit-Id': randomUUID() });
  res.flushHeaders();

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearInterval(t);
    res.end();
  };
  const write = (event: { type: string; object: Json }) => {
    if (closed) return;
    const object = w.table && event.type !== 'BOOKMARK' && event.type !== 'ERROR' ? toTable(w.type.kind, [event.object], String(event.object.metadata?.resourceVersion ?? '')) : event.object;
    res.write(`${JSON.stringify({ type: event.type, object })}\n`);
  };
  const bookmark = (annotations?: Json) =>
    write({ type: 'BOOKMARK', object: { kind: w.type.kind, apiVersion: apiVersionOf(w.type), metadata: { resourceVersion: String(cluster.kube.resourceVersion), ...(annotations ? { annotations } : {}) } } });
  const fail = (err: KubeStatusError) => {
    write(errorEvent(err));
    close();
  };
  req.on('close', close);
  res.on('close', close);

  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents') === 'true';
  if (rvParam === '' || rvParam === '0' || sendInitial) {
    // "start at most recent": the current state as ADDED events, then changes
    for (const o of Object.values(cluster.kube.objects).filter(matches).sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))) write({ type: 'ADDED', object: o });
    if (sendInitial && allowBookmarks) bookmark({ [INITIAL_EVENTS_END]: 'true' });
  } else {
    const rv = Number(rvParam);
    if (rv > cluster.kube.resourceVersion) {
      fail(new KubeStatusError(504, 'Timeout', `Too large resource version: ${rv}, current: ${cluster.kube.resourceVersion}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 }));
      return { allowBookmarks, bookmark: () => {}, close };
    }
    const past = history.since(cluster, rv);
    if (past === 'expired') {
      fail(new KubeStatusError(410, 'Expired', `too old resource version: ${rv} (${history.compactedRevision(cluster)})`));
      return { allowBookmarks, bookmark: () => {}, close };
    }
    for (const e of past) {
      const seen = project(e, matches);
      if (seen) write(seen);
    }
  }
  unsubscribe = history.subscribe(cluster, (e) => {
    const seen = project(e, matches);
    if (seen) write(seen);
  });
  timers.push(setTimeout(close, timeoutS * 1000));
  if (allowBookmarks) timers.push(setInterval(() => bookmark(), opts.bookmarkIntervalMs));
  for (const t of timers) t.unref();
  return { allowBookmarks, bookmark: () => allowBookmarks && bookmark(), close };
}
