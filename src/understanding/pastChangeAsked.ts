import { format, parse } from '../commands/grammar.js';
import { sinceValue } from '../commands/specs/approvals.js';
import type { Understanding } from './types.js';

/** "who took A off X", "did I remove A yesterday?", "has someone disabled Defender?", "when was X made internal?". */
const ASKS_WHO_OR_WHETHER = /^\s*(?:who|whom|did|has|have|had|when|was|were)\b|\b(?:who|whether|if) (?:\S+ ){0,2}(?:removed|took|disabled|made|changed|added|deleted|turned|switched|opened|enabled|touched|dropped)\b/i;
const DONE = /\b(?:removed|took (?:\S+ ){0,4}?off|taken (?:\S+ ){0,3}?off|disabled|turned (?:\S+ ){0,3}?off|switched (?:\S+ ){0,3}?off|made|changed|added|deleted|opened(?: up)?|enabled|allowlisted|whitelisted|restricted|unrestricted|touched|modified|edited|dropped|pulled|widened|narrowed|expanded|extended|loosened|tightened|shrunk|updated|altered|reset|replaced|cleared|wiped)\b/i;
const WHO = /\b(?:who|someone|somebody|anyone|anybody|i|we|you|they|he|she)\b|\b(?:was|were|been|got)\s+(?:\S+\s+)?(?:removed|taken|disabled|turned|switched|made|changed|added|deleted|opened|enabled|restricted|dropped)\b/i;
/** "did I remove A yesterday", "did someone accidentally disable X": the base form after "did", with a time or an accident. */
// (round 14a: and the verbs of resizing or rewriting a list: "did anyone widen / loosen / tighten / reset the ranges today?")
const DID_DO = /\bdid (?:\S+ ){1,2}(?:remove|take|disable|make|change|add|delete|turn|switch|open|enable|touch|drop|pull|widen|narrow|expand|extend|loosen|tighten|shrink|update|modify|edit|alter|reset|replace|clear|wipe|mess with)\b/i;
const AGENT = /\b(?:who|someone|somebody|anyone|anybody|i|we|they|he|she|you)\b|^\s*when\b/i;
const WHEN = /\b(today|yesterday|this week|last week|this month)\b|\b(?:in the |over the )?(?:last|past) (\d+) ?(hours?|days?|weeks?)\b/i;

/**
 * Round 12: a question about a change someone made, or whether one was made, is the audit (since the time it names),
 * not the state it left: "who took 203.0.113.0/24 off aks-prod this week?" → `audit since this week on aks-prod`.
 */
export function pastChangeAsked(typed: string, u: Understanding): Understanding {
  const didDo = DID_DO.test(typed) && (WHEN.test(typed) || /\b(?:accidentally|mistakenly|by (?:mistake|accident))\b/i.test(typed));
  // ("already" asks whether it is so now; "has A been removed?" with no one and no time asks the same)
  const agentOrTime = AGENT.test(typed) || WHEN.test(typed);
  // ("who is allowlisted on X": a state said with a participle)
  if (u.kind !== 'sure' || /\balready\b|\bwho(?:'s| is| are| remains?| stays?)\b/i.test(typed) || !agentOrTime || !/\?\s*$|^\s*(?:who|did|has|have|when)\b/i.test(typed) || !ASKS_WHO_OR_WHETHER.test(typed) || !(didDo || (DONE.test(typed) && WHO.test(typed)))) return u;
  const p = parse(u.command);
  if (!p.ok || p.command.kind === 'audit' || !['ipRanges', 'exposure', 'defenderStatus', 'status', 'networkPolicies', 'privateCluster'].includes(p.command.kind)) return u;
  const w = WHEN.exec(typed);
  const since = w ? sinceValue(w[1] ?? `${w[2]} ${w[3]}`) : undefined;
  const cluster = 'cluster' in p.command ? (p.command.cluster as string | undefined) : undefined;
  const command = format({ kind: 'audit', limit: 10, since, cluster });
  return parse(command).ok ? { ...u, command, intent: 'audit' } : u;
}
