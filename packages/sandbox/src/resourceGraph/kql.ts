/**
 * The slice of KQL the sandbox's Resource Graph understands: enough for the published examples and the queries
 * Palisade sends (src/azure/resourceGraph.ts), nothing more. Anything else is a 400, as an unknown shape should be.
 *
 *   [Resources] ( | where COND (and COND)*  | project ITEM (, ITEM)*  | order by COL [asc|desc] (, …)*  | limit N )*
 *   COND: PATH (== | =~ | != | !~ | contains | !contains | startswith | has) LITERAL  |  PATH (in | in~ | !in | !in~) (LITERAL, …)
 *   ITEM: PATH | NAME = PATH          PATH: name(.name | [index])*
 */

export type Path = Array<string | number>;
export interface Condition {
  path: Path;
  op: string;
  values: Array<string | number | boolean>;
}
export type Stage =
  | { kind: 'where'; conditions: Condition[] }
  | { kind: 'project'; items: Array<{ name: string; path: Path }> }
  | { kind: 'order'; keys: Array<{ path: Path; desc: boolean; lower: boolean }> }
  | { kind: 'limit'; count: number };

export class KqlError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly token: string,
  ) {
    super(message);
  }
}

interface Token {
  type: 'word' | 'string' | 'number' | 'punct';
  text: string;
  value: string | number;
  pos: number;
}

const PUNCT = ['==', '=~', '!=', '!~', '|', ',', '(', ')', '.', '[', ']', '='];
const COMPARE = new Set(['==', '=~', '!=', '!~', 'contains', '!contains', 'startswith', 'has', 'contains_cs']);
const IN_OPS = new Set(['in', 'in~', '!in', '!in~']);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j++];
      }
      if (j >= text.length) throw new KqlError('unterminated string literal', i, text.slice(i));
      out.push({ type: 'string', text: text.slice(i, j + 1), value, pos: i });
      i = j + 1;
      continue;
    }
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(text.slice(i))![0];
      out.push({ type: 'number', text: m, value: Number(m), pos: i });
      i += m.length;
      continue;
    }
    const word = /^!?[A-Za-z_$][\w$]*~?/.exec(text.slice(i));
    if (word && (word[0].startsWith('!') ? /^!(in~?|contains)$/.test(word[0]) : true)) {
      out.push({ type: 'word', text: word[0], value: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (!p) throw new KqlError(`unexpected character '${c}'`, i, c);
    out.push({ type: 'punct', text: p, value: p, pos: i });
    i += p.length;
  }
  return out;
}

class Parser {
  i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  fail(what: string): never {
    const t = this.peek();
    throw new KqlError(what, t?.pos ?? this.source.length, t?.text ?? '<EOF>');
  }

  take(text?: string): Token {
    const t = this.peek();
    if (!t || (text !== undefined && t.text.toLowerCase() !== text)) this.fail(`expected ${text ?? 'a token'}`);
    this.i++;
    return t;
  }

  is(text: string): boolean {
    return this.peek()?.text.toLowerCase() === text;
  }

  path(): Path {
    const first = this.take();
    if (first.type !== 'word') this.fail('expected a column name');
    const out: Path = [String(first.value)];
    for (;;) {
      if (this.is('.')) {
        this.i++;
        const t = this.take();
        if (t.type !== 'word') this.fail('expected a property name');
        out.push(String(t.value));
      } else if (this.is('[')) {
        this.i++;
        const t = this.take();
        if (t.type !== 'string' && t.type !== 'number') this.fail('expected an index');
        out.push(t.value);
        this.take(']');
      } else return out;
    }
  }

  literal(): string | number | boolean {
    const t = this.take();
    if (t.type === 'string' || t.type === 'number') return t.value;
    if (t.type === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    this.i--;
    return this.fail('expected a literal');
  }

  condition(): Condition {
    const path = this.path();
    const op = this.take();
    const name = op.text.toLowerCase();
    if (COMPARE.has(name)) return { path, op: name, values: [this.literal()] };
    if (IN_OPS.has(name)) {
      this.take('(');
      const values = [this.literal()];
      while (this.is(',')) {
        this.i++;
        values.push(this.literal());
      }
      this.take(')');
      return { path, op: name, values };
    }
    this.i--;
    return this.fail('expected a comparison operator');
  }

  stage(): Stage {
    const t = this.take();
    switch (t.text.toLowerCase()) {
      case 'where': {
        const conditions = [this.condition()];
        while (this.is('and')) {
          this.i++;
          conditions.push(this.condition());
        }
        return { kind: 'where', conditions };
      }
      case 'project': {
        const items: Array<{ name: string; path: Path }> = [];
        do {
          if (items.length) this.i++;
          const start = this.i;
          const first = this.path();
          if (this.is('=') && first.length === 1) {
            this.i++;
            items.push({ name: String(first[0]), path: this.path() });
          } else {
            this.i = start;
            const path = this.path();
            items.push({ name: path.join('_'), path });
          }
        } while (this.is(','));
        return { kind: 'project', items };
      }
      case 'order':
      case 'sort': {
        this.take('by');
        const keys: Array<{ path: Path; desc: boolean; lower: boolean }> = [];
        do {
          if (keys.length) this.i++;
          const lower = this.is('tolower');
          if (lower) {
            this.i++;
            this.take('(');
          }
          const path = this.path();
          if (lower) this.take(')');
          let desc = true; // KQL sorts descending unless told otherwise
          if (this.is('asc') || this.is('desc')) desc = this.take().text.toLowerCase() === 'desc';
          keys.push({ path, desc, lower });
        } while (this.is(','));
        return { kind: 'order', keys };
      }
      case 'limit':
      case 'take': {
        const n = this.take();
        if (n.type !== 'number') this.fail('expected a row count');
        return { kind: 'limit', count: Number(n.value) };
      }
      default:
        this.i--;
        return this.fail(`operator '${t.text}' is not supported`);
    }
  }
}

/** Parses a query of the supported shape; throws KqlError (position, token) otherwise. */
export function parseQuery(text: string): Stage[] {
  const p = new Parser(tokenize(text), text);
  if (p.peek()?.text.toLowerCase() === 'resources') p.i++;
  else if (p.peek()?.type === 'word' && !['where', 'project', 'order', 'sort', 'limit', 'take'].includes(p.peek()!.text.toLowerCase())) {
    p.fail(`table '${p.peek()!.text}' is not supported; only Resources`);
  }
  const stages: Stage[] = [];
  let first = p.peek()?.text === '|' ? false : stages.length === 0 && p.i === 0;
  while (p.peek()) {
    if (!first) p.take('|');
    first = false;
    stages.push(p.stage());
  }
  return stages;
}

/** `tolower(x)` or `x` as a facet's sortBy: a column, optionally case-folded. */
export function parseSortKey(text: string): { path: Path; lower: boolean } {
  const p = new Parser(tokenize(text), text);
  const lower = p.is('tolower');
  if (lower) {
    p.i++;
    p.take('(');
  }
  const path = p.path();
  if (lower) p.take(')');
  if (p.peek()) p.fail('unexpected text after the sort key');
  return { path, lower };
}

export function parseCondition(text: string): Condition {
  const p = new Parser(tokenize(text), text);
  const c = p.condition();
  if (p.peek()) p.fail('only one condition is supported in a facet filter');
  return c;
}
