import { randomBytes } from 'node:crypto';
import type { ConversationRef } from '../chat/events.js';
import type { ClusterInfo } from '../domain.js';
import { errorRef } from '../errors.js';
import type { Posture } from '../posture/assess.js';
import type { Services } from '../handlers/types.js';
import { composeDigest, resolveScope } from './compose.js';
import { recordDigest } from './memory.js';
import { clusterKey, DEFAULT_SCAN_CONCURRENCY, limiter, scanClusters } from './scan.js';
import { formatInZone } from '../text/time.js';
import { digestConversation, dueTick, nextRun, type RunRecord, type ScheduleDoc } from './schedules.js';
import { ConversationClosed, Pacer, SendFailed, sendWithRetry } from './send.js';

export interface DigestSchedulerOptions {
  /** The schedule clock (tests move it); pacing and backoff use real time. */
  now?: () => number;
  intervalMs?: number;
  scanConcurrency?: number;
  /** Unique per process: whose claim on a tick this is. */
  owner?: string;
  pacer?: Pacer;
}

export interface PassReport {
  due: number;
  claimed: number;
  sent: number;
  failed: number;
  stopped: number;
}

export interface DigestScheduler {
  readonly owner: string;
  now(): number;
  /** Runs one pass (after any pass in progress): claims due ticks, scans once, posts. */
  runDue(): Promise<PassReport>;
  stop(): Promise<void>;
}

const schedulers = new WeakMap<Services, DigestScheduler>();

/** The scheduler started for these services (tests drive passes with it; handlers read its clock). */
export function digestSchedulerFor(s: Services): DigestScheduler | undefined {
  return schedulers.get(s);
}

/** Schedule time for handlers: the scheduler's clock when one runs, else the wall clock. */
export function scheduleNow(s: Services): number {
  return schedulers.get(s)?.now() ?? Date.now();
}

/** Starts polling for due digests; the first pass runs at once, so ticks missed while down post once at start. */
export function startDigestScheduler(s: Services, opts: DigestSchedulerOptions = {}): DigestScheduler {
  const scheduler = new Scheduler(s, opts);
  schedulers.set(s, scheduler);
  scheduler.start();
  return scheduler;
}

