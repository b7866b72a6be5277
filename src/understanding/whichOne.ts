import { format, parse } from '../commands/grammar.js';
import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';

/**
 * Round 12d: "… there's ratings-web and ratings-api, which one do I do?": a message that ends asking us which one asks
 * for a choice between the things it names; it is never answered with one reading run as sure. The reading of the
 * rest is offered once per workload the message names (a change is only ever offered, and still approved).
 */
const WHICH_ONE = /[\s,;:.-]*(?:(?:so|but|and|then)\s+)?which (?:one|of (?:them|the two|these|those|both))(?: (?:do|should|shall|would|must|can|did) (?:i|we|you)(?: [a-z-]+)?| is it| is (?:the )?right| do you mean)\s*\?+\s*$/i;

/** The message without its closing "which one …?", or undefined when it does not end so. */
export function whichOneAsked(raw: string): string | undefined {
  return WHICH_ONE.test(raw) ? raw.replace(WHICH_ONE, '').trim() : undefined;
}

export function asChoice(u: Understanding, raw: string, snap: Snapshot, vocabulary: ReadonlySet<string>): Understanding {
  const names = [...new Set(tagEntities(normaliseText(raw).tokens, snap, vocabulary).entities.filter((e) => e.type === 'NAME').map((e) => e.value))];
  // (the rest not understood: the choice between the names it gives is still what is asked)
  if (u.kind === 'lost' && (u.negated || names.length < 2)) return u;
  // (an ask of its own stands when the message names fewer than two things to choose from)
  if (u.kind === 'ask' && names.length < 2) return u;
  const read = u.kind === 'sure' ? u.command : u.kind === 'ask' ? u.options[0]?.command : undefined;
  const p = read ? parse(read) : undefined;
  const command = p?.ok && 'service' in p.command ? p.command : undefined;
  const options = command && names.length > 1 ? names.slice(0, 3).map((n) => format({ ...command, service: n })).map((c) => ({ title: c, command: c })) : [];
  return { kind: 'ask', question: 'Which one do you mean?', detail: options.length ? 'You asked which one, so I changed nothing. Pick one to see its plan (you still approve it).' : `You asked which one, so I ran nothing. Name the one you mean${names.length > 1 ? ` (${names.join(' or ')})` : ''}.`, options, ...(u.kind !== 'lost' && u.intent ? { intent: u.intent } : {}), score: u.score };
}
