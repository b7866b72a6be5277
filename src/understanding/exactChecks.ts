import { type Command, format, specOf } from '../commands/grammar.js';
import { clusterOf, nearestNames } from './entities.js';
import type { Choice, Snapshot, Understanding } from './types.js';
import { own } from '../text/own.js';

/**
 * Checks on the exact grammar's reading of a change before it runs: the grammar takes any word for a cluster or a
 * Service, so "allowlist 1.2.3.4 on cilium", "make ratings internal" or "make aks-workshop private" parse, but
 * would either fail late or change something nobody named.
 */

/** Commands about one LoadBalancer Service: the names worth offering are those Services. */
const LOAD_BALANCER_KINDS = new Set(['makeInternal', 'makePublic', 'restrict', 'unrestrict']);

const option = (c: Command): Choice => ({ title: format(c), command: format(c) });

/** The cluster the command names, resolved: exact, a distinctive part ("prod", "cilium"), or unknown. */
export function resolveCluster(command: Command, snap: Snapshot): { command: Command; unknown?: string } {
  const typed = (command as { cluster?: string }).cluster;
  if (typed === undefined || !snap.clusters.length) return { command };
  // "on aks-prod, fixable only": the sentence's comma is no part of the name
  const cluster = typed.replace(/[.,;:!?]+$/, '') || typed;
  const found = clusterOf(cluster.toLowerCase(), snap.clusters);
  if (!found || found.quality === 'fuzzy') return { command, unknown: typed };
  return { command: found.value === typed ? command : ({ ...command, cluster: found.value } as Command) };
}

/** A change on a cluster nobody has: ask which known cluster was meant, never fall back to the default. */
export function unknownClusterAsk(command: Command, cluster: string, snap: Snapshot): Understanding {
  return {
    kind: 'ask',
    question: `I don't know a cluster named ${cluster}.`,
    detail: `The clusters I can see: ${snap.clusters.join(', ')}. Which one do you mean?`,
    options: snap.clusters.slice(0, 4).map((c) => option({ ...command, cluster: c } as Command)),
    intent: command.kind,
    score: 1,
  };
}

/** Whether the word is a cluster's name or a distinctive part of one ("aks-workshop", "workshop"). */
export function isClusterWord(word: string, snap: Snapshot): boolean {
  const found = clusterOf(word.toLowerCase(), snap.clusters);
  return Boolean(found && found.quality !== 'fuzzy');
}

/**
 * A change to a Service the chosen cluster does not have (and no other cluster has: that case is offered there):
 * the grammar's literal reading would only fail, and a near name is more likely meant. Ask, offering the near names
 * (or the cluster's Services the command applies to), never run. Clusters whose names we cannot list are left to the
 * handler, which checks the live cluster.
 */
export function unknownServiceAsk(command: Command, snap: Snapshot): Understanding | undefined {
  const c = command as { kind: string; service?: string; cluster?: string; namespace?: string };
  if (!specOf(command.kind).proposesChange || typeof c.service !== 'string') return undefined;
  const chosen = c.cluster ?? snap.defaultCluster;
  const inv = chosen ? own(snap.inventories, chosen) : undefined;
  if (!inv) return undefined;
  if (inv.items.some((x) => x.name === c.service && x.kind === 'Service')) return undefined;
  if (Object.values(snap.inventories).some((i) => i.items.some((x) => x.name === c.service))) return undefined;
  const services = inv.items.filter((x) => x.kind === 'Service' && (!c.namespace || x.namespace === c.namespace));
  const fitting = LOAD_BALANCER_KINDS.has(c.kind) ? services.filter((x) => x.type === 'LoadBalancer') : services;
  const pool = [...new Set((fitting.length ? fitting : services).map((x) => x.name))];
  const near = nearestNames(c.service, pool);
  const offered = (near.length ? near : pool).slice(0, 4);
  return {
    kind: 'ask',
    question: `${chosen} has no Service named ${c.service}.`,
    detail: near.length ? 'Did you mean one of these? Nothing changes until you pick one and approve the plan.' : 'Which Service do you mean?',
    options: offered.map((name) => option({ ...command, service: name } as Command)),
    intent: command.kind,
    score: 1,
  };
}
