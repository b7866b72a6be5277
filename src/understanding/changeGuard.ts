import type { Understanding } from './types.js';
import { parse, specOf } from '../commands/grammar.js';

/**
 * Round 12a: "do not modify anything", "don't change anything yet", "without changing anything": a guard that forbids
 * every change, said beside a question. It is no "not" about what is asked: the message read without the guard is
 * answered when, and only when, that reading is a sure READ (a change is never read out of a message that forbids one).
 */
const GUARD = /[,;:.!?]?\s*(?:\b(?:and |but |please |so )?(?:do not|don['’]t|dont|never) (?:modify|change|touch|alter|edit|update|fix) (?:anything|a thing|any of it|stuff)(?: (?:yet|for now|at this point|at all|please|just yet))?\b|\bwithout (?:changing|modifying|touching|altering) (?:anything|a thing)\b|\b(?:make |making )?no changes(?: (?:please|yet|for now))?\b|\b(?:this is |it is |it's )?(?:a )?read[- ]only(?: (?:request|question|check|please))?\b(?=\s*[.!]?\s*$))(?!\s*else\b)/gi;

/** "don't touch X yet, what is it?": the guard about one thing, said before a question about it (the thing stays). */
const GUARD_ON = /\b(?:do not|don['’]t|dont) (?:touch|change|modify|alter|edit)\b(?!\s+(?:anything|a thing)\b)([^.?!;]{1,40}?)\s+(?:yet|for now|just yet)\b(?=\s*[,;:.]?\s*(?:what|which|who|how|is|are|does|do|can|show|list|tell)\b)/gi;

/**
 * Round 14a: "don't touch the ranges, just show me what's there", "NOT disabling X, only checking who's in it": a change
 * not to make about one thing, then only a look at "it" asked for: the thing is what is looked at (where the look says).
 */
const NOT_THIS_JUST_LOOK = /^(?:(?:please|no|ok|okay)[,\s]+)?(?:do not|don['’]t|dont|not|never) (?:touch|touching|change|changing|modify|modifying|alter|altering|edit|editing|disable|disabling|remove|removing|drop|dropping)\b((?: (?!(?:and|but|just|only|yet)\b)[^\s.?!;:,]+){1,6}?)(?: (?:yet|for now|just yet|now|today))?\s*[,;:.]+\s*(?:(?:i['’]?m|i am|we['’]?re|we are) )?(?:just|only) (?:show|showing|list|listing|tell|check|checking|see|look at|looking at|display|give)(?: (?:me|us))?\s+(.*)$/i;
/** What the look asks about, when it only points back at the thing ("what's configured", "them", "who's in them"). */
const POINTS_BACK = /^(?:what(?:['’]s| is| they are| it is| are)?(?: (?:configured|set|there|in (?:it|them|the list|there)|on it|currently|right now|now|set up))*|them|it|those|these|who(?:['’]s| is| are) (?:in|on) (?:them|it|there|the list)|the (?:current )?(?:list|state|config|configuration|setup))((?: (?:on|in|for) [^\s.?!]+)*)\s*[.!?]*$/i;

/** The look a "don't change X, just show me what's there" asks for, as words ("show X on C"), or undefined. */
export function lookAtTheThing(typed: string): string | undefined {
  const m = NOT_THIS_JUST_LOOK.exec(typed.trim());
  const back = m ? POINTS_BACK.exec(m[2].trim()) : null;
  if (!m || !back) return undefined;
  const places = back[1].replace(/\b(?:in|on|for) (?:them|it|there|the list)\b/gi, ' ');
  return `show${m[1]}${places}`.replace(/\s+/g, ' ').trim();
}

/** The message without its guards, or undefined when it has none. */
export function withoutChangeGuard(typed: string): string | undefined {
  if (!new RegExp(GUARD.source, 'i').test(typed) && !new RegExp(GUARD_ON.source, 'i').test(typed)) return undefined;
  const rest = typed.replace(GUARD, ' ').replace(GUARD_ON, '$1').replace(/\s+/g, ' ').trim();
  return /[a-z]{2}/i.test(rest) ? rest : undefined;
}

/** The reading of a message that carries a guard: the reading without it when that is a sure read, else as it was. */
export function guardedRead(typed: string, u: Understanding, readAgain: (text: string) => Understanding): Understanding {
  const look = typeof typed === 'string' ? lookAtTheThing(typed) : undefined;
  const seen = look !== undefined ? readAgain(look) : undefined;
  if (seen?.kind === 'sure' && isRead(seen.command)) return seen;
  if (typeof typed !== 'string' || (u.kind === 'sure' && !u.leftovers?.length)) return u;
  const rest = withoutChangeGuard(typed);
  if (rest === undefined) return u;
  const again = readAgain(rest);
  if (again.kind !== 'sure') return u;
  const p = parse(again.command);
  if (!p.ok || specOf(p.command.kind).proposesChange) return u;
  return again;
}

function isRead(command: string): boolean {
  const p = parse(command);
  return p.ok && !specOf(p.command.kind).proposesChange;
}
