import { parse, proposesChange } from '../commands/grammar.js';
import type { Understanding } from './types.js';

/** What a removal must name to be that removal: "remove 203.0.113.0/24" alone could be any list an address is on. */
const OBJECT_CUES: Record<string, RegExp> = {
  allowlistRemove: /revoke|allow|white|list|range|authori[sz]|\bapi\b|api[- ]?server|control[- ]?plane|firewall|access|\bips?\b|cidr|entr(?:y|ies)/i,
  removeZeroTrust: /zero|trust|polic|deny|isolat|netpol|lock|segment|firewall|block|fence/i,
  unrestrict: /restrict|limit|source|range|lock|allow|white|firewall|open|fence/i,
};
/** What an added address must say to be an allowlist entry: "allow 10.0.0.0/8" alone could be a flow or a Service limit. */
const ADD_CUE = /white|list|range|authori[sz]|\ballowed\s+(?:ips?|addresses|sources|networks)\b|\bapi\b|api[- ]?server|control[- ]?plane|firewall|access|kubectl|\b(?:on|onto|to|for|in)\s+(?:the\s+)?\S*(?:cluster|aks|prod|workshop|cilium)|\bcluster\b/i;
/** (an address said as one more, "too", "also": a bare "add A" still says nothing about where) */
const ONE_MORE = /\b(?:too|also|as well|again)\b/i;
/**
 * Round 13c: "add A too", "also add A, i guess": the verb add and the addresses alone, with only words that say it is
 * one more (too, also, as well, again) and maybe hedge it: one more for the list being filled, the allowlist.
 */
const ADDR = String.raw`\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?`;
const ADD_ALONE = new RegExp(String.raw`^\W*(?:(?:and|also|ok|okay|so|pls|please|then|oh)[\s,]+)*add\s+${ADDR}(?:\s*(?:,|and|&)\s*${ADDR})*[\s,.!]*(?:(?:too|also|as well|again|then|please|pls|thanks|thx|i guess|i suppose|i think|as discussed)[\s,.!]*)*$`, 'i');
/** Deleting a Kubernetes object or a cluster ("delete the shop namespace") is nothing Palisade does, whatever else the words resemble. */
const DELETES_AN_OBJECT = /\b(?:delete|remove|drop|destroy|kill|wipe|nuke|tear down|get rid of)\s+(?:the\s+|that\s+|this\s+)?(?:whole\s+|entire\s+)?(?:[a-z0-9][a-z0-9-]*\s+)?(?:namespace|ns|cluster|service|svc|deployment|deploy|pod|statefulset|node|workload)s?\b(?!['’]|\s+(?:restriction|limit|source|range|polic|zero|isolation|lock))/i;
/** "keep X as it is": the change's subject, said in order to leave it alone. */
const LEAVE_AS_IS = /\b(?:keep|leave)\b.*\b(?:as (?:it is|is|they are)|like (?:it is|that)|alone|untouched|unchanged|the same|how it is)\b/i;

/** A change read from words that do not ask for that change is answered, never planned. */
export function removalWordsChecked(typed: string, u: Understanding): Understanding {
  // (round 9a: "…, please leave it like that" offers no change either, not even as a button)
  if (u.kind === 'ask' && typeof typed === 'string' && LEAVE_AS_IS.test(typed) && u.options.some((o) => proposesChange(o.command)))
    return { kind: 'lost', reply: 'Then I’ll leave it as it is: nothing changed.', suggestions: [], negated: true, score: u.score };
  if (u.kind !== 'sure' || typeof typed !== 'string') return u;
  const p = parse(u.command);
  if (!p.ok) return u;
  const kind = p.command.kind;
  const cue = OBJECT_CUES[kind];
  if (cue && DELETES_AN_OBJECT.test(typed) && !cue.test(typed.replace(DELETES_AN_OBJECT, '')))
    return { kind: 'lost', reply: 'I don’t delete namespaces, Services, workloads or clusters: I change who can reach them. Nothing changed.', suggestions: [], score: u.score };
  if (LEAVE_AS_IS.test(typed) && proposesChange(u.command))
    return { kind: 'lost', reply: 'Then I’ll leave it as it is: nothing changed.', suggestions: [], negated: true, score: u.score };
  // an address said with nothing about where it is listed: the one list we would change is confirmed first
  if (kind === 'allowlistRemove' && !cue!.test(typed.replace(/\d[\d.:/]*/g, ' ')))
    return { kind: 'ask', question: `Did you mean \`${u.command}\`?`, detail: 'Nothing changes until you pick it and approve the plan.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
  // …and an address allowed with nothing said about where, the same
  // (round 13c: a cluster named for it, whatever its name, says where: "allowlsit A on green" is that cluster's list)
  const clusterNamed = typeof (p.command as { cluster?: unknown }).cluster === 'string';
  if (kind === 'allowlistAdd' && !clusterNamed && !ADD_CUE.test(typed.replace(/\d[\d.:/]*/g, ' ')) && !(ADD_ALONE.test(typed.trim()) && ONE_MORE.test(typed)))
    return { kind: 'ask', question: `Did you mean \`${u.command}\`?`, detail: 'You named an address but not where to allow it. Nothing changes until you pick it and approve the plan.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
  return u;
}

