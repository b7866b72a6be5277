import { ENTITY_TYPES, tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import { features, fillPlaceholders, TRAINING_SNAPSHOT } from './scorer.js';

/** Values that only say when something happened or is to happen. */
const WHEN = new Set(['SINCE', 'TIME', 'DAY']);

/**
 * Round 11c: "what's the weather like today?", "who is the instructor today?": a read whose best example meets the
 * message only on a time word ("what changed today") while the message says a word none of ours uses is not about us.
 * (One example's features, computed as the scorer computes them: no work over the vocabulary.)
 */
export function metOnlyOnWhen(messageFeats: string[], example: string, vocabulary: ReadonlySet<string>, knows: (word: string) => boolean): boolean {
  const n = normaliseText(fillPlaceholders(example));
  const exampleFeats = new Set(features(tagEntities(n.tokens, TRAINING_SNAPSHOT, vocabulary), n));
  const content = messageFeats.filter((f) => !f.includes(' ') && f !== '?q');
  const shared = content.filter((f) => exampleFeats.has(f));
  // (the words of its own include one no example of ours uses: "anything new today?" is still the audit)
  return shared.length > 0 && shared.every((f) => WHEN.has(f)) && content.some((f) => !ENTITY_TYPES.has(f) && !knows(f));
}
