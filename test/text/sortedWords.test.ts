import { createRequire } from 'node:module';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SortedWords } from '../../src/text/sortedWords.js';

describe('SortedWords', () => {
  it('knows exactly the words of the English list it is read from (an-array-of-english-words)', () => {
    const file = createRequire(import.meta.url).resolve('an-array-of-english-words');
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
    const words = SortedWords.fromJsonArray(fs.readFileSync(file, 'utf8'));
    expect(words.size).toBe(all.length);
    expect(all.every((w) => words.has(w))).toBe(true);
    const set = new Set(all);
    for (const w of ['stauts', 'clustrs', 'internl', '', 'a', 'zzzz', 'Match', 'matc', 'matchx', 'match"', all[0], all[all.length - 1], `${all[all.length - 1]}s`]) expect(words.has(w), w).toBe(set.has(w));
  });

  it('refuses a list it could not search correctly', () => {
    expect(() => SortedWords.fromJsonArray('["b","a"]')).toThrow(/not sorted/);
    expect(() => SortedWords.fromJsonArray('["a","a"]')).toThrow(/not sorted/);
    expect(() => SortedWords.fromJsonArray('["a\\"b"]')).toThrow(/escapes/);
    expect(SortedWords.fromJsonArray('[]').has('a')).toBe(false);
    const small = SortedWords.fromJsonArray('["ab","abc","b"]');
    expect(['a', 'ab', 'abc', 'abcd', 'b', 'c'].map((w) => small.has(w))).toEqual([false, true, true, false, true, false]);
  });
});
