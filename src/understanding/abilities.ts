import { normaliseText } from './normalise.js';

/** A sentence that is only "what can you do" once normalised ("What can Palisade actually do?", "what can this bot do for app teams?"). */
const ABILITIES = /^(?:so |and |but |ok |okay )?what can you do$/;

/**
 * Round 11c: "What can Palisade do? I want to brief the new hires.": a sentence asking what Palisade does, beside
 * others that only say why, is the help (a sentence that names a target asks about it instead: the caller checks).
 */
export function asksAbilities(raw: string): boolean {
  // (most messages never ask it: no sentence is normalised for them)
  if (!/\b(?:what|which)\b[^?.!]*\bdo\b/i.test(raw)) return false;
  return raw.split(/(?<=[?.!])\s+/).some((sentence) => ABILITIES.test(normaliseText(sentence).text));
}
