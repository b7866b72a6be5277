import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES_DIR, loadIntents } from './intents.js';
import { Scorer } from './scorer.js';

/**
 * The built scorer as data. `npm run build` writes it beside the bundle (scripts/build.mjs → dist/understanding/
 * scorer-snapshot.json) and the production build reads it on first use instead of parsing and tagging every example
 * (~200 ms of CPU); tests and `npm start` build from the examples. test/understanding/scorerSnapshot.test.ts checks
 * that a revived snapshot is the fresh build, field for field and ranking for ranking.
 */
export const SNAPSHOT_FILE = fileURLToPath(new URL('./scorer-snapshot.json', import.meta.url));
const VERSION = 1;

/** The example files' names and contents: a snapshot of other examples is never used. */
export function examplesFingerprint(dir = EXAMPLES_DIR): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) hash.update(`${file}\n`).update(readFileSync(join(dir, file))).update('\n');
  return hash.digest('hex');
}

/** A fresh scorer from the example files, as JSON. */
export function buildScorerSnapshot(dir = EXAMPLES_DIR): string {
  return JSON.stringify({ v: VERSION, examples: examplesFingerprint(dir), scorer: encode(new Scorer(loadIntents(dir))) });
}

/** The scorer a snapshot holds, or undefined when it was made from other examples, by another format, or is cut short. */
export function reviveScorer(json: string, dir = EXAMPLES_DIR): Scorer | undefined {
  let snap: { v?: unknown; examples?: unknown; scorer?: unknown };
  try {
    snap = JSON.parse(json) as typeof snap;
  } catch {
    return undefined; // a damaged file costs a build from the examples, not every message
  }
  if (snap?.v !== VERSION || snap.examples !== examplesFingerprint(dir)) return undefined;
  return Object.assign(Object.create(Scorer.prototype) as Scorer, decode(snap.scorer));
}

/** The build's snapshot if there is one (the production build), else undefined (build from the examples). */
export function loadScorerSnapshot(file = SNAPSHOT_FILE, dir = EXAMPLES_DIR): Scorer | undefined {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return reviveScorer(json, dir);
}

// Plain JSON plus tags for what JSON cannot say; anything else (functions, class instances) throws, so a scorer
// field this cannot carry fails the build and the snapshot test instead of going missing.
const TAGS = ['$map', '$set', '$undefined'];

function encode(value: unknown): unknown {
  if (value === undefined) return { $undefined: 1 };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`scorer snapshot: cannot carry the number ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map(encode);
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === Scorer.prototype) {
    const keys = Object.keys(value as object);
    if (keys.length === 1 && TAGS.includes(keys[0])) throw new Error(`scorer snapshot: an object keyed "${keys[0]}" would read as a tag`);
    return Object.fromEntries(keys.map((k) => [k, encode((value as Record<string, unknown>)[k])]));
  }
  throw new Error(`scorer snapshot: cannot carry a ${typeof value === 'object' ? (proto?.constructor?.name ?? 'null-prototype object') : typeof value}`);
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$undefined') return undefined;
  if (keys.length === 1 && keys[0] === '$map') return new Map((o.$map as Array<[unknown, unknown]>).map(([k, v]) => [decode(k), decode(v)]));
  if (keys.length === 1 && keys[0] === '$set') return new Set((o.$set as unknown[]).map(decode));
  return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
}
