// The understanding step's own cost per message (issue 11): pure CPU, no Azure or Kubernetes call is counted.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from '../src/commands/grammar.js';
import { loadIntents } from '../src/understanding/intents.js';
import { Scorer } from '../src/understanding/scorer.js';
import { buildScorerSnapshot, reviveScorer } from '../src/understanding/scorerSnapshot.js';
import { getScorer, read } from '../src/understanding/understand.js';
import { readCorpus } from '../test/understanding/corpus.js';
import { SANDBOX_SNAPSHOT } from '../test/understanding/snapshot.js';
import { progress, ROOT, summarize, table } from './lib.js';

const ROUNDS = 20;

export async function understandingSection(): Promise<string> {
  const dir = path.join(ROOT, 'test', 'understanding');
  const texts = [
    ...readdirSync(path.join(dir, 'corpus')).filter((f) => f.endsWith('.txt')).flatMap((f) => readCorpus(path.join(dir, 'corpus', f))),
    ...readCorpus(path.join(dir, 'heldout.txt')),
  ].map((c) => c.say);
  // what a process pays on its first message: a build from the example files (tests, npm start) or the production
  // build's snapshot (scripts/build.mjs); both measured fresh, whatever this process built before
  let t0 = performance.now();
  new Scorer(loadIntents());
  const buildMs = performance.now() - t0;
  const snapshot = buildScorerSnapshot();
  t0 = performance.now();
  reviveScorer(snapshot);
  const reviveMs = performance.now() - t0;
  getScorer();
  for (const t of texts) read(t, SANDBOX_SNAPSHOT); // warm-up: JIT and the snapshot's name index
  const exact = new Set(texts.filter((t) => parse(t).ok));
  const all: number[] = [];
  const grammarHits: number[] = [];
  const freeText: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of texts) {
      const start = performance.now();
      read(t, SANDBOX_SNAPSHOT);
      const ms = performance.now() - start;
      all.push(ms);
      (exact.has(t) ? grammarHits : freeText).push(ms);
    }
  }
  progress(`understanding: ${texts.length} messages × ${ROUNDS}`);
  const row = (name: string, xs: number[]) => {
    const s = summarize(xs);
    return [name, String(s.n), s.median.toFixed(3), s.p99.toFixed(3), s.max.toFixed(2)];
  };
  return [
    '## Understanding cost per message',
    '',
    `Every utterance of the corpus and the held-out set (${texts.length}), read ${ROUNDS} times by \`read()\` (exact grammar first, then`,
    'the understanding step) against the sandbox inventory snapshot; in-process, one core, no network. The scorer is',
    `built on the first message: from the example files ${buildMs.toFixed(0)} ms (tests, \`npm start\`), from the production build's snapshot ${reviveMs.toFixed(0)} ms.`,
    '',
    table(['Messages', 'n', 'median ms', 'p99 ms', 'max ms'], [row('all', all), row('exact commands (grammar fast path)', grammarHits), row('free text (understanding step)', freeText)]),
  ].join('\n');
}
