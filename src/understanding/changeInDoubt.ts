import { oneButton, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/** "make X not internal": the words say what X should not be, which is not surely the opposite change. */
const NOT_A_STATE = /\b(?:make|set|switch|turn|change|keep)\b[^.?!,;]*\bnot\s+(?:internal|public|private|restricted|open|exposed|reachable)\b/i;

/** "restrict X to A and also make it public": a second change verb after the first ("go ahead and" joins no second one). */
const SECOND_CHANGE = /\b(?<!(?:ahead|go|try|come) )(?:and|then|also|plus)\s+(?:also\s+|then\s+)?(?:make|restrict|unrestrict|allowlist|whitelist|remove|disable|enable|zero[- ]?trust|allow|set|turn|switch|open|lock|expose|hide)\b/i;

/** "make X internal and public", "on or off": two opposite states joined, so neither is surely asked. */
const BOTH_STATES = /\b(?:internal|private)\s*(?:and|or|&|\/|\+)\s*(?:public|external)\b|\b(?:public|external)\s*(?:and|or|&|\/|\+)\s*(?:internal|private)\b|\b(?:enable|on)\s*(?:and|or|&|\/)\s*(?:disable|off)\b|\b(?:disable|off)\s*(?:and|or|&|\/)\s*(?:enable|on)\b/i;

/**
 * Round 11: two ways the words leave a change in doubt, each offered as one button and never planned: a change said
 * by what the target should not be, and a second change after the first (one plan at a time).
 */
export function changeInDoubt(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u)) return u;
  const verbAt = typed.search(/\b(?:make|restrict|unrestrict|allowlist|whitelist|remove|disable|enable|zero[- ]?trust|allow|set|turn|switch|open|lock|expose|hide|add|put|drop|revoke|grant)\b/i);
  const doubt = NOT_A_STATE.test(typed)
    ? 'Your words say what it should not be, not what it should become.'
    : BOTH_STATES.test(typed)
      ? 'Your words name two opposite states.'
      : verbAt >= 0 && SECOND_CHANGE.test(typed.slice(verbAt + 3))
        ? 'You asked for more than one change; I plan one at a time.'
        : undefined;
  if (!doubt) return u;
  return oneButton(u, `Did you mean \`${u.command}\`?`, `${doubt} Pick it to see the plan; you still approve it.`);
}
