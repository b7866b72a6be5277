import type { CardAction, HandlerMap } from './types.js';
import type { Fact } from '../cards/models.js';
import { UserError } from '../errors.js';
import { isPageData, renderDigestPage, type DigestSnapshot } from '../cards/digest.js';
import { composeDigest, pageDocId, requireScope } from '../digest/compose.js';
import { recordDigest } from '../digest/memory.js';
import { scanClusters } from '../digest/scan.js';
import { scheduleNow } from '../digest/scheduler.js';
import {
  compileSchedule,
  digestConversation,
  MAX_SCHEDULES_PER_CONVERSATION,
  nextRun,
  scheduleId,
  schedulesOf,
  scopeLabel,
  type ScheduleDoc,
} from '../digest/schedules.js';
import { formatInZone } from '../text/time.js';

function runLine(doc: ScheduleDoc, nowMs: number): string {
  if (doc.state === 'stopped') return `STOPPED ${doc.stopped ? `${doc.stopped.at.slice(0, 16).replace('T', ' ')} UTC: ${doc.stopped.reason}` : ''}. Say the schedule again to restart it.`;
  const next = nextRun(doc, nowMs);
  const parts = [next ? `next ${formatInZone(next, doc.timeZone)}` : 'no further runs'];
  const last = doc.lastRun;
  if (last) {
    const when = formatInZone(Date.parse(last.tick), doc.timeZone);
    parts.push(last.outcome === 'sent' ? `last sent for ${when}${last.retries.length ? ` after ${last.retries.length} retr${last.retries.length === 1 ? 'y' : 'ies'}` : ''}` : `last run for ${when} failed: ${last.detail ?? 'unknown reason'}`);
  }
  return parts.join(' · ');
}

export const digestHandlers: HandlerMap<'digestSchedule' | 'digestNow' | 'digestOff' | 'digests'> = {
  async digestSchedule(cmd, { turn, s }) {
    const compiled = compileSchedule(cmd.schedule);
    const { conversationId, ref } = digestConversation(turn.conversation);
    const clusters = cmd.clusters.length ? requireScope(await s.clusters.list(), cmd.clusters).map((c) => c.name) : [];
    const id = scheduleId(conversationId, clusters);
    const existing = await schedulesOf(s.store, conversationId);
    const replaced = existing.find((d) => d.id === id)?.value;
    if (!replaced && existing.length >= MAX_SCHEDULES_PER_CONVERSATION)
      throw new UserError(`This conversation already has ${existing.length} digest schedules.`, 'Say "digests" to see them, or "digest off" to stop them all.');
    const now = scheduleNow(s);
    const doc: ScheduleDoc = {
      id,
      conversationId,
      conversation: ref,
      conversationType: turn.conversationType,
      spec: cmd.schedule,
      ...compiled,
      clusters,
      createdAt: new Date(now).toISOString(),
      createdBy: turn.person,
      state: 'active',
    };
    await s.store.put('schedules', id, doc);
    await s.store.appendAudit({
      at: new Date(now).toISOString(), kind: 'digest', actor: turn.person, summary: `Digest scheduled ${compiled.label} for ${scopeLabel(clusters)}`, outcome: 'scheduled', conversationId,
    });
    const next = nextRun(doc, now);
    const facts: Fact[] = [
      { title: 'Next run', value: next ? formatInZone(next, compiled.timeZone) : 'never (the expression has no future run)' },
      { title: 'Clusters', value: scopeLabel(clusters) },
      { title: 'Schedule', value: compiled.label },
      ...(replaced && replaced.label !== compiled.label ? [{ title: 'Replaces', value: replaced.label }] : []),
      { title: 'Manage', value: 'digests (list) · digest now · digest off' },
    ];
    await turn.reply({ card: s.cards.facts('Digest scheduled', `I will post a security-posture digest here ${compiled.label}.`, facts, 'good') });
  },

  async digestNow(cmd, { turn, s }) {
    const { conversationId } = digestConversation(turn.conversation);
    // the reads start as soon as the clusters are listed, while their outbound IPs are looked up
    const complete = s.clusters.list();
    const clusters = requireScope(await s.clusters.listEarly(), cmd.clusters);
    const now = scheduleNow(s);
    // Times read best in the zone this conversation's digests already use
    const timeZone = (await schedulesOf(s.store, conversationId))[0]?.value.timeZone ?? 'UTC';
    const scanned = await scanClusters(s.posture, clusters, { now: () => now, complete });
    const postures = [...scanned.values()];
    for (const p of postures) s.history.record(p);
    const composed = await composeDigest(s, {
      conversationId,
      subtitle: `On request by ${turn.person.name ?? 'someone'} · ${formatInZone(now, timeZone)}`,
      postures,
      missing: [],
      nowMs: now,
      timeZone,
    });
    await turn.reply({ card: composed.card });
    await recordDigest(s.store, conversationId, new Date(now).toISOString(), postures, composed.pageId);
  },

  async digestOff(_cmd, { turn, s }) {
    const { conversationId } = digestConversation(turn.conversation);
    const existing = await schedulesOf(s.store, conversationId);
    if (!existing.length) {
      await turn.reply({ card: s.cards.facts('No digests here', 'There is no digest schedule in this conversation.', [{ title: 'Start one', value: 'digest daily at 09:00 Europe/Berlin' }]) });
      return;
    }
    for (const d of existing) await s.store.delete('schedules', d.id);
    await s.store.appendAudit({
      at: new Date(scheduleNow(s)).toISOString(), kind: 'digest', actor: turn.person, summary: `Digests stopped: ${existing.map((d) => d.value.label).join('; ')}`, outcome: 'stopped', conversationId,
    });
    await turn.reply({
      card: s.cards.facts(
        'Digests stopped',
        `I will no longer post digests here (${existing.length} schedule${existing.length === 1 ? '' : 's'} removed).`,
        existing.map((d) => ({ title: d.value.label, value: scopeLabel(d.value.clusters) })),
        'good',
      ),
    });
  },

  async digests(_cmd, { turn, s }) {
    const existing = await schedulesOf(s.store, digestConversation(turn.conversation).conversationId);
    if (!existing.length) {
      await turn.reply({ card: s.cards.facts('No digests here', 'This conversation gets no scheduled digest.', [{ title: 'Start one', value: 'digest daily at 09:00 Europe/Berlin' }, { title: 'Or now', value: 'digest now' }]) });
      return;
    }
    const now = scheduleNow(s);
    const stopped = existing.some((d) => d.value.state === 'stopped');
    await turn.reply({
      card: s.cards.facts(
        `Digests here (${existing.length})`,
        stopped ? 'Some schedules were stopped because Teams refused their messages.' : 'Security-posture digests scheduled in this conversation.',
        existing.map(({ value: d }) => ({ title: `${d.label} · ${scopeLabel(d.clusters)}`, value: runLine(d, now) })),
        stopped ? 'warning' : 'default',
      ),
    });
  },
};

/** "Show more" on a digest: renders another page of the stored digest (no new scan, answers within Teams' 5 s). */
export const showDigestPage: CardAction = async (data, { turn, s }) => {
  if (!isPageData(data)) return { text: 'That button is from a digest I can no longer read. Say "digest now" for a fresh one.' };
  const stored = await s.store.get<DigestSnapshot>('digests', pageDocId(data.run));
  if (!stored || stored.value.conversationId !== digestConversation(turn.conversation).conversationId)
    return { text: 'That digest is too old to page through. Say "digest now" for a fresh one.' };
  return { card: renderDigestPage(stored.value, Number(data.page)) };
};
