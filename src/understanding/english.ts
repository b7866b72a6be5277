import { createRequire } from 'node:module';

/**
 * Whether a word is an ordinary English word (an-array-of-english-words, ~275k words, offline). A word people
 * really use ("match", "night", "logs") is never a typo of one of ours ("patch", "right", "log…"): only words no
 * dictionary has ("stauts", "clustrs", "internl") are corrected.
 */
let words: Set<string> | undefined;

export function isEnglishWord(word: string): boolean {
  words ??= new Set(createRequire(import.meta.url)('an-array-of-english-words') as string[]);
  return words.has(word);
}
