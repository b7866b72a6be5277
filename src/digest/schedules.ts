import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import type { ConversationRef, Person } from '../chat/events.js';
import { CRON_OPTIONS, cronProblem } from '../commands/cron.js';
import type { DigestSchedule } from '../commands/specs/digests.js';
import { UserError } from '../errors.js';
import { isTimeZone } from '../text/time.js';
import type { Store, Versioned } from '../store/types.js';
import { quoted } from '../text/markdown.js';

/** A digest schedule as stored in the 'schedules' collection (one per conversation and cluster scope). */
export interface ScheduleDoc {
  id: string;
  conversationId: string;
  /** The reference seen when the schedule was made; a newer one from 'conversations' wins at send time. */
  conversation: ConversationRef;
  conversationType: string;
  spec: DigestSchedule;
  cron: string;
  timeZone: string;
  /** e.g. "daily at 09:00 Europe/Berlin". */
  label: string;
  /** Cluster names; empty means every cluster Palisade sees. */
  clusters: string[];
  createdAt: string;
  createdBy: Person;
  state: 'active' | 'stopped';
  stopped?: { at: string; reason: string };
  /** The latest tick claimed by a replica: exactly one post per tick. */
  lastTick?: string;
  /** Set while a replica works on a tick; a claim older than STUCK_CLAIM_MS may be taken over. */
  inFlight?: { tick: string; owner: string; at: string };
  lastRun?: RunRecord;
}

export interface RunRecord {
  tick: string;
  at: string;
  outcome: 'sent' | 'failed' | 'stopped';
  activityId?: string;
  detail?: string;
  /** Sends made by Palisade's own retry loop (the Bot Connector client retries a few times underneath). */
  attempts: number;
  retries: Array<{ status?: number; waitMs: number; retryAfterMs?: number }>;
}

/** A tick claimed this long ago without a result is presumed lost with its replica and run again. */
export const STUCK_CLAIM_MS = 15 * 60_000;
export const MAX_SCHEDULES_PER_CONVERSATION = 10;


export interface CompiledSchedule {
  cron: string;
  timeZone: string;
  label: string;
}

/** Grammar schedule → a 5-field cron expression in a time zone; throws UserError for what croner rejects. */
export function compileSchedule(spec: DigestSchedule): CompiledSchedule {
  const timeZone = spec.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new UserError(`${quoted(timeZone)} is not a time zone I know.`, 'Use an IANA name such as Europe/Berlin or UTC.');
  if (spec.type === 'daily') {
    const m = /^(\d{1,2}):(\d{2})$/.exec(spec.time);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UserError(`${quoted(spec.time)} is not a time of day.`, 'Use HH:MM from 00:00 to 23:59.');
    const cron = `${Number(m[2])} ${Number(m[1])} * * ${spec.weekdaysOnly ? '1-5' : '*'}`;
    return { cron, timeZone, label: `${spec.weekdaysOnly ? 'weekdays' : 'daily'} at ${spec.time} ${timeZone}` };
  }
  const problem = cronProblem(spec.expression, timeZone);
  if (problem) throw new UserError(problem, 'Use five fields: minute hour day-of-month month day-of-week, e.g. digest cron "0 9 * * 1-5" Europe/Berlin.');
  return { cron: spec.expression, timeZone, label: `cron "${spec.expression}" ${timeZone}` };
}

function job(doc: Pick<ScheduleDoc, 'cron' | 'timeZone'>): Cron {
  return new Cron(doc.cron, { ...CRON_OPTIONS, timezone: doc.timeZone });
}

/** The next run strictly after `afterMs`, or undefined. */
export function nextRun(doc: Pick<ScheduleDoc, 'cron' | 'timeZone'>, afterMs: number): number | undefined {
  return job(doc).nextRun(new Date(afterMs))?.getTime();
}

/** The latest tick ≤ now newer than the last claim and the schedule: missed ticks collapse, so a restart posts once. */
export function dueTick(doc: ScheduleDoc, nowMs: number): string | undefined {
  if (doc.state !== 'active') return undefined;
  const latest = job(doc).previousRuns(1, new Date(nowMs + 1))[0];
  const floor = Math.max(Date.parse(doc.createdAt), doc.lastTick ? Date.parse(doc.lastTick) : -Infinity);
  if (latest && latest.getTime() > floor) return latest.toISOString();
  if (doc.inFlight && nowMs - Date.parse(doc.inFlight.at) > STUCK_CLAIM_MS) return doc.inFlight.tick;
  return undefined;
}

/** A channel thread's id is the channel's plus ";messageid=…": digests belong to the channel and start their own post. */
export function digestConversation(ref: ConversationRef): { conversationId: string; ref: ConversationRef } {
  const conversationId = ref.conversation.id.split(';messageid=')[0];
  const { activityId: _reply, ...rest } = ref;
  return { conversationId, ref: { ...rest, conversation: { ...ref.conversation, id: conversationId } } };
}

/** Short, store-safe id for a conversation (Teams ids can be long and full of `:;@`). */
export function conversationKey(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('base64url').slice(0, 22);
}

/** One schedule per conversation and cluster scope: a new time for the same scope replaces the old one. */
export function scheduleId(conversationId: string, clusters: string[]): string {
  const scope = clusters.length ? [...new Set(clusters.map((c) => c.toLowerCase()))].sort().join(',') : '*';
  return `${conversationKey(conversationId)}.${createHash('sha256').update(scope).digest('base64url').slice(0, 10)}`;
}

export function scopeLabel(clusters: string[]): string {
  return clusters.length ? clusters.join(', ') : 'all clusters';
}

export async function schedulesOf(store: Store, conversationId: string): Promise<Array<{ id: string } & Versioned<ScheduleDoc>>> {
  return (await store.list<ScheduleDoc>('schedules')).filter((d) => d.value.conversationId === conversationId);
}
