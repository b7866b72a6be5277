import type { Entity } from './entities.js';

/** A verb that tells what happened ("was made internal", "broke"). */
const TOLD_PAST = /^(?:made|broke|went|came|took|left|began|ran|happened|moved|switched|turned)$/;
/** A change ordered a few words before "today": when to act. */
const ORDERS = /^(?:remove|allowlist|restrict|unrestrict|disable|enable|make|add|apply|zerotrust|set|allow)$/;

/**
 * Round 12b: a period that sets the scene of a request, never a value of a command that takes no time: one told of
 * the past a few words before it ("it was made internal last week"), or "today" just after the change it times (when to act is now). A command with a
 * time of its own (`audit since …`) still takes it: see `saysOnlyContext` in understand.ts.
 */
export function periodSetsTheScene(e: Entity, tokens: string[]): boolean {
  if (e.type !== 'SINCE') return false;
  const before = tokens.slice(Math.max(0, e.at - 6), e.at);
  if (/^today$/i.test(e.value)) {
    // ("for today", "until today" bound a length; an entry added "today" may be for today: never the scene, so asked)
    if (/^(?:for|until|till|through|of|rest)$/.test(before.at(-1) ?? '')) return false;
    if (tokens.some((w) => /^(?:allowlist|add|MYIP)$/.test(w)) && !tokens.includes('remove')) return false;
    return before.some((w) => ORDERS.test(w));
  }
  return before.slice(-5).some((w) => TOLD_PAST.test(w));
}
