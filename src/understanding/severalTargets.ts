import { type Command, format, parse, specOf } from '../commands/grammar.js';
import type { Choice, Snapshot, Understanding } from './types.js';
import { sureChange } from './sureChange.js';

/** "both clusters", "all subscriptions", "every namespace", "each of the services", "everywhere" (round 14a: never
 * "both in namespace X": where the two ends of a flow are, one place). */
const SEVERAL = /\b(?:both|all|every|each)(?:\s+of)?(?:\s+(?:the|our|my|your|these|those|their))?(?:\s+(?!(?:in|on|at|inside|within)\b)[\w-]+)?\s+(?:clusters?|subscriptions?|subs|namespaces?|services?|environments?|envs)\b|\beverywhere\b|\bacross the board\b/i;

const PER_SUBSCRIPTION = new Set(['defenderSet']);

/**
 * A change is planned for one target at a time: words that ask for it on several ("on both subscriptions", "all
 * clusters") are asked about, one button per target, never planned on the default one alone.
 */
export function severalTargetsAsked(typed: string, u: Understanding, snap: Snapshot): Understanding {
  if (!sureChange(typed, u) || !SEVERAL.test(typed)) return u;
  const p = parse(u.command);
  if (!p.ok) return u;
  const c = p.command as Command & { cluster?: string; subscription?: string };
  const subscriptions = PER_SUBSCRIPTION.has(c.kind) ? (snap.subscriptions ?? []).map((s) => s.name) : [];
  const variants = subscriptions.length
    ? subscriptions.map((subscription) => ({ ...c, cluster: undefined, subscription }))
    : /<cluster>/.test(specOf(c.kind).usage) ? snap.clusters.map((cluster) => ({ ...c, cluster, subscription: undefined })) : [];
  const options: Choice[] = variants
    .slice(0, 4)
    .map((v) => format(v as Command))
    .filter((command) => parse(command).ok)
    .map((command) => ({ title: command, command }));
  return { kind: 'ask', question: `You asked for more than one target, and \`${u.command}\` changes one at a time.`, detail: 'Pick where to make it first; each is a plan you approve.', options, intent: u.intent, score: u.score };
}
