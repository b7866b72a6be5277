import type { ConversationRef, Messenger, OutgoingMessage } from '../chat/events.js';
import type { Logger } from '../log.js';

/** Teams answers these when it is busy or a write raced: try again later (platform facts: 429/412/502/504). */
export const RETRYABLE_STATUS = new Set([412, 429, 502, 503, 504]);

export interface SendRetry {
  status?: number;
  waitMs: number;
  retryAfterMs?: number;
}

export interface SendOutcome {
  id: string;
  attempts: number;
  retries: SendRetry[];
}

/** Teams will not take messages in this conversation any more (403: the app was removed or blocked). */
export class ConversationClosed extends Error {
  constructor(readonly status: number, readonly code: string | undefined, readonly reason: string, readonly attempts: number, readonly retries: SendRetry[]) {
    super(reason);
    this.name = 'ConversationClosed';
  }
}

/** The send failed for this tick (retries used up, or an error that retrying will not fix). */
export class SendFailed extends Error {
  constructor(readonly status: number | undefined, readonly reason: string, readonly attempts: number, readonly retries: SendRetry[], readonly cause?: unknown) {
    super(reason);
    this.name = 'SendFailed';
  }
}

export interface FailureInfo {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  /** A transport problem (reset, timeout) with no HTTP status. */
  network: boolean;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']);

/** Reads status, error code and Retry-After off what the Bot Connector client throws (a RestError). */
export function failureInfo(err: unknown, nowMs = Date.now()): FailureInfo {
  const e = (err ?? {}) as { statusCode?: unknown; status?: unknown; code?: unknown; response?: { status?: unknown; headers?: unknown; bodyAsText?: unknown } };
  const rawStatus = e.statusCode ?? e.status ?? e.response?.status;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  let code = typeof e.code === 'string' ? e.code : undefined;
  if (!code && typeof e.response?.bodyAsText === 'string') {
    try {
      code = (JSON.parse(e.response.bodyAsText) as { error?: { code?: string } }).error?.code;
    } catch {
      /* not JSON */
    }
  }
  return { status, code, retryAfterMs: parseRetryAfter(header(e.response?.headers, 'retry-after'), nowMs), network: status === undefined && code !== undefined && NETWORK_CODES.has(code) };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => string | undefined } & Record<string, unknown>;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const hit = Object.entries(h).find(([k]) => k.toLowerCase() === name);
  return typeof hit?.[1] === 'string' ? hit[1] : undefined;
}

/** Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential backoff with equal jitter; Retry-After is a floor, plus a little jitter so replicas do not retry in step. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number, opts: BackoffOptions): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + (random() * exp) / 2;
  if (retryAfterMs === undefined) return Math.round(jittered);
  return Math.round(Math.max(retryAfterMs, jittered) + random() * Math.min(retryAfterMs * 0.1, 1000));
}

/** Teams allows ~1,800 messages an hour per conversation and 30 a second per app: slots are reserved per conversation and overall. */
export class Pacer {
  private readonly next = new Map<string, number>();
  /** Reserved send times across all conversations, ascending. */
  private slots: number[] = [];

  constructor(
    private readonly perConversationGapMs = 2_000,
    private readonly globalGapMs = 50,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {}

  async turn(conversationId: string): Promise<void> {
    const now = this.now();
    let at = Math.max(now, this.next.get(conversationId) ?? 0);
    this.slots = this.slots.filter((t) => t > now - this.globalGapMs);
    for (const t of this.slots) if (at > t - this.globalGapMs && at < t + this.globalGapMs) at = t + this.globalGapMs;
    this.slots.push(at);
    this.slots.sort((a, b) => a - b);
    this.next.set(conversationId, at + this.perConversationGapMs);
    if (this.next.size > 10_000) this.prune(now);
    if (at > now) await this.sleep(at - now);
  }

  /** Nothing goes to this conversation before `untilMs` (after a 429 with Retry-After). */
  hold(conversationId: string, untilMs: number): void {
    this.next.set(conversationId, Math.max(this.next.get(conversationId) ?? 0, untilMs));
  }

  private prune(now: number): void {
    for (const [k, v] of this.next) if (v < now) this.next.delete(k);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface SendOptions extends Partial<BackoffOptions> {
  pacer: Pacer;
  log: Logger;
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the tick fails and the next one tries again. */
  maxRetryAfterMs?: number;
  random?: () => number;
  now?: () => number;
  /** The connector client waits out any Retry-After itself (even hours): stop waiting after this long. */
  sendTimeoutMs?: number;
}

class SendTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(`no answer from Teams within ${Math.round(ms / 1000)} s; not retried, as the message may still arrive`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** 403 codes Teams uses, in words for the `digests` listing. */
function closedReason(code: string | undefined): string {
  switch (code) {
    case 'MessageWritesBlocked':
      return 'Teams blocks messages from Palisade here (the app was removed or blocked)';
    case 'BotNotInConversationRoster':
      return 'Palisade is no longer a member of this conversation (it was removed)';
    case 'ConversationBlockedByUser':
      return 'the user blocked Palisade';
    default:
      return `Teams refused the message (403${code ? ` ${code}` : ''}): the app was probably removed or blocked`;
  }
}

/** A proactive send with pacing and retries; throws ConversationClosed on 403 and SendFailed when it gives up. */
export async function sendWithRetry(messenger: Messenger, ref: ConversationRef, message: OutgoingMessage, opts: SendOptions): Promise<SendOutcome> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const backoff = { baseDelayMs: opts.baseDelayMs ?? 1_000, maxDelayMs: opts.maxDelayMs ?? 60_000 };
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const conversationId = ref.conversation.id;
  const retries: SendRetry[] = [];
  for (let attempt = 1; ; attempt++) {
    await opts.pacer.turn(conversationId);
    try {
      const { id } = await withTimeout(messenger.send(ref, message), opts.sendTimeoutMs ?? 120_000);
      return { id, attempts: attempt, retries };
    } catch (err) {
      // The connector client may still deliver after we stop waiting: retrying could post twice
      if (err instanceof SendTimeout) throw new SendFailed(undefined, err.message, attempt, retries, err);
      const info = failureInfo(err, now());
      if (info.status === 403) throw new ConversationClosed(403, info.code, closedReason(info.code), attempt, retries);
      const retryable = (info.status !== undefined && RETRYABLE_STATUS.has(info.status)) || info.network;
      const what = info.status ? `HTTP ${info.status}${info.code ? ` ${info.code}` : ''}` : info.code ?? (err instanceof Error ? err.message : String(err));
      if (!retryable) throw new SendFailed(info.status, `the send failed: ${what}`, attempt, retries, err);
      if (attempt >= maxAttempts) throw new SendFailed(info.status, `the send failed ${attempt} times (last: ${what})`, attempt, retries, err);
      if (info.retryAfterMs !== undefined && info.retryAfterMs > (opts.maxRetryAfterMs ?? 5 * 60_000))
        throw new SendFailed(info.status, `Teams asked to wait ${Math.round(info.retryAfterMs / 1000)} s (${what}); the next run will try again`, attempt, retries, err);
      const waitMs = retryDelayMs(attempt, info.retryAfterMs, random, backoff);
      retries.push({ status: info.status, waitMs, retryAfterMs: info.retryAfterMs });
      opts.log.warn({ conversationId, status: info.status, code: info.code, attempt, waitMs, retryAfterMs: info.retryAfterMs }, 'digest send throttled or failed; retrying');
      opts.pacer.hold(conversationId, now() + waitMs);
    }
  }
}
