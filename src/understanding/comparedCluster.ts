import { format, parse } from '../commands/grammar.js';
import { sureChange } from './sureChange.js';
import type { Snapshot, Understanding } from './types.js';

/** "like we did on X", "same as on X", "as we did for X": a cluster named as the example to follow. */
const COMPARED = /\b(?:just |exactly )?(?:like|as|same as|the same as|similar to)(?: (?:we|you|they|i) (?:did|have|do|had|set it up|set up|configured it))?(?: it| them| that)?(?: already)? (?:on|in|for|with) (?:the )?([\w-]+)/gi;

/**
 * Round 12b: a change whose cluster is only the one named as the example ("make X internal like we did on aks-prod")
 * would run on the example, not on the cluster meant: which cluster is asked (a wrong write before). The conversation's
 * cluster, when it is another one, is offered as the button.
 */
export function comparedClusterAsked(typed: string, u: Understanding, snap: Snapshot): Understanding {
  if (!sureChange(typed, u)) return u;
  const p = parse(u.command);
  if (!p.ok) return u;
  const cluster = (p.command as { cluster?: string }).cluster;
  if (!cluster) return u;
  const compared = [...typed.matchAll(COMPARED)].map((m) => m[1].toLowerCase());
  const isIt = (w: string) => w === cluster || cluster.split('-').includes(w) || (w.length >= 4 && cluster.includes(w));
  if (!compared.some(isIt)) return u;
  // (the cluster said as the target too, "on aks-prod, like we did on aks-prod", is no doubt)
  const elsewhere = typed.replace(COMPARED, ' ');
  if (new RegExp(`\\b(?:on|in|for) (?:the )?(?:${cluster}|${cluster.replace(/^aks-/, '')})\\b`, 'i').test(elsewhere)) return u;
  const other = snap.defaultCluster && snap.defaultCluster !== cluster ? format({ ...p.command, cluster: snap.defaultCluster } as typeof p.command) : undefined;
  return {
    kind: 'ask',
    question: `You named ${cluster} as the example: which cluster should change?`,
    detail: 'Nothing changes until you pick one and approve the plan (or say it again with "on <cluster>").',
    options: other ? [{ title: other, command: other }] : [],
    intent: u.intent,
    score: u.score,
  };
}
