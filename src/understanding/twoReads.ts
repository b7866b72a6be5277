import type { Understanding } from './types.js';
import { parse, specOf } from '../commands/grammar.js';

/**
 * Round 12a: two reads asked in one message ("status on X and also show me the vulns there", "list the clusters; also
 * what is pending approval?"): each is offered as a button, never one answered as if it were all that was asked.
 */
const SECOND_ASK = /\s*(?:,\s*|;\s*|\s)(?:and (?:also|then|additionally)|and,? while you(?:'re| are) at it,?|(?:also|plus|and),?(?=\s+(?:show|list|give|tell|get|pull|what|which|who|how|is|are|any)\b))\s+(?=\S)/i;

function isRead(command: string): boolean {
  const p = parse(command);
  return p.ok && !specOf(p.command.kind).proposesChange;
}

const clusterOf = (command: string) => / on (\S+)$/.exec(command)?.[1];

export function twoReadsAsked(typed: string, u: Understanding, readAgain: (text: string) => Understanding): Understanding {
  // (a sure read, or nothing understood; never a change, an ask, or a message that says not to)
  if (typeof typed !== 'string' || (u.kind === 'sure' && !isRead(u.command)) || u.kind === 'ask' || (u.kind === 'lost' && u.negated)) return u;
  const parts = typed.split(SECOND_ASK);
  if (parts.length !== 2 || parts.some((p) => !/[a-z]{3}/i.test(p))) return u;
  const first = readAgain(parts[0]);
  let second = readAgain(parts[1]);
  if (first.kind !== 'sure' || second.kind !== 'sure' || !isRead(first.command) || !isRead(second.command)) return u;
  // ("… there", "… on it": the second read's cluster is the first's when it names none)
  const kindOf = (c: string) => (parse(c) as { ok: true; command: { kind: string } }).command.kind;
  const cluster = clusterOf(first.command);
  if (cluster && !clusterOf(second.command)) {
    const again = readAgain(`${parts[1].replace(/\s+(?:there|on it|on that one|in there)\b/i, '')} on ${cluster}`);
    if (again.kind === 'sure' && isRead(again.command) && kindOf(again.command) === kindOf(second.command)) second = again;
  }
  if (kindOf(first.command) === kindOf(second.command)) return u;
  return {
    kind: 'ask',
    question: 'You asked for two things: which first?',
    detail: 'Pick one; then ask for the other.',
    options: [first, second].map((r) => ({ title: r.command, command: r.command })),
    intent: u.kind === 'sure' ? u.intent : first.intent,
    score: u.score,
  };
}
