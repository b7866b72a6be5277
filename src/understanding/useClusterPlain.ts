import { proposesChange } from '../commands/grammar.js';
import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';

/**
 * Round 12c: the conversation's cluster chosen in plain words. Three constructions, each with exactly one cluster named
 * and no other value (a workload, a namespace, an address would be what the message asks about):
 * - a bare switch, the verb and the cluster alone: "switch prod", "ok move over to the cilium cluster now";
 * - the conversation itself pointed at it: "focus this chat on production", "scope all queries to aks-x for the rest
 *   of the session", "I only care about production from now on, please keep this conversation on that one";
 * - said with nothing else around it (a persistent time, the chat pointed, "the active environment"): chosenByWords.
 * Never when the message says "not", asks a question, or imagines it.
 */
const SWITCH_WORDS = new Set(['switch', 'change', 'move', 'go', 'jump', 'flip', 'hop', 'over', 'back', 'to', 'into', 'onto', 'the', 'cluster', 'please', 'pls', 'plz', 'now', 'ok', 'okay', 'so', 'lets', "let's", 'let', 'us', 'ctx', 'context']);
const SWITCH_VERB = /^\W*(?:(?:ok(?:ay)?|so|now|pls|please|let'?s)[\s,]+)*(?:switch|change|move|go|jump|flip|hop)\b/i;
const POINTED = /\b(?:focus|scope|point|pin|keep|set|lock|tie|default|cent(?:er|re)|restrict|limit|narrow)\s+(?:(?:this|the|our|my|all|every|each|any|of|the|rest|remaining)\s+){0,3}(?:chat|conversation|session|channel|thread|queries|questions|commands|requests|answers|replies|everything)\s+(?:(?:from now on|from here on|for now|for the rest of \w+ \w+)\s+)?(?:on|to|at|with|around|onto)\b/i;

function oneCluster(text: string, snap: Snapshot, vocabulary: ReadonlySet<string>): { cluster?: string; tokens: string[] } {
  const n = normaliseText(text);
  if (n.negated || n.hypothetical || n.conditional || n.question) return { tokens: [] };
  const { tokens, entities } = tagEntities(n.tokens, snap, vocabulary);
  const clusters = [...new Set(entities.filter((e) => e.type === 'CLUSTER' && e.quality !== 'unknown').map((e) => e.value))];
  if (clusters.length !== 1 || entities.some((e) => e.type === 'CLUSTER' && e.quality === 'unknown') || entities.some((e) => ['NAME', 'NS', 'ADDR', 'MYIP', 'IMAGE', 'PORT', 'GUID', 'SUBNET'].includes(e.type))) return { tokens };
  return { cluster: clusters[0], tokens };
}

/** "from now on", "from here on", "for the rest of the session", "going forward", "until I say otherwise". */
const FROM_NOW_ON = /\b(?:from (?:now|here) on(?:wards?)?|going forward|for the (?:rest|remainder) of (?:this|the|our|today's) (?:session|conversation|chat|day|call|thread)|until i say otherwise|for now)\b/i;
/** "the active environment", "the default cluster", "the current context": the conversation's cluster. */
const ACTIVE = /\b(?:active|default|current|working|main) (?:environment|cluster|context|target)\b/i;
/** Words that only say where to look or work, or what the questions are about. */
const LOOK_WORDS = new Set(['let', "let's", 'lets', 'us', 'we', 'i', 'look', 'looking', 'at', 'work', 'working', 'on', 'in', 'with', 'stay', 'stick', 'keep', 'be', 'about', 'everything', 'all', 'ask', 'questions', 'queries', 'commands', 'requests', 'my', 'will', 'is', 'am', 'are', 'only', 'care', 'concentrate', 'focus', 'the', 'cluster', 'please', 'pls', 'kindly', 'ok', 'okay', 'so', 'and', 'just', 'that', 'one', 'to', 'of', 'our', 'this', 'chat', 'conversation', 'discussion', 'session', 'thread', 'channel', 'here', 'direct', 'route', 'point', 'scope', 'pin', 'default', 'set', 'make', 'use', 'as', 'for', 'active', 'current', 'environment', 'context', 'target']);

/**
 * A persistent time ("from now on", "going forward"), the chat pointed somewhere, or "the active environment", with
 * one cluster and words that only say to look or work there: "let's look at X from now on", "going forward, please
 * direct all queries to the X cluster", "set X as the active environment for this discussion".
 */
function chosenByWords(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  if (!FROM_NOW_ON.test(typed) && !ACTIVE.test(typed) && !POINTED.test(typed)) return undefined;
  const whole = normaliseText(typed);
  if (whole.negated || whole.hypothetical || whole.conditional || (whole.question && !whole.request)) return undefined;
  const rest = (typed.replace(new RegExp(FROM_NOW_ON.source, 'gi'), ' ').toLowerCase().match(/[a-z0-9'][a-z0-9'-]*/g) ?? []).filter((w) => !LOOK_WORDS.has(w));
  if (!rest.length || rest.length > 2) return undefined;
  const { cluster, tokens } = oneCluster(rest.join(' '), snap, vocabulary);
  return cluster && tokens.every((t) => t === 'CLUSTER') ? cluster : undefined;
}

export function clusterChosenPlainly(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  const chosen = chosenByWords(typed, snap, vocabulary);
  if (chosen) return chosen;
  if (SWITCH_VERB.test(typed)) {
    const rest = (typed.toLowerCase().match(/[a-z0-9'][a-z0-9'-]*/g) ?? []).filter((w) => !SWITCH_WORDS.has(w));
    if (!rest.length || rest.length > 2) return undefined;
    const { cluster, tokens } = oneCluster(rest.join(' '), snap, vocabulary);
    return cluster && tokens.every((t) => t === 'CLUSTER') ? cluster : undefined;
  }
  if (!POINTED.test(typed)) return undefined;
  return oneCluster(typed, snap, vocabulary).cluster;
}

/** The plain choice of a cluster in place of a reading that missed it (an "I don't know" or a card). */
export function useClusterRead(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>, u: Understanding): Understanding {
  if (typeof typed !== 'string' || (u.kind === 'lost' && u.negated)) return u;
  // (a read is replaced only when every word of the message says where to look from now on: it asks nothing else)
  if (u.kind === 'sure' && (u.intent === 'useCluster' || proposesChange(u.command))) return u;
  const cluster = u.kind === 'sure' ? chosenByWords(typed, snap, vocabulary) : clusterChosenPlainly(typed, snap, vocabulary);
  return cluster ? { kind: 'sure', command: `use cluster ${cluster}`, intent: 'useCluster', score: u.score } : u;
}
