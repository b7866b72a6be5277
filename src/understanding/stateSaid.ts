import { type Command, format, parse } from '../commands/grammar.js';
import { choicesOf, oppositeChange, sureChange } from './sureChange.js';
import { escapeRegExp } from '../text/regex.js';
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

/** The state a change brings, as a statement says it ("internal", "zero trust"). */
const STATE_WORDS: Partial<Record<Command['kind'], string>> = {
  makeInternal: '(?:internal|private)',
  makePublic: '(?:public|exposed)',
  zeroTrust: '(?:zero[- ]?trust(?:ed)?|locked down)',
  removeZeroTrust: '(?:open|wide open)',
};

/** "X is internal", "it's now public": the change's own target said to be in the state the change brings. */
function saysAlready(c: Command, typed: string): boolean {
  const state = STATE_WORDS[c.kind];
  const target = (c as { service?: string; namespace?: string }).service ?? (c as { namespace?: string }).namespace;
  if (!state || !target) return false;
  const subject = `(?:${escapeRegExp(target)}|it|they|this|that)(?:\\s+(?:service|svc|namespace|ns))?`;
  return new RegExp(`\\b${subject}\\s+(?:is|are|'s)\\s+(?:now\\s+|already\\s+|currently\\s+|still\\s+|actually\\s+|really\\s+)?${state}\\b|\\b${subject}'s\\s+(?:now\\s+|already\\s+|currently\\s+|still\\s+)?${state}\\b`, 'i').test(typed);
}

/**
 * Round 13: "ratings-web is internal, the demo needs it public" was planned as `make ratings-web internal`: the state
 * said as how things are was read as the change. A change to the state the message says it is already in is never
 * run: the opposite (what the rest of the message asks) comes first, one button each.
 */
export function alreadySoAsked(typed: string, u: Understanding): Understanding {
  // (a choice card offers the opposite first too, never only the state it already has)
  if (u.kind === 'ask' && typeof typed === 'string') {
    const options = u.options.flatMap((o) => {
      const p = parse(o.command);
      const other = p.ok && saysAlready(p.command, typed) ? oppositeChange(p.command) : undefined;
      return [...choicesOf([other]), o];
    });
    const unique = options.filter((o, i) => options.findIndex((x) => x.command === o.command) === i);
    return unique.length === u.options.length && unique.every((o, i) => o.command === u.options[i].command) ? u : { ...u, question: 'You said it is already like that: which do you want?', options: unique.slice(0, 4) };
  }
  if (!sureChange(typed, u)) return u;
  const p = parse(u.command);
  if (!p.ok || !saysAlready(p.command, typed)) return u;
  const other = oppositeChange(p.command);
  const options = choicesOf([other, u.command]);
  return { kind: 'ask', question: 'You said it is already like that: which change do you want?', detail: 'Nothing changes until you pick one and approve its plan.', options, intent: u.intent, score: u.score };
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
  const options = choicesOf([look, u.command]);
  return { kind: 'ask', question: 'You told me how it is: do you want to see it, or change it?', detail: 'Nothing changes until you pick the change and approve its plan.', options, intent: u.intent, score: u.score };
}
