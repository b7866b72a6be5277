import { type Command, format, parse } from '../commands/grammar.js';
import { sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/** "X is public", "A is allowlisted on Y", "shop is zero trust now": how a thing is, said as a statement. */
const STATE = /\b(?:is|are|it's|its|they're)\s+(?:now\s+|already\s+|currently\s+|still\s+|actually\s+|really\s+|apparently\s+|totally\s+)?(?:public|internal|private|zero[- ]?trust(?:ed)?|allow-?listed|white-?listed|restricted|unrestricted|exposed|locked down|enabled|disabled|on|off)\b/i;
/** Words that ask for something: with any of them the statement is the reason for an order, read as such. */
const ASKS = /\b(?:please|pls|plz|kindly|make|set|switch|turn|put|move|change|flip|get|can|could|would|will|should|must|need|needs|has to|have to|want|wants|let'?s|go ahead|do it|enable|disable|restrict|unrestrict|allow|allowlist|whitelist|apply|lock|open|close|remove|add|drop|undo|revert|fix|keep|stay|ensure|sure)\b|\?/i;

/** The read that answers "how is it?" for the change a statement was read as. */
function readOf(c: Command): string | undefined {
  const where = (x: { namespace?: string; cluster?: string }) => ({ namespace: x.namespace, cluster: x.cluster });
  switch (c.kind) {
    case 'makeInternal':
    case 'makePublic':
    case 'restrict':
    case 'unrestrict':
      return format({ kind: 'exposure', service: c.service, ...where(c) });
    case 'zeroTrust':
    case 'removeZeroTrust':
      return format({ kind: 'networkPolicies', namespace: c.namespace, cluster: c.cluster });
    case 'allowlistAdd':
    case 'allowlistRemove':
    case 'allowlistMyIp':
    case 'ipRangesSet':
    case 'ipRangesDisable':
      return format({ kind: 'ipRanges', cluster: c.cluster });
    case 'defenderSet':
      return format({ kind: 'defenderStatus', cluster: c.cluster, subscription: c.subscription });
    default:
      return undefined;
  }
}

/**
 * Round 13: "ratings-web is public" was planned as `make ratings-web public`. A statement of how a thing is, with no
 * word that asks for anything, is no order: its state is offered beside the change, one button each.
 */
export function stateSaidAsked(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u) || !STATE.test(typed) || ASKS.test(typed)) return u;
  const p = parse(u.command);
  if (!p.ok) return u;
  const look = readOf(p.command);
  const options = [look, u.command].filter((t): t is string => !!t && parse(t).ok).map((t) => ({ title: t, command: t }));
  return { kind: 'ask', question: 'You told me how it is: do you want to see it, or change it?', detail: 'Nothing changes until you pick the change and approve its plan.', options, intent: u.intent, score: u.score };
}
