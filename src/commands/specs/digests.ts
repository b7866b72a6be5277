import { splitList } from '../../text/lists.js';
import { canonicalZone, isTimeZone } from '../../text/time.js';
import { type SpecList } from '../spec.js';
import { cronProblem } from '../cron.js';
import { quoted } from '../../text/markdown.js';

export type DigestSchedule =
  | { type: 'daily'; time: string; timeZone?: string; weekdaysOnly: boolean }
  | { type: 'cron'; expression: string; timeZone?: string };

export type DigestCommand =
  | { kind: 'digestSchedule'; schedule: DigestSchedule; clusters: string[] }
  | { kind: 'digestNow'; clusters: string[] }
  | { kind: 'digestOff' }
  | { kind: 'digests' };

const forClusters = (clusters: string[]) => (clusters.length ? ` for ${clusters.join(', ')}` : '');

function takeScope(text: string): { rest: string; clusters: string[] } {
  const m = /^(.*?)\s+for\s+(.+)$/i.exec(text);
  return m ? { rest: m[1], clusters: splitList(m[2]) } : { rest: text, clusters: [] };
}

export const digestSpecs: SpecList<DigestCommand> = [
  {
    kind: 'digests',
    area: 'Digests',
    usage: 'digests',
    summary: "This conversation's digest schedules and their next run.",
    example: 'digests',
    keywords: ['digests', 'schedules'],
    parse(text) {
      return /^(?:list |show )?(?:digests|digest schedules|schedules)$/i.test(text) ? { kind: 'digests' } : undefined;
    },
    format: () => 'digests',
  },
  {
    kind: 'digestOff',
    area: 'Digests',
    usage: 'digest off',
    summary: 'Stop posting digests here.',
    example: 'digest off',
    keywords: ['digest off'],
    parse(text) {
      return /^(?:digests? (?:off|stop|disable)|stop digests?|disable digests?)$/i.test(text) ? { kind: 'digestOff' } : undefined;
    },
    format: () => 'digest off',
  },
  {
    kind: 'digestNow',
    area: 'Digests',
    usage: 'digest now [for <cluster>[, …]]',
    summary: 'Post a security-posture digest here now.',
    example: 'digest now',
    keywords: ['digest now'],
    parse(text) {
      const s = takeScope(text);
      return /^digest now$/i.test(s.rest) ? { kind: 'digestNow', clusters: s.clusters } : undefined;
    },
    format: (c) => `digest now${forClusters(c.clusters)}`,
  },
  {
    kind: 'digestSchedule',
    area: 'Digests',
    usage: 'digest daily|weekdays at <HH:MM> [<time zone>] | digest cron "<expr>" [<time zone>] [for <cluster>[, …]]',
    summary: 'Post a security-posture digest here on a schedule.',
    example: 'digest daily at 09:00 Europe/Berlin',
    keywords: ['digest', 'digest daily', 'digest weekdays'],
    inManifest: true,
    parse(text) {
      if (!/^digest\b/i.test(text)) return undefined;
      const s = takeScope(text);
      const daily = /^digest (daily|every day|weekdays|on weekdays)(?: at (\S+))?(?: (\S+))?$/i.exec(s.rest);
      if (daily) {
        const time = daily[2];
        if (!time) return { error: 'At what time? e.g. `digest daily at 09:00 Europe/Berlin`.' };
        const t = /^(\d{1,2}):(\d{2})$/.exec(time);
        if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) return { error: `${quoted(time)} is not a time of day: use HH:MM from 00:00 to 23:59.` };
        const tz = daily[3];
        if (tz && !isTimeZone(tz)) return { error: `${quoted(tz)} is not a time zone I know: use an IANA name such as Europe/Berlin or UTC.` };
        return {
          kind: 'digestSchedule',
          schedule: { type: 'daily', time: `${t[1].padStart(2, '0')}:${t[2]}`, timeZone: tz ? canonicalZone(tz) : undefined, weekdaysOnly: /weekdays/i.test(daily[1]) },
          clusters: s.clusters,
        };
      }
      const cron = /^digest (?:cron )?["'`]([^"'`]+)["'`](?: (\S+))?$/i.exec(s.rest) ?? /^digest cron ((?:\S+ ){4}\S+)(?: (\S+))?$/i.exec(s.rest);
      if (cron) {
        const tz = cron[2];
        if (tz && !isTimeZone(tz)) return { error: `${quoted(tz)} is not a time zone I know: use an IANA name such as Europe/Berlin or UTC.` };
        const expression = cron[1].trim().replace(/\s+/g, ' ');
        const problem = cronProblem(expression, tz ? canonicalZone(tz) : 'UTC');
        if (problem) return { error: `${problem} Use five fields (minute hour day-of-month month day-of-week), e.g. digest cron "0 9 * * 1-5" Europe/Berlin.` };
        return { kind: 'digestSchedule', schedule: { type: 'cron', expression, timeZone: tz ? canonicalZone(tz) : undefined }, clusters: s.clusters };
      }
      return { error: 'Usage: `digest daily at 09:00 [Europe/Berlin]`, `digest weekdays at 08:30`, `digest cron "0 9 * * 1-5"`, `digest now`, `digest off`.' };
    },
    format(c) {
      const zone = c.schedule.timeZone ? ` ${c.schedule.timeZone}` : '';
      const when = c.schedule.type === 'daily' ? `${c.schedule.weekdaysOnly ? 'weekdays' : 'daily'} at ${c.schedule.time}` : `cron "${c.schedule.expression}"`;
      return `digest ${when}${zone}${forClusters(c.clusters)}`;
    },
  },
];
