import { format } from '../commands/grammar.js';
import type { DefenderPlan } from '../azure/defender.js';
import { isUserError } from '../errors.js';
import { utcMinute } from '../text/time.js';
import type { ChoiceOption, DefenderCardModel, DefenderSubscription, Fact } from './models.js';

export const SCANNING_TEXT =
  'With Defender for Containers on, Microsoft Defender Vulnerability Management (MDVM) scans every image pushed to an Azure Container Registry in the subscription within 24 hours, and rescans daily the images pushed in the last 90 days or running on a monitored cluster. The older "scan on push, daily, on import" schedule belonged to the retired Qualys scanner of the deprecated Container Registry plan.';

const LEGACY = ['ContainerRegistry', 'KubernetesService'];

/** `name`: the subscription's display name when Azure tells it. */
export type SubscriptionPlans = { subscriptionId: string; name?: string; clusters: string[] } & ({ ok: true; plans: DefenderPlan[] } | { ok: false; error: unknown });

/** ISO 8601 `P30D` / `PT0S` → "30 days"; undefined when nothing is left or it does not parse. */
export function trialLeft(duration: string | undefined): string | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration ?? '');
  if (!m) return undefined;
  const [days, hours, minutes] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (days) return `${days} day${days === 1 ? '' : 's'}`;
  if (hours) return `${hours} hour${hours === 1 ? '' : 's'}`;
  if (minutes) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return undefined;
}

function containersValue(p: DefenderPlan | undefined): string {
  if (!p) return 'not listed by Azure';
  if (p.tier === 'Standard') return ['Standard (on)', p.subPlan ? `sub-plan ${p.subPlan}` : '', p.enablementTime ? `since ${utcMinute(p.enablementTime)}` : ''].filter(Boolean).join(' · ');
  const trial = trialLeft(p.freeTrialRemainingTime);
  return `Free (off)${trial ? ` · free trial available: ${trial}` : ''}`;
}

function legacyValue(p: DefenderPlan): string {
  const parts = [p.tier === 'Standard' ? 'Standard (on)' : 'Free (off)'];
  if (p.deprecated) parts.push(`deprecated${p.replacedBy.length ? `, replaced by ${p.replacedBy.join(', ')}` : ''}`);
  return parts.join(' · ');
}

function section(sp: SubscriptionPlans): DefenderSubscription {
  const name = sp.name && sp.name !== sp.subscriptionId ? `${sp.name} (${sp.subscriptionId})` : `Subscription ${sp.subscriptionId}`;
  const detail = sp.clusters.length ? `Clusters: ${sp.clusters.join(', ')}` : 'No AKS cluster Palisade sees in it';
  if (!sp.ok) {
    const e = sp.error;
    const text = isUserError(e) ? `${e.message}${e.nextStep ? ` ${e.nextStep}` : ''}` : 'Could not read the plans.';
    return { name, detail, badge: /403/.test(text) ? 'NO ACCESS' : 'UNKNOWN', color: 'Warning', facts: [], notes: [{ text }] };
  }
  const containers = sp.plans.find((p) => p.name === 'Containers');
  const on = containers?.tier === 'Standard';
  const facts: Fact[] = [{ title: 'Containers', value: containersValue(containers) }];
  const notes: Array<{ text: string }> = [];
  for (const name of LEGACY) {
    const p = sp.plans.find((x) => x.name === name);
    if (!p) continue;
    facts.push({ title: name, value: legacyValue(p) });
    if (p.tier === 'Standard' && p.deprecated)
      notes.push({ text: `${name} is on but deprecated${p.replacedBy.length ? ` (replaced by ${p.replacedBy.join(', ')})` : ''}: move to Defender for Containers.` });
  }
  facts.push({ title: 'Registry images', value: on ? 'scanned by MDVM: new images within 24 h, daily rescans' : 'not scanned' });
  facts.push({ title: 'Running containers', value: on ? 'runtime threat detection on monitored clusters' : 'not monitored' });
  if (!on) notes.push({ text: `Turn it on with "enable defender for containers in ${sp.subscriptionId}" (billed per vCore of the AKS nodes, needs approval).` });
  return { name, detail, badge: on ? 'ON' : 'OFF', color: on ? 'Good' : 'Attention', facts, notes };
}

/** The `defender status` card: per subscription, the Containers plan and the legacy plans it replaces. */
export function defenderModel(subs: SubscriptionPlans[], more: number): DefenderCardModel {
  const read = subs.filter((s) => s.ok);
  const isOn = (s: SubscriptionPlans) => s.ok && s.plans.find((p) => p.name === 'Containers')?.tier === 'Standard';
  const onCount = read.filter(isOn).length;
  const failed = subs.length - read.length;
  const text = [
    subs.length === 1
      ? isOn(subs[0])
        ? 'Defender for Containers is on: registry images are scanned for vulnerabilities.'
        : subs[0].ok
          ? 'Defender for Containers is off: no image is scanned for vulnerabilities.'
          : 'Palisade could not read the Defender plans of this subscription.'
      : `Defender for Containers is on in ${onCount} of ${subs.length} subscriptions.`,
    failed && subs.length > 1 ? `${failed} could not be read.` : '',
    more ? `${more} more subscription(s) not shown: add "in <subscription id>".` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const choices: ChoiceOption[] = [];
  for (const s of subs) {
    if (!s.ok || choices.length >= 5) continue;
    const label = s.clusters[0] ?? s.subscriptionId.slice(0, 8);
    if (!isOn(s)) choices.push({ title: `Enable in ${label}${s.clusters.length > 1 ? ' +' : ''}`, command: format({ kind: 'defenderSet', enabled: true, subscription: s.subscriptionId }) });
    else if (s.clusters[0]) choices.push({ title: `Vulnerabilities on ${s.clusters[0]}`, command: format({ kind: 'vulnerabilities', fixable: false, running: false, page: 1, cluster: s.clusters[0] }) });
  }
  return {
    title: subs.length === 1 ? `Defender plans · subscription ${subs[0].name ?? subs[0].subscriptionId}` : 'Defender plans',
    text,
    tone: failed ? 'warning' : onCount === subs.length ? 'good' : 'attention',
    subscriptions: subs.map(section),
    scanning: SCANNING_TEXT,
    choices: choices.slice(0, 6),
    links: [],
  };
}
