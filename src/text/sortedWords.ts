/**
 * A large sorted word list kept as the one string it was read from (a JSON array of plain words) plus where each word
 * starts, searched by bisection: a few MB, where a Set of the same 275k words holds ~20 MB of heap and takes ~50 MB of
 * memory while it is built.
 */
export class SortedWords {
  private constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
  ) {}

  /** From a JSON array of strings with no escapes, sorted by code unit; anything else throws (no silent misses). */
  static fromJsonArray(text: string): SortedWords {
    if (text.includes('\\')) throw new Error('word list: escapes are not supported');
    const found: number[] = [];
    let prev = -1;
    let at = text.indexOf('"');
    while (at >= 0) {
      const start = at + 1;
      const end = text.indexOf('"', start);
      if (end < 0) throw new Error('word list: unterminated string');
      if (prev >= 0 && compareAt(text, prev, text, start) >= 0) throw new Error(`word list: not sorted at "${text.slice(start, end)}"`);
      found.push(start);
      prev = start;
      at = text.indexOf('"', end + 1);
    }
    return new SortedWords(text, Int32Array.from(found));
  }

  get size(): number {
    return this.starts.length;
  }

  has(word: string): boolean {
    if (word.includes('"')) return false;
    const probe = `${word}"`;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareAt(this.text, this.starts[mid], probe, 0);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** Compares the quote-terminated strings starting at `i` in `a` and `j` in `b` by code unit (the quote sorts first). */
function compareAt(a: string, i: number, b: string, j: number): number {
  for (;;) {
    const x = a.charCodeAt(i++);
    const y = b.charCodeAt(j++);
    const xEnd = x === QUOTE;
    const yEnd = y === QUOTE;
    if (xEnd || yEnd) return xEnd && yEnd ? 0 : xEnd ? -1 : 1;
    if (x !== y) return x - y;
  }
}

const QUOTE = 34;
