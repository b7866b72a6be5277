import { helpSections } from '../commands/help.js';
import type { AuditEntry } from '../store/types.js';
import { utcMinute } from '../text/time.js';
import type { ApprovalRow, AuditOutcome, ClusterRow, DefenderCardModel, DigestCardModel, MessageCardModel, StatusCardModel, TrendCardModel, VulnerabilitiesCardModel } from './models.js';
import { exposureCard } from './exposure.js';
import { fitRows } from './fitRows.js';
import { factsCard } from './message.js';
import { personName, planCard } from './plan.js';
import { renderCard } from './render.js';

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
    fitRows(
      entries.map((e) => ({
        when: utcMinute(e.at),
        who: personName(e.actor),
        kind: e.kind,
        cluster: e.cluster ?? '',
        summary: e.summary,
        outcome: auditOutcome(e.outcome),
      })),
      (shown, total) =>
        renderCard('audit', {
          title,
          entries: shown,
          footer: !total ? 'Nothing recorded yet.' : shown.length < total ? `Showing the latest ${shown.length} of ${total}: a message holds no more. Say \`audit ${shown.length}\`, or add \`on <cluster>\`.` : undefined,
        }),
    ),
  approvals: (rows: ApprovalRow[]) =>
    fitRows(rows, (shown, total) =>
      renderCard('approvals', {
        title: shown.length < total ? `Pending approvals (${total}; the first ${shown.length} shown)` : `Pending approvals (${total})`,
        approvals: shown,
        emptyText: 'Nothing is waiting for approval.',
      }),
    ),
  facts: factsCard,
  exposure: exposureCard,
  vulnerabilities: (model: VulnerabilitiesCardModel) => renderCard('vulnerabilities', model),
  defender: (model: DefenderCardModel) => renderCard('defender', model),
  digest: (model: DigestCardModel) => renderCard('digest', model),
  trend: (model: TrendCardModel) => renderCard('trend', model),
};

export type CardViews = typeof cards;

function auditOutcome(outcome: string | undefined): AuditOutcome {
  if (!outcome) return 'pending';
  if (/^failed|error/i.test(outcome)) return 'failed';
  if (/rejected|refused|expired|withdrawn/i.test(outcome)) return 'refused';
  return 'ok';
}
