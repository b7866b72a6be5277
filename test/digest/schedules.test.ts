import { describe, expect, it } from 'vitest';
import { parse } from '../../src/commands/grammar.js';
import { cronProblem } from '../../src/commands/cron.js';
import { compileSchedule, digestConversation, dueTick, nextRun, scheduleId, type ScheduleDoc, STUCK_CLAIM_MS } from '../../src/digest/schedules.js';
import { formatInZone } from '../../src/text/time.js';
import { UserError } from '../../src/errors.js';

const at = (iso: string) => Date.parse(iso);

function doc(over: Partial<ScheduleDoc> & Pick<ScheduleDoc, 'cron' | 'timeZone'>): ScheduleDoc {
  return {
    id: 'x', conversationId: 'c', conversation: { serviceUrl: 'http://127.0.0.1', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } },
    conversationType: 'channel', spec: { type: 'cron', expression: over.cron }, label: 'l', clusters: [], createdAt: '2026-11-27T10:00:00.000Z',
    createdBy: { id: '29:a' }, state: 'active', ...over,
  };
}

describe('digest schedules', () => {
  it('daily and weekdays at HH:MM compile to cron in the chosen zone (UTC by default)', () => {
    expect(compileSchedule({ type: 'daily', time: '09:00', timeZone: 'Europe/Berlin', weekdaysOnly: false })).toEqual({ cron: '0 9 * * *', timeZone: 'Europe/Berlin', label: 'daily at 09:00 Europe/Berlin' });
    expect(compileSchedule({ type: 'daily', time: '08:30', weekdaysOnly: true })).toEqual({ cron: '30 8 * * 1-5', timeZone: 'UTC', label: 'weekdays at 08:30 UTC' });
    expect(compileSchedule({ type: 'cron', expression: '0 7 * * MON', timeZone: 'Asia/Tokyo' }).label).toBe('cron "0 7 * * MON" Asia/Tokyo');
  });

  it('bad input is a UserError with the reason (handler-side check, whatever the grammar let through)', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as UserError).message;
      }
      throw new Error('expected a UserError');
    };
    expect(err(() => compileSchedule({ type: 'daily', time: '25:00', weekdaysOnly: false }))).toBe('"25:00" is not a time of day.');
    expect(err(() => compileSchedule({ type: 'daily', time: '09:00', timeZone: 'Mars/Olympus', weekdaysOnly: false }))).toBe('"Mars/Olympus" is not a time zone I know.');
    expect(err(() => compileSchedule({ type: 'cron', expression: '0 25 * * *' }))).toMatch(/^"0 25 \* \* \*" is not a valid cron expression: .*hour/i);
    expect(cronProblem('0 0 9 * * *')).toMatch(/requires exactly 5 parts/);
    expect(cronProblem('0 * * * *')).toBeUndefined(); // hourly is the most frequent allowed
    expect(cronProblem('*/30 * * * *')).toMatch(/more than once an hour/);
    expect(cronProblem('0 9 31 2 *')).toMatch(/never fires|not a valid/);
  });

  it('the grammar answers bad input with clear messages and validates cron with croner', () => {
    const reply = (text: string) => {
      const r = parse(text);
      return r.ok ? undefined : r.reply;
    };
    expect(reply('digest daily at 25:00')).toMatch(/"25:00" is not a time of day: use HH:MM from 00:00 to 23:59/);
    expect(reply('digest daily at 09:00 Nowhere/Town')).toMatch(/not a time zone I know/);
    expect(reply('digest cron "0 9 * * 8"')).toMatch(/not a valid cron expression/);
    expect(reply('digest cron "every morning"')).toMatch(/not a valid cron expression/);
    const ok = parse('digest cron "0 9 * * 1-5" Europe/Berlin for aks-prod, aks-dev');
    expect(ok.ok && ok.command).toEqual({ kind: 'digestSchedule', schedule: { type: 'cron', expression: '0 9 * * 1-5', timeZone: 'Europe/Berlin' }, clusters: ['aks-prod', 'aks-dev'] });
  });

  it('a daily 09:00 Berlin schedule stays at 09:00 local across the DST change', () => {
    const d = doc({ cron: '0 9 * * *', timeZone: 'Europe/Berlin' });
    expect(new Date(nextRun(d, at('2026-03-28T12:00:00Z'))!).toISOString()).toBe('2026-03-29T07:00:00.000Z'); // CEST, UTC+2
    expect(new Date(nextRun(d, at('2026-03-27T12:00:00Z'))!).toISOString()).toBe('2026-03-28T08:00:00.000Z'); // CET, UTC+1
    expect(formatInZone(at('2026-03-29T07:00:00Z'), 'Europe/Berlin')).toBe('Sun 2026-03-29 09:00 CEST (07:00 UTC)');
    expect(formatInZone(at('2026-03-29T07:00:00Z'), 'UTC')).toBe('Sun 2026-03-29 07:00 UTC');
  });

  it('weekdays skip the weekend', () => {
    const d = doc({ cron: '30 8 * * 1-5', timeZone: 'UTC' });
    expect(new Date(nextRun(d, at('2026-11-27T09:00:00Z'))!).toISOString()).toBe('2026-11-30T08:30:00.000Z'); // Fri → Mon
  });

  it('due: the latest tick after the last claim; missed ticks collapse into one; nothing before the schedule existed', () => {
    const d = doc({ cron: '0 9 * * *', timeZone: 'UTC', createdAt: '2026-11-27T10:00:00.000Z' });
    expect(dueTick(d, at('2026-11-27T23:00:00Z'))).toBeUndefined(); // 27th 09:00 was before the schedule
    expect(dueTick(d, at('2026-11-28T08:59:59Z'))).toBeUndefined();
    expect(dueTick(d, at('2026-11-28T09:00:00Z'))).toBe('2026-11-28T09:00:00.000Z');
    expect(dueTick(d, at('2026-12-02T12:00:00Z'))).toBe('2026-12-02T09:00:00.000Z'); // down for days: one run, the latest
    expect(dueTick({ ...d, lastTick: '2026-12-02T09:00:00.000Z' }, at('2026-12-02T12:00:00Z'))).toBeUndefined();
    expect(dueTick({ ...d, state: 'stopped' }, at('2026-12-02T12:00:00Z'))).toBeUndefined();
  });

  it('a claim whose replica died is taken over after a while, not before', () => {
    const d = doc({ cron: '0 9 * * *', timeZone: 'UTC', lastTick: '2026-11-28T09:00:00.000Z', inFlight: { tick: '2026-11-28T09:00:00.000Z', owner: 'gone', at: '2026-11-28T09:00:01.000Z' } });
    expect(dueTick(d, at('2026-11-28T09:05:00Z'))).toBeUndefined();
    expect(dueTick(d, at('2026-11-28T09:00:01Z') + STUCK_CLAIM_MS + 1)).toBe('2026-11-28T09:00:00.000Z');
  });

  it('one schedule per conversation and scope; channel threads share their channel', () => {
    expect(scheduleId('19:abc@thread.tacv2', ['aks-b', 'AKS-a'])).toBe(scheduleId('19:abc@thread.tacv2', ['aks-a', 'aks-b']));
    expect(scheduleId('19:abc@thread.tacv2', [])).not.toBe(scheduleId('19:abc@thread.tacv2', ['aks-a']));
    expect(scheduleId('19:abc@thread.tacv2', [])).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{10}$/);
    const { conversationId, ref } = digestConversation({
      serviceUrl: 'https://smba', channelId: 'msteams', conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', conversationType: 'channel' }, bot: { id: '28:p' }, activityId: '1700000000000',
    });
    expect(conversationId).toBe('19:abc@thread.tacv2');
    expect(ref.conversation.id).toBe('19:abc@thread.tacv2');
    expect(ref.activityId).toBeUndefined();
  });
});
