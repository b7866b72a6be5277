import type { Snapshot } from './types.js';
import { ENTITY_TYPES, tagEntities, type Tagged } from './entities.js';
import { isFiller, normaliseText, stem, typoBudget, typoDistance, type Normalised } from './normalise.js';
import type { IntentSpec } from './intents.js';
import { own } from '../text/own.js';
import { isEnglishWord } from './english.js';

/**
 * A small deterministic scorer: TF-IDF over words and word pairs (values already replaced by their category), cosine
 * similarity to every example, an intent scores as its best example. No training step, no randomness, microseconds.
 */

/** Values that stand in for {placeholders} when examples are read, so examples go through the same path as messages. */
export const SAMPLE_VALUES: Record<string, string> = {
  service: 'ratings-web', name: 'ratings-api', from: 'ratings-web', to: 'ratings-api', target: 'ratings-api',
  addr: '203.0.113.7', cidr: '198.51.100.0/24', ip: '203.0.113.7', myip: 'my ip', namespace: 'ratingsapp', ns: 'ratingsapp',
  cluster: 'aks-prod', duration: '2h', port: '8080', proto: 'udp', severity: 'high', time: '10:30', day: 'friday', tz: 'Europe/Berlin',
  since: 'today', number: '20', internet: 'internet', image: 'acrworkshop.azurecr.io/ratings-api:v1', guid: '22222222-2222-4222-8222-222222222222',
  subnet: 'apps-subnet', cron: '"0 9 * * 1-5"',
  // template slots (for checking each template parses)
  limit: '20', sources: '203.0.113.7', ranges: '203.0.113.7', portspec: '8080', fixable: 'fixable', running: 'running', page: '2',
  subscription: '22222222-2222-4222-8222-222222222222', clusters: 'aks-prod', hour: '10', minute: '30', dow: '5', span: '30d', flowproto: 'udp', monthday: '1', force: 'force',
};

export const TRAINING_SNAPSHOT: Snapshot = {
  clusters: ['aks-workshop', 'aks-prod'],
  inventories: {
    'aks-prod': {
      namespaces: ['ratingsapp', 'default'],
      items: [
        { name: 'ratings-web', namespace: 'ratingsapp', kind: 'Service', type: 'LoadBalancer' },
        { name: 'ratings-api', namespace: 'ratingsapp', kind: 'Deployment' },
      ],
    },
  },
  now: new Date('2026-01-01T00:00:00Z'),
};

/** Words that carry no intent on their own: a match on these alone is no match. */
const FUNCTION_WORDS = new Set(
  ('what is are was were the a an do doe does did can could would should will i we you it its to of on in for me my our us be there any anything ' +
    'this that these those how which who whom with and or at by all here now just please about show list give tell display ' +
    'know want wants like think wonder whether if not no never am been being some so then need needs should must wanna gotta').split(' '),
);

const IDF_POWER = Number(process.env.NLU_IDF ?? 1);
const PAIR_WEIGHT = Number(process.env.NLU_PAIR ?? 0.5);
const QUESTION_WEIGHT = Number(process.env.NLU_Q ?? 3);
const REVERSAL_PENALTY = Number(process.env.NLU_REV ?? 0.7);

export function fillPlaceholders(example: string): string {
  return example.replace(/\{(\w+)\}/g, (m, k: string) => own(SAMPLE_VALUES, k) ?? m);
}

/** Words and word pairs that carry meaning (function words and fillers dropped), plus `?q` for a question. */
export function features(tagged: Tagged, n: Normalised): string[] {
  const words = tagged.tokens.filter((t) => !isFiller(t) && !FUNCTION_WORDS.has(t)).map((t) => (ENTITY_TYPES.has(t) ? t : stem(t))).filter((t) => !FUNCTION_WORDS.has(t));
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  if (n.question) out.push('?q');
  return out;
}

interface Doc {
  intent: number;
  vec: Map<string, number>;
  negated: boolean;
  reverses: boolean;
}

/** Values that only name a thing: with no known word beside them, nothing says what to do with it. */
const NAMES_ONLY = new Set(['NAME', 'NS', 'CLUSTER', 'NUM']);

/** Values that only say when: a match on these alone says nothing about what was asked. */
const WHEN_ONLY = new Set(['SINCE', 'TIME', 'DAY', 'NUM']);

/** Words that turn a request around ("stop restricting X" is the opposite of "restrict X"). */
const REVERSING = new Set(['stop', 'remove', 'undo', 'revert', 'disable', 'drop', 'lift', 'delete', 'revoke', 'cancel', 'unrestrict', 'unlock', 'unexpose', 'deactivate', 'unallowlist']);

export function reverses(feats: string[]): boolean {
  return feats.some((f) => REVERSING.has(f));
}

export interface Ranked {
  intent: IntentSpec;
  score: number;
  /** The example that scored best (for tests and debugging). */
  example: string;
  /** That example itself says "not" ("X should no longer reach the api server, remove it"). */
  exampleNegated: boolean;
  /** Words of the message that other intents use but this one never does ("stop" for "enable defender"). */
  conflicts: string[];
  /** How much of the best example's meaning the message does not say (0–1). */
  uncovered: number;
  /** The best example turns a request around ("stop …", "remove …"). */
  exampleReverses: boolean;
}

