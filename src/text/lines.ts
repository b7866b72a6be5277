/** Turns multi-line text (YAML, JSON) into lines whose leading spaces survive Teams' whitespace trimming (as no-break spaces). */
export function detailLines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      return '\u00a0'.repeat(indent) + line.slice(indent) || '\u00a0';
    });
}
