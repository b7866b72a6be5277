import { type SpecList, onCluster, takeModifiers } from '../spec.js';
import { quoted } from '../../text/markdown.js';
import { parseDuration } from '../../text/durations.js';

export type ApprovalsCommand = { kind: 'audit'; limit: number; since?: string; cluster?: string } | { kind: 'approvals' };

/** Words `audit since` takes; anything else must be a duration ("24h") or a date (YYYY-MM-DD). */
export const SINCE_WORDS = ['today', 'yesterday', 'this week', 'last week', 'this month'] as const;

/** "Today", "24 hours", "2026-11-30" → the canonical `since` value, or undefined when it is none of those. */
export function sinceValue(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if ((SINCE_WORDS as readonly string[]).includes(t)) return t;
  const d = /^(\d+)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)$/.exec(t);
  if (d && parseDuration(`${d[1]}${d[2]}`)) return `${d[1]}${d[2].startsWith('mi') ? 'm' : d[2][0]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(`${t}T00:00:00Z`))) return t;
  return undefined;
}

export const approvalsSpecs: SpecList<ApprovalsCommand> = [
  {
    kind: 'audit',
    area: 'Approvals',
    usage: 'audit [n] [since today|this week|24h|<date>] [on <cluster>]',
    summary: 'The latest entries of the audit log: requests, decisions, applies, reverts.',
    example: 'audit 20 on aks-workshop',
    keywords: ['audit', 'audit log', 'history'],
        parse(text) {
      const mod = takeModifiers(text, { on: true });
      const m = /^(?:audit|audit log|history)(?:\s+(?!since\b)(\S+))?(?:\s+since\s+(.+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const limit = m[1] === undefined ? 10 : Number(m[1]);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { error: `${quoted(m[1])} is not a count: use 1–100, e.g. \`audit 20\`.` };
      const since = m[2] === undefined ? undefined : sinceValue(m[2]);
      if (m[2] !== undefined && since === undefined) return { error: `${quoted(m[2])} is not a time I can go back to: use today, yesterday, this week, last week, this month, 24h or a date like 2026-11-30.` };
      return { kind: 'audit', limit, since, cluster: mod.cluster };
    },
    format: (c) => `audit${c.limit === 10 ? '' : ` ${c.limit}`}${c.since ? ` since ${c.since}` : ''}${onCluster(c.cluster)}`,
  },
  {
    kind: 'approvals',
    area: 'Approvals',
    usage: 'approvals',
    summary: 'Pending change requests waiting for approval.',
    example: 'approvals',
    keywords: ['approvals', 'pending'],
    parse(text) {
      return /^(?:pending )?(?:approvals|requests|pending)$/i.test(text) ? { kind: 'approvals' } : undefined;
    },
    format: () => 'approvals',
  },
];
