import { type Command, format, parse } from '../commands/grammar.js';
import { sureChange } from './sureChange.js';
import type { Choice, Understanding } from './types.js';

const A = String.raw`(\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?)`;
const W = String.raw`(?:[^\s\d]\S*\s+)`;
/** Words that give an old value and its new one (old first). */
const OLD_THEN_NEW: RegExp[] = [
  // "replace A with B", "swap A for B", "substitute A by B"
  new RegExp(String.raw`\b(?:replace|swap|exchange|substitute)\s+${W}{0,4}?${A}\s+${W}{0,8}?(?:with|by|for)\s+${W}{0,3}?${A}`, 'i'),
  // "change A to B", "update the entry A to B", "move X from A to B", "A -> B"
  new RegExp(String.raw`\b(?:change|update|switch|move|migrate|edit)\s+${W}{0,4}?${A}\s+${W}{0,4}?(?:to|into)\s+${W}{0,3}?${A}`, 'i'),
  new RegExp(String.raw`\bfrom\s+${A}\s+to\s+${W}{0,3}?${A}`, 'i'),
  new RegExp(String.raw`${A}\s*(?:->|→|=>)\s*${A}`, 'i'),
  // "remove my old ip A … and add B"
  new RegExp(String.raw`\b(?:remove|drop|delete|revoke|take\s+out|take\s+off)\s+${W}{0,4}?${A}[^.;!?]*?\b(?:and|then|but)\s+${W}{0,2}?(?:add|put|allowlist|whitelist|allow|use)\s+${W}{0,3}?${A}`, 'i'),
  // "X is restricted to A, change it to B"
  new RegExp(String.raw`\b(?:restricted|limited|set|allowlisted|allowed|locked\s+down)\s+(?:to|for)\s+${A}[^.;!?]*?[,;.]\s*(?:so\s+)?(?:please\s+)?(?:change|update|switch|set|move)\s+(?:it|them|that|this)\s+to\s+${W}{0,3}?${A}`, 'i'),
];
/** "B instead of A", "B in place of A" (new first). */
const NEW_THEN_OLD = new RegExp(String.raw`${A}\s+${W}{0,6}?(?:instead\s+of|in\s+place\s+of|rather\s+than)\s+${W}{0,3}?${A}`, 'i');

const bare = (r: string) => r.replace(/\/(?:32|128)$/, '').toLowerCase();

/** The change a sure reading plans, when it takes two or more ranges (the only kind these checks look at). */
function severalRanges(typed: string, u: Understanding): (Command & { ranges: string[] }) | undefined {
  if (!sureChange(typed, u)) return undefined;
  const p = parse(u.command);
  const c = p.ok ? (p.command as Command & { ranges?: string[] }) : undefined;
  return c && Array.isArray(c.ranges) && c.ranges.length >= 2 ? (c as Command & { ranges: string[] }) : undefined;
}

/** The old and the new value the words give, if they give both. */
export function oldAndNew(typed: string): { old: string; now: string } | undefined {
  for (const re of OLD_THEN_NEW) {
    const m = re.exec(typed);
    if (m) return { old: m[1], now: m[2] };
  }
  const m = NEW_THEN_OLD.exec(typed);
  return m ? { old: m[2], now: m[1] } : undefined;
}

/**
 * Round 12b: "replace A with B", "change A to B", "remove A and add B", "B instead of A": a change that takes both
 * addresses would keep (or add, or remove) the old one with the new (a wrong write before: `set ip ranges A, B`).
 * The steps are offered, one button each, never planned.
 */
export function oldAndNewAsked(typed: string, u: Understanding): Understanding {
  const c = severalRanges(typed, u);
  if (!c || u.kind !== 'sure') return u;
  const pair = oldAndNew(typed);
  if (!pair) return u;
  const old = c.ranges.filter((r) => bare(r) === bare(pair.old));
  const now = c.ranges.filter((r) => bare(r) !== bare(pair.old));
  if (!old.length || !now.length) return u;
  const cluster = (c as { cluster?: string }).cluster;
  const steps: Command[] =
    c.kind === 'restrict'
      ? [{ ...c, ranges: now }]
      : [
          { kind: 'allowlistRemove', ranges: old, cluster },
          { kind: 'allowlistAdd', ranges: now, cluster, ...(c.kind === 'allowlistAdd' && c.durationMs ? { durationMs: c.durationMs } : {}) },
        ];
  const options: Choice[] = steps.map((s) => format(s)).filter((t) => parse(t).ok).map((t) => ({ title: t, command: t }));
  return {
    kind: 'ask',
    question: `Replace ${pair.old} with ${pair.now}?`,
    detail: c.kind === 'restrict' ? 'Restricting sets the allowed sources, so the new range alone replaces the old one. Nothing changes until you pick it and approve the plan.' : 'That is two steps: remove the old entry, then add the new one. Nothing changes until you pick a step and approve its plan.',
    options,
    intent: u.intent,
    score: u.score,
  };
}

/** "…, replace that with only A (and B)", "set them to just A": the addresses after the words are the whole new list. */
const REPLACE_THAT = new RegExp(String.raw`\b(?:replace|swap|change|update|set|reset|narrow|cut)\s+(?:that|those|them|it|this|these|the\s+(?:list|ranges?|entries|allowlist))\s+(?:down\s+)?(?:with|to|by)\s+(?:only\s+|just\s+)?((?:${A}(?:\s*(?:,|and|&|\+)\s*)?)+)`, 'i');

/**
 * The current list said first, then its replacement ("X allows A and B, please replace that with only A"): a set of
 * ranges is the replacement alone (it was `set ip ranges A, B, A`); any other change that names one address twice
 * mixes the two lists, so it is offered as the replacement, never planned.
 */
export function replacementOnly(typed: string, u: Understanding): Understanding {
  const c = severalRanges(typed, u);
  if (!c || u.kind !== 'sure') return u;
  const twice = new Set(c.ranges.map(bare)).size < c.ranges.length;
  const m = REPLACE_THAT.exec(typed);
  const now = m ? [...m[1].matchAll(new RegExp(A, 'g'))].map((x) => x[1]) : [];
  const kept = c.ranges.filter((r) => now.some((n) => bare(n) === bare(r)));
  if (!twice && (!now.length || kept.length === c.ranges.length)) return u;
  if (now.length && (c.kind === 'ipRangesSet' || c.kind === 'restrict') && kept.length) {
    const only = format({ ...c, ranges: [...new Map(kept.map((r) => [bare(r), r])).values()] } as Command);
    if (parse(only).ok) return { ...u, command: only };
  }
  return { kind: 'ask', question: 'Which addresses should the list hold?', detail: 'You named an address twice, as the list now and as the new one. Nothing changes until you pick it and approve the plan.', options: [], intent: u.intent, score: u.score };
}
