import { describe, expect, it } from 'vitest';
import { code, escapeMarkdown, quoted } from '../../src/text/markdown.js';

describe('user text in markdown', () => {
  it.each([
    ['[click](https://evil.example.com)', '\\[click\\](https://evil.example.com)'],
    ['**urgent** _approve_ now', '\\*\\*urgent\\*\\* \\_approve\\_ now'],
    ['`code` and a \\ backslash', '\\`code\\` and a \\\\ backslash'],
    // What can never be markup reads as typed: cron fields, identifiers with underscores
    ['0 9 * * 1-5', '0 9 * * 1-5'],
    ['PALISADE_OPERATORS', 'PALISADE_OPERATORS'],
    ['aks-prod', 'aks-prod'],
  ])('%s', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('quotes clipped, escaped text; code spans drop backticks', () => {
    expect(quoted('[x](y)')).toBe('"\\[x\\](y)"');
    expect(quoted('a'.repeat(100))).toBe(`"${'a'.repeat(59)}…"`);
    expect(code('status `on` x')).toBe("`status 'on' x`");
  });
});