class Scheduler implements DigestScheduler {
  readonly owner: string;
  private readonly clock: () => number;
  private readonly intervalMs: number;
  private readonly pacer: Pacer;
  private readonly log;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly s: Services, private readonly opts: DigestSchedulerOptions) {
    this.owner = opts.owner ?? randomBytes(6).toString('hex');
    this.clock = opts.now ?? Date.now;
    this.intervalMs = opts.intervalMs ?? s.timings.digestPollMs;
    this.pacer = opts.pacer ?? new Pacer();
    this.log = s.log.child({ component: 'digests', owner: this.owner });
  }

  now(): number {
    return this.clock();
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.runDue()
        .catch((err) => this.log.error({ err }, 'digest pass failed'))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(loop, this.intervalMs);
          this.timer.unref();
        });
    };
    loop();
  }

  runDue(): Promise<PassReport> {
    const pass = this.tail.catch(() => undefined).then(() => (this.stopped ? empty() : this.pass()));
    this.tail = pass;
    return pass;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tail.catch(() => undefined);
  }

  private async pass(): Promise<PassReport> {
    const report = empty();
    const now = this.now();
    // Of all replicas that saw a due tick, exactly one wins it
    const claimed = (
      await this.s.store.claimDue<ScheduleDoc>('schedules', (doc, id) => {
        const tick = this.dueTickOf(doc, id, now);
        if (!tick) return undefined;
        report.due++;
        return { ...doc, lastTick: tick, inFlight: { tick, owner: this.owner, at: new Date(now).toISOString() } };
      })
    ).map((c) => c.value);
    report.claimed = claimed.length;
    if (!claimed.length) return report;

    let all: ClusterInfo[];
    let postures: Map<string, Posture>;
    try {
      // each cluster's reads start as soon as Resource Graph lists it, while its outbound IPs are still looked up
      const complete = this.s.clusters.list(); // the same listing, asked for before waiting on it
      const listed = await this.s.clusters.listEarly();
      const wanted = new Map<string, ClusterInfo>();
      for (const doc of claimed) for (const c of resolveScope(listed, doc.clusters).clusters) wanted.set(clusterKey(c), c);
      postures = await scanClusters(this.s.posture, [...wanted.values()], { concurrency: this.opts.scanConcurrency ?? DEFAULT_SCAN_CONCURRENCY, now: this.clock, complete });
      all = await complete;
      for (const p of postures.values()) this.s.history.record(p);
    } catch (err) {
      const ref = errorRef();
      this.log.error({ err, ref }, 'digest scan failed');
      for (const doc of claimed) await this.finish(doc, { outcome: 'failed', detail: `could not read the clusters (internal error, ref ${ref})`, attempts: 0, retries: [] });
      report.failed += claimed.length;
      return report;
    }
    const deliver = limiter(4);
    await Promise.all(
      claimed.map((doc) =>
        deliver(async () => {
          const outcome = await this.deliver(doc, all, postures);
          report[outcome]++;
        }),
      ),
    );
    return report;
  }

  private dueTickOf(doc: ScheduleDoc, id: string, now: number): string | undefined {
    try {
      return dueTick(doc, now);
    } catch (err) {
      this.log.warn({ err, schedule: id }, 'unreadable digest schedule');
      return undefined;
    }
  }

  private async deliver(doc: ScheduleDoc, all: ClusterInfo[], scanned: Map<string, Posture>): Promise<'sent' | 'failed' | 'stopped'> {
    const tick = doc.inFlight!.tick;
    const tickMs = Date.parse(tick);
    let pageId: string | undefined;
    try {
      const scope = resolveScope(all, doc.clusters);
      const postures = scope.clusters.map((c) => scanned.get(clusterKey(c))).filter((p): p is Posture => Boolean(p));
      const composed = await composeDigest(this.s, {
        conversationId: doc.conversationId,
        subtitle: `${capitalise(doc.label)} · ${formatInZone(tickMs, doc.timeZone)}`,
        postures,
        missing: scope.missing,
        nowMs: this.now(),
        timeZone: doc.timeZone,
        nextRunMs: nextRun(doc, tickMs),
      });
      pageId = composed.pageId;
      const ref = await this.latestRef(doc);
      const sent = await sendWithRetry(this.s.messenger, ref, { card: composed.card }, { pacer: this.pacer, log: this.log });
      await recordDigest(this.s.store, doc.conversationId, new Date(this.now()).toISOString(), postures, pageId);
      await this.finish(doc, { outcome: 'sent', activityId: sent.id, attempts: sent.attempts, retries: sent.retries });
      return 'sent';
    } catch (err) {
      if (pageId) await this.s.store.delete('digests', pageId).catch(() => undefined);
      if (err instanceof ConversationClosed) {
        this.log.warn({ schedule: doc.id, conversationId: doc.conversationId, code: err.code }, 'conversation refused the digest; schedule stopped');
        await this.finish(doc, { outcome: 'stopped', detail: err.reason, attempts: err.attempts, retries: err.retries });
        return 'stopped';
      }
      if (err instanceof SendFailed) {
        this.log.warn({ err: err.cause ?? err, schedule: doc.id }, 'digest send failed');
        await this.finish(doc, { outcome: 'failed', detail: err.reason, attempts: err.attempts, retries: err.retries });
        return 'failed';
      }
      const ref = errorRef();
      this.log.error({ err, ref, schedule: doc.id }, 'digest failed');
      await this.finish(doc, { outcome: 'failed', detail: `internal error, ref ${ref}`, attempts: 0, retries: [] });
      return 'failed';
    }
  }

  /** The newest reference for the conversation (serviceUrl can move), else the one the schedule was made with. */
  private async latestRef(doc: ScheduleDoc): Promise<ConversationRef> {
    const stored = await this.s.store.get<{ ref: ConversationRef }>('conversations', doc.conversationId);
    return stored ? digestConversation(stored.value.ref).ref : doc.conversation;
  }

  /** Records the outcome of a tick on the schedule (unless it was replaced or switched off meanwhile) and audits it. */
  private async finish(doc: ScheduleDoc, result: Omit<RunRecord, 'tick' | 'at'>): Promise<void> {
    const tick = doc.inFlight!.tick;
    const at = new Date(this.now()).toISOString();
    const run: RunRecord = { tick, at, ...result };
    await this.s.store.update<ScheduleDoc>('schedules', doc.id, (cur) => {
      if (!cur || cur.createdAt !== doc.createdAt) return undefined;
      const { inFlight: _done, ...rest } = cur;
      return result.outcome === 'stopped'
        ? { ...rest, lastRun: run, state: 'stopped', stopped: { at, reason: result.detail ?? 'Teams refused the message (403)' } }
        : { ...rest, lastRun: run };
    });
    await this.s.store.appendAudit({
      at,
      kind: 'digest',
      actor: { id: 'palisade', name: 'Palisade' },
      summary: `Digest ${doc.label} (${doc.clusters.length ? doc.clusters.join(', ') : 'all clusters'}) for tick ${tick}`,
      outcome: result.outcome === 'sent' ? 'sent' : `${result.outcome}: ${result.detail ?? ''}`.trim(),
      conversationId: doc.conversationId,
    });
  }
}

function empty(): PassReport {
  return { due: 0, claimed: 0, sent: 0, failed: 0, stopped: 0 };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
