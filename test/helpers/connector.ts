import http from 'node:http';
import { randomUUID } from 'node:crypto';

export interface ConnectorActivity {
  id: string;
  conversationId: string;
  replyToId?: string;
  method: 'POST' | 'PUT';
  activity: any;
  /** The Authorization header the bot sent (its outgoing token), if any. */
  authorization?: string;
}

/**
 * A fake Bot Connector on 127.0.0.1: records what the bot sends (replies, proactive sends, card updates) and can be
 * told to fail a conversation (403 bot removed, 429 with Retry-After) or never to answer it (a dead connector).
 */
export async function startFakeConnector() {
  const sent: ConnectorActivity[] = [];
  const typing: Array<{ conversationId: string; at: number }> = [];
  const failures = new Map<string, Array<{ status: number; headers?: Record<string, string>; body?: unknown }>>();
  const hangs = new Set<string>();
  const held = new Set<http.ServerResponse>();
  const waiters: Array<() => void> = [];
  let hold: ((request: { conversationId: string; method: string; activity: any }) => Promise<void> | void) | undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `conv-${randomUUID()}`, activityId: randomUUID() }));
        return;
      }
      if (!m) {
        res.writeHead(404);
        res.end();
        return;
      }
      const conversationId = decodeURIComponent(m[1]);
      if (hangs.has(conversationId)) {
        held.add(res);
        return;
      }
      // typing indicators are kept apart: tests read what people read, and injected failures are for messages
      if (req.method === 'POST' && body && (JSON.parse(body) as { type?: string }).type === 'typing') {
        typing.push({ conversationId, at: Date.now() });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `typing-${typing.length}` }));
        return;
      }
      const queued = failures.get(conversationId);
      const fail = queued?.shift();
      if (fail) {
        res.writeHead(fail.status, { 'content-type': 'application/json', ...(fail.headers ?? {}) });
        res.end(JSON.stringify(fail.body ?? { error: { code: fail.status === 403 ? 'BotNotInConversationRoster' : 'Throttled', message: 'injected' } }));
        return;
      }
      const activity = body ? JSON.parse(body) : {};
      const isUpdate = req.method === 'PUT';
      // a test may act while a send is in flight (e.g. kill the bot before it hears the answer)
      if (hold) await hold({ conversationId, method: req.method ?? '', activity });
      const id = isUpdate ? decodeURIComponent(m[2] ?? '') : String(Date.now()) + String(sent.length).padStart(4, '0');
      sent.push({ id, conversationId, replyToId: isUpdate ? undefined : m[2], method: isUpdate ? 'PUT' : 'POST', activity, authorization: req.headers.authorization });
      waiters.splice(0).forEach((w) => w());
      res.writeHead(isUpdate ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    sent,
    typing,
    /** Queue responses the next sends to this conversation get instead of success. */
    failNext(conversationId: string, ...responses: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>) {
      failures.set(conversationId, [...(failures.get(conversationId) ?? []), ...responses]);
    },
    /** Runs before each send to a conversation is answered (the send is still recorded and answered afterwards). */
    holdSends(fn: typeof hold) {
      hold = fn;
    },
    /** Forget the failures queued with failNext. */
    clearFailures() {
      failures.clear();
    },
    /** Requests to this conversation are accepted and never answered (a connector that hangs). */
    hang(conversationId: string) {
      hangs.add(conversationId);
    },
    /** How many requests are being held unanswered. */
    get held() {
      return held.size;
    },
    /** The latest version of a message: its original send plus every update. */
    latest(id: string): any {
      const versions = sent.filter((s) => s.id === id);
      return versions.at(-1)?.activity;
    },
    async waitFor<T>(pred: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = pred();
        if (v) return v;
        if (Date.now() > deadline) throw new Error('timed out waiting for the bot to send the expected activity');
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    close: () => {
      for (const res of held) res.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;
