import { proposesChange } from '../commands/grammar.js';
import type { Understanding } from './types.js';

/**
 * Round 12c: "delete the cluster X", "Delete please the cluster X, the workshop is over", "rm some-app", "tear down
 * the foo-db service", "turn off some-app for the evening": removing or stopping a cluster or a workload itself is
 * nothing Palisade does. Such a message is "I don't know" (a refusal), never a card offering some other change.
 * Not when the message also names something we do remove or turn off (a range, a policy, a restriction, a digest,
 * Defender…): "delete the cluster's allowlist" is a change of ours.
 */
const VERB = String.raw`(?:delete|remove|rm|destroy|nuke|wipe|purge|uninstall|decommission|tear\s+down|teardown|get\s+rid\s+of|shut\s+down|turn\s+off|switch\s+off|scale\s+down|stop)`;
const KIND = String.raw`(?:namespace|ns|cluster|service|svc|deployment|deploy|pod|statefulset|node|nodepool|node\s+pool|workload|app|application|database|db|vm)s?`;
/** What comes after the object when it is the whole object: the end, a clause's end, or when/where it is to happen. */
const OBJECT_ENDS = String.raw`(?=\s*(?:$|[,.;!?:(—–-]\s|[.!?]$|(?:for|in|on|from|now|today|tonight|please|pls|again|entirely|completely|permanently|asap|too)\b))`;
const DELETES = new RegExp(
  String.raw`(?:^|[\s,.;:!?])${VERB}\s+(?:please\s+|pls\s+)?(?:the\s+|that\s+|this\s+|our\s+|my\s+)?(?:whole\s+|entire\s+)?` +
    // "the cluster aks-x", "the foo-db service", "cluster aks-x", or a name alone ("rm foo-web")
    String.raw`(?:${KIND}\s+[a-z0-9][a-z0-9-]*|(?:[a-z0-9][a-z0-9-]*\s+)?${KIND}|[a-z0-9]+(?:-[a-z0-9]+)+)${OBJECT_ENDS}`,
  'i',
);
/** Words that name something Palisade does remove, turn off or stop. */
const OURS = /restrict|limit|source|range|polic|zero|trust|isolat|lock|allow|white|\blist|authori[sz]|\bapi\b|api[- ]?server|firewall|access|\bips?\b|cidr|entr(?:y|ies)|digest|report|summar|schedul|defender|deny|netpol|rule|fence|block|public|internal|expos|load[- ]?balancer|\blb\b|ingress|internet|reach|talk|connect|traffic|port\b/i;

export function deletesAnObject(typed: string): boolean {
  const m = DELETES.exec(typed);
  return Boolean(m) && !OURS.test(typed);
}

/** A reading of a message that deletes a cluster or a workload: refused, nothing offered that changes anything. */
export function objectDeletionRefused(typed: string, u: Understanding): Understanding {
  if (typeof typed !== 'string' || !deletesAnObject(typed)) return u;
  if (u.kind === 'sure' && !proposesChange(u.command)) return u;
  if (u.kind === 'lost') return u.suggestions.some((s) => proposesChange(s.command)) ? { ...u, suggestions: [] } : u;
  return { kind: 'lost', reply: 'I don’t delete or stop clusters, namespaces, Services or workloads: I change who can reach them. Nothing changed.', suggestions: [], score: u.score };
}
