import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagEntities } from '../../src/understanding/entities.js';
import { EXAMPLES_DIR, loadIntents } from '../../src/understanding/intents.js';
import { normaliseText } from '../../src/understanding/normalise.js';
import { features, fillPlaceholders, Scorer, TRAINING_SNAPSHOT } from '../../src/understanding/scorer.js';
import { buildScorerSnapshot, loadScorerSnapshot, reviveScorer, SNAPSHOT_FILE } from '../../src/understanding/scorerSnapshot.js';

const rankOf = (sc: Scorer, text: string) => {
  const n = normaliseText(text);
  const fixed = sc.correct(n.tokens);
  return { fixed, ranked: sc.rank(features(tagEntities(fixed.tokens, TRAINING_SNAPSHOT, sc.vocabulary), n), fixed.tokens).map((r) => [r.intent.intent, r.score, r.example, r.conflicts, r.uncovered]) };
};

describe('scorer snapshot (what the production build loads instead of building)', () => {
  const fresh = new Scorer(loadIntents());
  const revived = reviveScorer(buildScorerSnapshot())!;

  it('revives to the fresh build, field for field', () => {
    expect(revived).toBeInstanceOf(Scorer);
    expect(revived).toEqual(fresh);
  });

  it('ranks every example, and typo-ed and unknown words, exactly as the fresh build', () => {
    const texts = fresh.intents.flatMap((i) => i.examples.map(fillPlaceholders));
    texts.push('stauts of aks-prod', 'show me the clustrs', 'make ratings-web internl', 'what is the weather in paris', 'the logs of ratings-api');
    for (const t of texts) expect(rankOf(revived, t), t).toEqual(rankOf(fresh, t));
  });

  it('is used only when made from the same example files, and whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-examples-'));
    try {
      for (const f of fs.readdirSync(EXAMPLES_DIR)) fs.copyFileSync(path.join(EXAMPLES_DIR, f), path.join(dir, f));
      const file = path.join(dir, 'snapshot.json');
      fs.writeFileSync(file, buildScorerSnapshot());
      expect(loadScorerSnapshot(file, dir)).toEqual(fresh);
      const one = fs.readdirSync(dir).find((f) => f.endsWith('.yaml'))!;
      fs.appendFileSync(path.join(dir, one), '\n# edited\n');
      expect(loadScorerSnapshot(file, dir)).toBeUndefined();
      expect(loadScorerSnapshot(path.join(dir, 'none.json'), dir)).toBeUndefined();
      fs.writeFileSync(file, buildScorerSnapshot(dir).slice(0, 1000));
      expect(loadScorerSnapshot(file, dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not in the source tree (tests and npm start build from the examples)', () => {
    expect(fs.existsSync(SNAPSHOT_FILE)).toBe(false);
  });
});
