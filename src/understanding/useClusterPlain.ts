import { proposesChange } from '../commands/grammar.js';
import { tagEntities } from './entities.js';
import { normaliseText, typoDistance } from './normalise.js';
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
const SWITCH_WORDS = new Set(['switch', 'change', 'move', 'go', 'jump', 'flip', 'hop', 'over', 'back', 'to', 'into', 'onto', 'on', 'stay', 'stick', 'with', 'the', 'cluster', 'please', 'pls', 'plz', 'now', 'ok', 'okay', 'so', 'lets', "let's", 'let', 'us', 'ctx', 'context']);
const SWITCH_VERB = /^\W*(?:(?:ok(?:ay)?|so|now|pls|please|let'?s)[\s,]+)*(?:(?:can|could|may) (?:i|we|you|u) (?:please |just )?)?(?:switch|change|move|go|jump|flip|hop|stay|stick)\b/i;
/** Round 13c: the words of a switch asked as a question, with its hedges ("could I switch to X maybe?"). */
const ASKING = new Set(['can', 'could', 'may', 'i', 'we', 'you', 'u', 'just', 'maybe', 'perhaps']);
/** Round 13c: "back to X", "over to X" said alone: the way back is the verb ("back to aks-x" after a detour). */
const BACK_TO = /^\W*(?:(?:ok(?:ay)?|so|now|pls|please|right|and)[\s,]+)*(?:back|over) (?:to|onto|on)\b/i;
/** Round 13c: the switch verb with one letter slipped ("swtich", "swich", "chnage"), first word of the message. */
function switchTypo(typed: string): boolean {
  const first = typed.trim().toLowerCase().match(/^[a-z]+/)?.[0];
  return first !== undefined && first.length >= 5 && ['switch', 'change'].some((v) => typoDistance(first, v) === 1);
}
const POINTED = /\b(?:focus|scope|point|pin|keep|set|lock|tie|default|cent(?:er|re)|restrict|limit|narrow)\s+(?:(?:this|the|our|my|all|every|each|any|of|the|rest|remaining)\s+){0,3}(?:chat|conversation|session|channel|thread|queries|questions|commands|requests|answers|replies|everything)\s+(?:(?:from now on|from here on|for now|for the rest of \w+ \w+)\s+)?(?:on|to|at|with|around|onto)\b/i;

function oneCluster(text: string, snap: Snapshot, vocabulary: ReadonlySet<string>, asked = false): { cluster?: string; tokens: string[] } {
  const n = normaliseText(text);
  if (n.negated || n.hypothetical || n.conditional || (n.question && !asked)) return { tokens: [] };
  const { tokens, entities } = tagEntities(n.tokens, snap, vocabulary);
  const clusters = [...new Set(entities.filter((e) => e.type === 'CLUSTER' && e.quality !== 'unknown').map((e) => e.value))];
  if (clusters.length !== 1 || entities.some((e) => e.type === 'CLUSTER' && e.quality === 'unknown') || entities.some((e) => ['NAME', 'NS', 'ADDR', 'MYIP', 'IMAGE', 'PORT', 'GUID', 'SUBNET'].includes(e.type))) return { tokens };
  return { cluster: clusters[0], tokens };
}

/** "from now on", "from here on", "for the rest of the session", "going forward", "until I say otherwise". */
const FROM_NOW_ON = /\b(?:from (?:now|here) on(?:wards?)?|going forward|for the (?:rest|remainder) of (?:this|the|our|today's) (?:session|conversation|chat|day|call|thread)|until i say otherwise|for now)\b/i;
/** "the active environment", "the default cluster", "the current context": the conversation's cluster. */
const ACTIVE = /\b(?:active|default|current|working|main) (?:environment|cluster|context|target)\b/i;
/** Round 13c: a cluster set "as our default" or the writer "defaulted to" it: "set aks-x as our default", "default me to aks-x". */
const AS_DEFAULT = /(?:\b(?:set|make|use|have|keep)\s+[a-z0-9-]+\s+(?:as\s+(?:the\s+|our\s+|my\s+)?|(?:the|our|my)\s+)|^\W*[a-z0-9-]+\s+as\s+(?:the\s+|our\s+|my\s+)?)default\b|\bdefault\s+(?:me|us)\s+(?:to|on)\b/i;
/** Round 13c: a reason said after the choice ("…, that's where the shop lives") explains it; it asks nothing. */
const REASON_AFTER = /[,;–—-]\s*(?:that'?s|that is|it'?s|it is|since|because|cause|cos|as that'?s)\s+(?:where|what|the one|because)?\b[^?]*$/i;
/** Words that only say where to look or work, or what the questions are about. */
const LOOK_WORDS = new Set(['let', "let's", 'lets', 'us', 'we', 'i', 'look', 'looking', 'at', 'work', 'working', 'on', 'in', 'with', 'stay', 'stick', 'keep', 'be', 'about', 'everything', 'all', 'ask', 'questions', 'queries', 'commands', 'requests', 'my', 'will', 'is', 'am', 'are', 'only', 'care', 'concentrate', 'focus', 'the', 'cluster', 'please', 'pls', 'kindly', 'ok', 'okay', 'so', 'and', 'just', 'that', 'one', 'to', 'of', 'our', 'this', 'chat', 'conversation', 'discussion', 'session', 'thread', 'channel', 'here', 'direct', 'route', 'point', 'scope', 'pin', 'default', 'set', 'make', 'use', 'as', 'for', 'me', 'have', 'can', 'could', 'would', 'you', 'u', 'active', 'current', 'environment', 'context', 'target']);

/**
 * A persistent time ("from now on", "going forward"), the chat pointed somewhere, or "the active environment", with
 * one cluster and words that only say to look or work there: "let's look at X from now on", "going forward, please
 * direct all queries to the X cluster", "set X as the active environment for this discussion".
 */
function chosenByWords(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  if (!FROM_NOW_ON.test(typed) && !ACTIVE.test(typed) && !POINTED.test(typed) && !AS_DEFAULT.test(typed)) return undefined;
  if (AS_DEFAULT.test(typed)) typed = typed.replace(REASON_AFTER, '');
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
  const typoed = switchTypo(typed);
  if (SWITCH_VERB.test(typed) || BACK_TO.test(typed) || typoed) {
    // (round 13c: "could I switch to X maybe?" asks to switch: the asking words and a hedge say nothing else)
    const asked = /^\W*(?:can|could|may) (?:i|we|you|u)\b/i.test(typed) && !normaliseText(typed).negated && !normaliseText(typed).hypothetical;
    const rest = (typed.toLowerCase().match(/[a-z0-9'][a-z0-9'-]*/g) ?? []).filter((w) => !SWITCH_WORDS.has(w) && !(asked && ASKING.has(w))).slice(typoed ? 1 : 0);
    if (!rest.length || rest.length > 2) return undefined;
    const { cluster, tokens } = oneCluster(rest.join(' '), snap, vocabulary, asked);
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
