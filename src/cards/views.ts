import type { PlanView } from '../approvals/engine.js';
import type { StoredPlan } from '../approvals/types.js';
import type { AdaptiveCard } from '../bot/events.js';
import { helpSections } from '../commands/help.js';
import type { AuditEntry } from '../store/types.js';
import type { ApprovalRow, AuditOutcome, Fact, MessageCardModel, PlanCardModel, StatusCardModel, ClusterRow } from './models.js';
import type { DefenderCardModel, VulnerabilitiesCardModel } from './models.js';
import type { DigestCardModel } from './models.js';
import { renderCard } from './render.js';
import { typedAsIs } from '../understanding/readAs.js';

/** Formats a timestamp for people: "2026-11-28 09:00 UTC". */
export function when(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

function personName(p: { name?: string; id?: string } | undefined): string {
  return p?.name || p?.id || 'someone';
}

const RISK_TEXT = {
  narrows: 'Narrows exposure: fewer sources can reach it',
  widens: 'Widens exposure or removes protection: a second person must approve',
  neutral: 'Neutral: exposure does not change',
} as const;

export function stateLabel(plan: StoredPlan): string {
  switch (plan.state) {
    case 'pending':
      return plan.approvals.length ? `Pending: ${plan.approvals.length} of ${plan.approvalsNeeded} approvals` : 'Pending approval';
    case 'approved':
      return `Approved by ${personName(plan.decidedBy)}`;
    case 'applying':
      return `Approved by ${personName(plan.decidedBy)} · applying`;
    case 'applied':
      return plan.requester.id === 'palisade' ? 'Applied' : `Applied · approved by ${personName(plan.decidedBy)}`;
    case 'failed':
      return 'Failed';
    case 'rejected':
      return plan.decidedBy && plan.decidedBy.id === plan.requester.id ? 'Withdrawn by the requester' : `Rejected by ${personName(plan.decidedBy)}`;
    case 'expired':
      return 'Expired';
  }
}

export function planCard(plan: StoredPlan, view: PlanView): AdaptiveCard {
  const readAs = plan.origin && !typedAsIs(plan.origin.words, plan.origin.command) ? `Read as: \`${plan.origin.command}\`` : undefined;
  const notes = [readAs, plan.note, planPolicyNote(plan), view.note].filter(Boolean) as string[];
  const model: PlanCardModel = {
    planId: plan.id,
    title: plan.title,
    state: plan.state,
    stateLabel: stateLabel(plan),
    requester: personName(plan.requester),
    created: when(plan.createdAt),
    expires: when(plan.expiresAt),
    risk: plan.risk,
    riskText: RISK_TEXT[plan.risk],
    rows: plan.diff,
    warnings: plan.warnings,
    note: notes.length ? notes.join(' · ') : undefined,
    progress: plan.state === 'applying' || plan.state === 'applied' ? plan.progress : undefined,
    result: plan.state === 'applied' ? plan.result?.facts : undefined,
    error: plan.state === 'failed' && plan.error ? { reason: plan.error.message, nextStep: plan.error.nextStep ?? 'Run the command again.' } : undefined,
    details: plan.details ? { title: 'Details', lines: plan.details.split('\n') } : undefined,
    showApproveReject: plan.state === 'pending' && view.viewerCanDecide,
    showRevert: plan.state === 'applied' && Boolean(plan.revert) && !plan.revertedBy,
    refreshUserIds: view.refreshUserIds,
  };
  return renderCard('plan', model);
}

function planPolicyNote(plan: StoredPlan): string | undefined {
  if (plan.state !== 'pending') return undefined;
  if (plan.approvalsNeeded > 1) return `Needs ${plan.approvalsNeeded} approvers other than the requester.`;
  if (plan.fourEyes) return 'Four-eyes: someone other than the requester must approve.';
  if (plan.selfApprovalAllowed) return 'Sandbox: you may approve your own request.';
  return 'A second approver is required.';
}

export const cards = {
  plan: planCard,
  status: (model: StatusCardModel) => renderCard('status', model),
  message: (model: MessageCardModel) => renderCard('message', model),
  clusters: (rows: ClusterRow[]) =>
    renderCard('clusters', { title: `Clusters (${rows.length})`, clusters: rows, footer: 'Set this conversation’s default with: use cluster <name>' }),
  help: (topic?: string) =>
    renderCard('help', {
      title: topic ? `Help: ${topic}` : 'Palisade commands',
      intro: 'Palisade secures your AKS clusters from chat. Changes are planned first, shown on a card, and applied only after approval. Add `on <cluster>` to any command.',
      sections: helpSections(topic).map((s) => ({ area: s.area, commands: s.commands.map((c) => ({ usage: c.usage, summary: c.summary, example: c.example })) })),
    }),
  welcome: () =>
    renderCard('message', {
      title: 'Hi, I am Palisade',
      text: 'I keep an eye on your AKS clusters: who can reach the API server, which Services are exposed, which namespaces have no network policy, and which images are vulnerable. Every change I make is shown first and applied only after approval.',
      facts: [
        { title: 'Start with', value: 'status' },
        { title: 'All commands', value: 'help' },
      ],
    }),
  notUnderstood: (reply: string, suggestions: string[], usage?: string) =>
    suggestions.length && !usage
      ? renderCard('choice', { question: reply, choices: suggestions.map((s) => ({ title: s, command: s })) })
      : renderCard('message', { title: "I didn't get that", text: reply, severity: 'warning', facts: usage ? [{ title: 'Usage', value: usage }] : undefined }),
  choice: (message: string, question: string, options: Array<{ title: string; command: string }>) =>
    renderCard('choice', { question: message, detail: question, choices: options.slice(0, 6) }),
  userError: (message: string, nextStep?: string) => renderCard('error', { kind: 'user', message, nextStep }),
  internalError: (ref: string) => renderCard('error', { kind: 'internal', ref }),
  audit: (entries: AuditEntry[], title: string) =>
    renderCard('audit', {
      title,
      entries: entries.map((e) => ({
        when: when(e.at),
        who: personName(e.actor),
        kind: e.kind,
        cluster: e.cluster ?? '',
        summary: e.summary,
        outcome: auditOutcome(e.outcome),
      })),
      footer: entries.length ? undefined : 'Nothing recorded yet.',
    }),
  approvals: (rows: ApprovalRow[]) =>
    renderCard('approvals', { title: `Pending approvals (${rows.length})`, approvals: rows, emptyText: 'Nothing is waiting for approval.' }),
  facts: (title: string, text: string, facts: Fact[], severity?: MessageCardModel['severity']) => renderCard('message', { title, text, facts, severity }),
  vulnerabilities: (model: VulnerabilitiesCardModel) => renderCard('vulnerabilities', model),
  defender: (model: DefenderCardModel) => renderCard('defender', model),
  digest: (model: DigestCardModel) => renderCard('digest', model),
};

export type CardViews = typeof cards;

function auditOutcome(outcome: string | undefined): AuditOutcome {
  if (!outcome) return 'pending';
  if (/^failed|error/i.test(outcome)) return 'failed';
  if (/rejected|refused|expired|withdrawn/i.test(outcome)) return 'refused';
  return 'ok';
}
