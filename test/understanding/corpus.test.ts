import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { parse, SPECS } from '../../src/commands/grammar.js';
import { tagEntities } from '../../src/understanding/entities.js';
import { loadIntents } from '../../src/understanding/intents.js';
import { isFiller, normaliseText } from '../../src/understanding/normalise.js';
import { fillPlaceholders, TRAINING_SNAPSHOT } from '../../src/understanding/scorer.js';
import { getScorer, read } from '../../src/understanding/understand.js';
import type { Snapshot } from '../../src/understanding/types.js';
import { type Case, describe, judge, readCorpus } from './corpus.js';
import { SANDBOX_SNAPSHOT } from './snapshot.js';

const DIR = join(import.meta.dirname, 'corpus');
const CORPUS = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readCorpus(join(DIR, f)));
const HELD_OUT = readCorpus(join(import.meta.dirname, 'heldout.txt'));

function run(cases: Case[]) {
  const results = cases.map((c) => ({ c, got: read(c.say, SANDBOX_SNAPSHOT) }));
  const verdicts = results.map((r) => ({ ...r, v: judge(r.c, r.got) }));
  const misses = verdicts.filter((r) => r.v !== 'exact').map((r) => `${r.v}: ${r.c.say} => ${describe(r.got)} (want ${r.c.expect.kind === 'sure' ? r.c.expect.command : r.c.expect.kind})`);
  return { exact: verdicts.filter((r) => r.v === 'exact').length / cases.length, wrongWrites: verdicts.filter((r) => r.v === 'wrong-write'), misses };
}

/** What an utterance looks like to the scorer: words and value categories, fillers dropped. */
function shape(text: string, snap: Snapshot): string {
  const sc = getScorer();
  const n = normaliseText(text);
  // "how would I …" asks how it is done: not the same utterance as the request itself
  return `${n.howTo ? 'how-to: ' : ''}${tagEntities(n.tokens, snap, sc.vocabulary).tokens.filter((t) => !isFiller(t)).join(' ')}`;
}

group('the understanding corpus', () => {
  it('has at least 400 utterances, and every command kind appears', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(400);
    const kinds = new Set(CORPUS.flatMap((c) => (c.expect.kind === 'sure' ? [c.expect.command] : [])).map((t) => {
      const r = parse(t);
      if (!r.ok) throw new Error(`corpus expectation "${t}" does not parse: ${r.reply}`);
      return r.command.kind;
    }));
    expect([...SPECS.map((s) => s.kind)].filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('every expected command is canonical (what format() writes)', () => {
    for (const c of [...CORPUS, ...HELD_OUT]) if (c.expect.kind === 'sure') expect(parse(c.expect.command).ok, c.expect.command).toBe(true);
  });

  it('is not the training data: no utterance the scorer reads has the same shape as an intent example', () => {
    // stricter than equal text: values are compared by kind, so "allowlist 1.2.3.4" and "allowlist {addr}" clash;
    // utterances the exact grammar answers never reach the scorer and are left out
    const trained = new Set(loadIntents().flatMap((i) => i.examples.map((e) => shape(fillPlaceholders(e), TRAINING_SNAPSHOT))));
    const overlap = [...CORPUS, ...HELD_OUT].filter((c) => !parse(c.say).ok && trained.has(shape(c.say, SANDBOX_SNAPSHOT))).map((c) => c.say);
    expect(overlap).toEqual([]);
  });

  it('≥ 97% read exactly, and no utterance becomes a change that was not asked for', () => {
    const r = run(CORPUS);
    expect(r.wrongWrites.map((w) => `${w.c.say} => ${describe(w.got)}`)).toEqual([]);
    if (r.exact < 0.97) expect(r.misses).toEqual([]);
    expect(r.exact).toBeGreaterThanOrEqual(0.97);
  });

  // A sanity check of generalisation, not a target to tune to: its score is reported (docs/understanding.md)
  it('generalises to the held-out set written in another voice (≥ 85%, no wrong change)', () => {
    const r = run(HELD_OUT);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(80);
    expect(r.wrongWrites.map((w) => `${w.c.say} => ${describe(w.got)}`)).toEqual([]);
    if (r.exact < 0.85) expect(r.misses).toEqual([]);
    expect(r.exact).toBeGreaterThanOrEqual(0.85);
  });
});
