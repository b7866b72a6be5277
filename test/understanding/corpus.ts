import { readFileSync } from 'node:fs';
import { parse } from '../../src/commands/grammar.js';
import { loadIntents } from '../../src/understanding/intents.js';
import { kindOf } from '../../src/understanding/understand.js';
import type { Understanding } from '../../src/understanding/types.js';

/**
 * Corpus files: one utterance a line, `words => expectation`, where the expectation is a canonical command,
 * `ask` (optionally `ask: option | option`: each must be offered) or `lost`. `#` starts a comment.
 */
export interface Case {
  file: string;
  line: number;
  say: string;
  expect: { kind: 'sure'; command: string } | { kind: 'ask'; options: string[] } | { kind: 'lost' };
}

export function readCorpus(path: string): Case[] {
  const out: Case[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const at = line.lastIndexOf(' => ');
      if (at < 0) throw new Error(`${path}:${i + 1}: no " => " in "${line}"`);
      const say = line.slice(0, at).trim();
      const exp = line.slice(at + 4).trim();
      const expect: Case['expect'] =
        exp === 'lost'
          ? { kind: 'lost' }
          : exp === 'ask' || exp.startsWith('ask:')
            ? { kind: 'ask', options: exp.startsWith('ask:') ? exp.slice(4).split('|').map((s) => s.trim()).filter(Boolean) : [] }
            : { kind: 'sure', command: exp };
      out.push({ file: path, line: i + 1, say, expect });
    });
  return out;
}

/** Command kinds that change something (any intent marked `write`). */
export function writeKinds(): Set<string> {
  return new Set(loadIntents().filter((i) => i.write).map((i) => kindOf(i)));
}

export function isWrite(command: string): boolean {
  const r = parse(command);
  return r.ok && writeKinds().has(r.command.kind);
}

export type Verdict = 'exact' | 'wrong' | 'wrong-write';

/** exact: what the corpus says; wrong-write: a change nobody asked for (the hard constraint); wrong: anything else. */
export function judge(c: Case, got: Understanding): Verdict {
  if (got.kind === 'sure') {
    if (c.expect.kind === 'sure' && c.expect.command === got.command) return 'exact';
    return isWrite(got.command) ? 'wrong-write' : 'wrong';
  }
  if (got.kind === 'ask' && c.expect.kind === 'ask') {
    const offered = got.options.map((o) => o.command);
    return c.expect.options.every((o) => offered.includes(o)) ? 'exact' : 'wrong';
  }
  if (got.kind === 'lost' && c.expect.kind === 'lost') return 'exact';
  return 'wrong';
}

export function describe(got: Understanding): string {
  if (got.kind === 'sure') return got.command;
  if (got.kind === 'ask') return `ask: ${got.options.map((o) => o.command).join(' | ')}`;
  return 'lost';
}
