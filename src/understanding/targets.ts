import { type Command, format, specOf } from '../commands/grammar.js';
import { clusterOf, nearestNames } from './entities.js';
import type { Choice, Snapshot, Understanding } from './types.js';
import { own } from '../text/own.js';
import { quoted } from '../text/markdown.js';

/**
 * Every target a command names must be something real before a change is planned: a subscription the directory
 * has, clusters, a namespace, the workloads at both ends of a flow. The grammar takes any word in those places, so
 * "disable defender in prod" would otherwise name a subscription "prod" that nobody has. A word that is a cluster's
 * (distinctive part of its) name where a subscription goes becomes that cluster; anything else unknown is asked about
 * with the real names as buttons. Reads are only rewritten, never stopped: their handlers explain unknown names.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespaces nobody means when they name one of theirs. */
const SYSTEM_NAMESPACE = /^kube-|^default$/;

const option = (c: Command): Choice => ({ title: format(c), command: format(c) });
const ask = (command: Command, question: string, detail: string, options: Command[]): Understanding => ({
  kind: 'ask',
  question,
  detail,
  options: [...new Map(options.map((o) => [format(o), option(o)])).values()].slice(0, 4),
  intent: command.kind,
  score: 1,
});

/** "Contoso Production" and `contoso-production` are the same name (as the handler compares them). */
const same = (a: string, b: string) => a.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') === b.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A cluster named exactly or by a distinctive part ("prod" → aks-prod); a typo is no name. */
function clusterNamed(word: string, snap: Snapshot): string | undefined {
  const found = clusterOf(word.toLowerCase(), snap.clusters);
  return found && found.quality !== 'fuzzy' ? found.value : undefined;
}

/**
 * The command with its targets resolved, or the question to ask instead of planning a change on an unknown one.
 * `typedExactly`: the exact grammar read it; its handlers then answer unknown namespaces and workloads themselves.
 */
export function checkTargets(command: Command, snap: Snapshot, typedExactly = false): { command: Command } | { ask: Understanding } {
  const isChange = Boolean(specOf(command.kind).proposesChange) || command.kind === 'digestSchedule';
  let c = subscriptionTarget(command, snap, isChange);
  if ('ask' in c) return c;
  c = clusterList(c.command, snap, isChange);
  // a namespace or workload typed in the exact grammar is checked by its handler, which refuses an unknown one
  if ('ask' in c || !isChange || typedExactly) return c;
  return namespaceTarget(c.command, snap) ?? flowEnds(c.command, snap) ?? c;
}

/** `in <subscription>`: a subscription by id or display name, else a cluster's name, else asked about (for a change). */
function subscriptionTarget(command: Command, snap: Snapshot, isChange: boolean): { command: Command } | { ask: Understanding } {
  const c = command as { subscription?: string; cluster?: string };
  const name = c.subscription;
  if (!name) return { command };
  const subs = snap.subscriptions;
  if (subs?.some((s) => s.id.toLowerCase() === name.toLowerCase() || same(s.name, name))) return { command };
  const cluster = !c.cluster && !GUID.test(name) ? clusterNamed(name, snap) : undefined;
  const onCluster = cluster ? ({ ...command, cluster, subscription: undefined } as Command) : undefined;
  // subscriptions known and none of them is called that: a cluster's name means that cluster
  if (onCluster && subs) return { command: onCluster };
  if (!isChange) return { command: onCluster ?? command };
  if (!subs && !onCluster) return { command }; // the handler checks a name we cannot: it refuses one it does not manage
  const bySubscription = (subs ?? []).map((s) => ({ ...command, subscription: s.name === s.id ? s.id : s.name }) as Command);
  const byCluster = snap.clusters.map((cl) => ({ ...command, cluster: cl, subscription: undefined }) as Command);
  return {
    ask: ask(
      command,
      subs ? `I don't manage a subscription named ${quoted(name)}.` : `Is ${quoted(name)} the subscription or the cluster ${cluster}?`,
      subs ? `The subscriptions I can see: ${subs.map((s) => s.name).join(', ')}. Which one (or which cluster) do you mean?` : 'Nothing changes until you pick one and approve the plan.',
      onCluster ? [onCluster, command] : [...bySubscription, ...byCluster],
    ),
  };
}

/** `digest … for prod, cilium`: each cluster resolved; one nobody has is asked about before a schedule is saved. */
function clusterList(command: Command, snap: Snapshot, isChange: boolean): { command: Command } | { ask: Understanding } {
  const c = command as { clusters?: string[] };
  if (!Array.isArray(c.clusters) || !c.clusters.length || !snap.clusters.length) return { command };
  const resolved = c.clusters.map((x) => clusterNamed(x, snap));
  const unknown = c.clusters.find((_, i) => !resolved[i]);
  if (!unknown) return { command: { ...command, clusters: [...new Set(resolved as string[])] } as Command };
  if (!isChange) return { command };
  const known = [...new Set(resolved.filter((x): x is string => Boolean(x)))];
  const options = [...(known.length ? [{ ...command, clusters: known } as Command] : []), ...snap.clusters.map((cl) => ({ ...command, clusters: [cl] }) as Command)];
  return { ask: ask(command, `I don't know a cluster named ${unknown}.`, `The clusters I can see: ${snap.clusters.join(', ')}. Which do you mean?`, options) };
}

const chosenInventory = (command: Command, snap: Snapshot) => {
  const chosen = (command as { cluster?: string }).cluster ?? snap.defaultCluster;
  return chosen ? { chosen, inv: own(snap.inventories, chosen) } : undefined;
};

/** A change in a namespace no cluster has (on a cluster whose names we can list): ask with the real namespaces. */
function namespaceTarget(command: Command, snap: Snapshot): { ask: Understanding } | undefined {
  const ns = (command as { namespace?: string }).namespace;
  const where = chosenInventory(command, snap);
  if (!ns || !where?.inv || Object.values(snap.inventories).some((i) => i.namespaces.includes(ns))) return undefined;
  const theirs = where.inv.namespaces.filter((n) => !SYSTEM_NAMESPACE.test(n));
  const near = nearestNames(ns, theirs);
  const offered = (near.length ? near : theirs).map((n) => ({ ...command, namespace: n }) as Command);
  return { ask: ask(command, `${where.chosen} has no namespace ${ns}.`, 'Which namespace do you mean? Nothing changes until you pick one and approve the plan.', offered) };
}

/** A name is a workload or Service name when it is not an address, the internet, or a `kind/name` form's kind. */
const plainName = (end: string) => (/^[\d.:/]+$|^internet$/i.test(end) || /\d+\.\d+\.\d+/.test(end) ? undefined : end.split('/').pop());

/** A flow between workloads: each end must be something a cluster runs, or it is asked about with the nearest names. */
function flowEnds(command: Command, snap: Snapshot): { ask: Understanding } | undefined {
  const c = command as { from?: string; to?: string };
  const where = chosenInventory(command, snap);
  if (typeof c.from !== 'string' || typeof c.to !== 'string' || !where?.inv) return undefined;
  for (const slot of ['from', 'to'] as const) {
    const name = plainName(c[slot]!);
    if (!name || Object.values(snap.inventories).some((i) => i.items.some((x) => x.name === name))) continue;
    const names = [...new Set(where.inv.items.map((x) => x.name))];
    const near = nearestNames(name, names).map((n) => ({ ...command, [slot]: n }) as Command);
    return { ask: ask(command, `${where.chosen} runs nothing named ${name}.`, near.length ? 'Did you mean one of these? Nothing changes until you pick one and approve the plan.' : 'Name a workload or Service it runs.', near) };
  }
  return undefined;
}