export class Scorer {
  readonly vocabulary: Set<string>;
  private readonly idf = new Map<string, number>();
  private readonly docs: Doc[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly examples: string[] = [];
  /** Per intent, every word its examples use (stemmed). */
  private readonly intentWords: Array<Set<string>> = [];
  private readonly allWords = new Set<string>();
  /** Per intent, the words one of which a message must say for this reading (stemmed), if it declares them. */
  private readonly needs: Array<string[] | undefined>;

  constructor(readonly intents: IntentSpec[]) {
    this.needs = intents.map((it) => it.needs?.map((w) => stem(w.toLowerCase())));
    this.vocabulary = new Set();
    for (const it of intents)
      for (const ex of it.examples) for (const w of normaliseText(ex.replace(/\{\w+\}/g, ' ')).tokens) if (/^[a-z]+$/.test(w)) this.vocabulary.add(w);
    const raw: Array<{ intent: number; feats: string[]; example: string; negated: boolean; reverses: boolean }> = [];
    intents.forEach((it, i) => {
      const words = new Set<string>();
      for (const ex of it.examples) {
        const n = normaliseText(fillPlaceholders(ex));
        const feats = features(tagEntities(n.tokens, TRAINING_SNAPSHOT, this.vocabulary), n);
        raw.push({ intent: i, feats, example: ex, negated: n.negated, reverses: reverses(feats) });
        for (const f of feats) if (!f.includes(' ')) words.add(f);
        for (const t of n.tokens) words.add(stem(t));
      }
      this.intentWords.push(words);
      for (const w of words) this.allWords.add(w);
    });
    // Inverse frequency over intents, not examples: a word few intents use ("stop", "permit") decides between them
    const df = new Map<string, Set<number>>();
    for (const r of raw) for (const f of r.feats) df.set(f, (df.get(f) ?? new Set()).add(r.intent));
    for (const [f, d] of df) this.idf.set(f, Math.log(1 + intents.length / d.size) ** IDF_POWER * (f.includes(' ') ? PAIR_WEIGHT : 1));
    // being a question at all ("can A reach B?" against "let A reach B") weighs like a rare word
    this.idf.set('?q', QUESTION_WEIGHT);
    raw.forEach((r, di) => {
      const vec = this.vector(r.feats);
      this.docs.push({ intent: r.intent, vec, negated: r.negated, reverses: r.reverses });
      this.examples.push(r.example);
      for (const f of vec.keys()) {
        const list = this.postings.get(f) ?? [];
        list.push(di);
        this.postings.set(f, list);
      }
    });
  }

  private vector(feats: string[]): Map<string, number> {
    const tf = new Map<string, number>();
    for (const f of feats) if (this.idf.has(f)) tf.set(f, (tf.get(f) ?? 0) + 1);
    let norm = 0;
    for (const [f, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf.get(f)!;
      tf.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [f, w] of tf) tf.set(f, w / norm);
    return tf;
  }

  /**
   * Words we do not know, a typo away from one word we do, become that word ("stauts" → "status", "alowlist" →
   * "allowlist"); `worst` is the largest correction made (0: none).
   */
  correct(tokens: string[]): { tokens: string[]; worst: number; word?: string } {
    let worst = 0;
    let word: string | undefined;
    const nearest = (t: string, pool: Iterable<string>): [string | undefined, number] => {
      let best: string | undefined;
      let bestD = typoBudget(t) + 1;
      let tie = false;
      for (const v of pool) {
        if (Math.abs(v.length - t.length) > 2 || !/^[a-z]+$/.test(v)) continue;
        const d = typoDistance(v, t);
        if (d < bestD) [best, bestD, tie] = [v, d, false];
        else if (d === bestD && v !== best) tie = true;
      }
      return best && !tie ? [best, bestD] : [undefined, 0];
    };
    const out = tokens.map((t) => {
      if (ENTITY_TYPES.has(t) || this.vocabulary.has(t) || !/^[a-z]{5,}$/.test(t) || isFiller(t) || this.allWords.has(stem(t)) || isEnglishWord(t)) return t;
      let [fixed, d] = nearest(t, this.vocabulary);
      if (!fixed) [fixed, d] = nearest(stem(t), this.allWords);
      if (!fixed) return t;
      if (d > worst) [worst, word] = [d, t];
      return fixed;
    });
    return { tokens: out, worst, word };
  }

  isFunctionWord(word: string): boolean {
    return FUNCTION_WORDS.has(word) || FUNCTION_WORDS.has(stem(word));
  }

  /** Whether any intent's examples use this word (or it only joins words together). */
  knows(word: string): boolean {
    const w = stem(word);
    return FUNCTION_WORDS.has(word) || FUNCTION_WORDS.has(w) || this.allWords.has(w);
  }

  /** Whether an intent that changes something (and passes the filter) uses the word. */
  usedByAnotherWrite(word: string, other: (intent: IntentSpec) => boolean): boolean {
    return this.intents.some((it, i) => it.write && other(it) && this.intentWords[i].has(word));
  }

  /**
   * Intents by their best example's cosine similarity, best first. An example that shares only function words with
   * the message ("what is …") counts for little, and words we have never seen make every reading less certain.
   */
  rank(feats: string[], tokens: string[] = []): Ranked[] {
    const q = this.vector(feats);
    const content = feats.filter((f) => !f.includes(' ') && f !== '?q');
    const words = content.filter((f) => !ENTITY_TYPES.has(f));
    // "isolated" is not an unknown word when "isolate" is known (states keep their "-ed" apart from the verb)
    const unknown = words.filter((f) => !this.allWords.has(f) && !(f.endsWith('ed') && (this.allWords.has(f.slice(0, -1)) || this.allWords.has(f.slice(0, -2))))).length;
    const turned = reverses(feats);
    // most meaningful words unknown to every intent: this is not something Palisade does
    // (half of them unknown, and the first one an unknown thing asked for, "tell me a joke about X": not ours either)
    const at = words.length ? tokens.findIndex((t) => stem(t) === words[0]) : -1;
    const firstUnknown = at > 0 && content[0] === words[0] && /^(?:a|an)$/.test(tokens[at - 1]) && !this.allWords.has(words[0]);
    // (round 11: unless two or more words we know say what is asked and the message does not open with a verb of its
    // own: "I'd be grateful if you could list the clusters you have visibility of" is about clusters; "upgrade X" is not)
    const known = words.filter((w) => this.allWords.has(w)).length + content.filter((f) => ENTITY_TYPES.has(f) && !WHEN_ONLY.has(f) && !NAMES_ONLY.has(f)).length;
    const opensWithOwnWord = /^[a-z]+$/.test(tokens[0] ?? '') && !FUNCTION_WORDS.has(tokens[0]) && !isFiller(tokens[0]) && !this.allWords.has(stem(tokens[0]));
    const tolerated = known >= 2 && !opensWithOwnWord ? 0.75 : 0.5;
    const share = unknown / (content.length || 1);
    if (content.length && (share > tolerated || (content.length >= 3 && known < 2 && share >= tolerated) || (content.length === 2 && unknown === 1 && firstUnknown))) return [];
    // only names with words we do not know ("the logs of ratings-api"), or bare numbers ("what is 17 * 23"): not ours
    if (words.length && unknown === words.length && content.every((f) => !ENTITY_TYPES.has(f) || NAMES_ONLY.has(f))) return [];
    if (!words.length && content.length && content.every((f) => f === 'NUM')) return [];
    const damp = content.length ? 1 - 0.6 * (unknown / content.length) : 1;
    const dots = new Map<number, number>();
    for (const [f, w] of q) for (const di of this.postings.get(f) ?? []) dots.set(di, (dots.get(di) ?? 0) + w * this.docs[di].vec.get(f)!);
    // (a message with words of its own that meets an example only on when, "my laptop is loud today" against "what
    // changed today", shares nothing it asked about: that example counts half, and the intent's others may do better)
    const knownWords = words.some((w) => this.allWords.has(w));
    const sharesMeaning = (doc: Map<string, number>) => content.some((f) => doc.has(f) && (!WHEN_ONLY.has(f) || !knownWords));
    const best = new Map<number, { score: number; doc: number; shared: boolean }>();
    for (const [di, raw] of dots) {
      const i = this.docs[di].intent;
      const shared = sharesMeaning(this.docs[di].vec);
      const s = raw * (shared ? 1 : 0.5);
      if (!best.has(i) || best.get(i)!.score * (best.get(i)!.shared ? 1 : 0.5) < s) best.set(i, { score: raw, doc: di, shared });
    }
    const said = new Set([...words, ...tokens.map(stem)]);
    return [...best.entries()]
      .filter(([i]) => !this.needs[i] || this.needs[i]!.some((w) => said.has(w)))
      .map(([i, b]) => {
        const doc = this.docs[b.doc].vec;
        const shared = b.shared;
        const conflicts = words.filter((w) => this.allWords.has(w) && !this.intentWords[i].has(w));
        let uncovered = 0;
        for (const [f, w] of doc) if (!q.has(f) && f !== '?q' && !f.includes(' ')) uncovered += w * w;
        return {
          intent: this.intents[i],
          // "undo the lockdown of X" is no reading of "lock X down": a reversing word on one side only costs a lot
          score: b.score * damp * (shared ? 1 : 0.5) * 0.8 ** conflicts.length * (this.docs[b.doc].reverses === turned ? 1 : REVERSAL_PENALTY),
          example: this.examples[b.doc],
          exampleNegated: this.docs[b.doc].negated,
          conflicts,
          uncovered,
          exampleReverses: this.docs[b.doc].reverses,
        };
      })
      .sort((a, b) => b.score - a.score || a.intent.intent.localeCompare(b.intent.intent));
  }
}
