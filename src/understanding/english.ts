import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SortedWords } from '../text/sortedWords.js';

/**
 * Whether a word is an ordinary English word (an-array-of-english-words, ~275k words, offline). A word people
 * really use ("match", "night", "logs") is never a typo of one of ours ("patch", "right", "log…"): only words no
 * dictionary has ("stauts", "clustrs", "internl") are corrected.
 */
let words: SortedWords | undefined;

export function isEnglishWord(word: string): boolean {
  // the package's sorted JSON text searched as it is: a few MB instead of a Set of every word
  words ??= SortedWords.fromJsonArray(readFileSync(createRequire(import.meta.url).resolve('an-array-of-english-words'), 'utf8'));
  return words.has(word);
}
