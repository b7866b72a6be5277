import type { HandlerMap } from '../../commands/registry.js';
import { type Command, format, formatOn } from '../../commands/grammar.js';
import type { StatusCardModel } from '../../cards/models.js';
import type { Posture } from '../../posture/assess.js';
import { formatCounts, countBy } from '../../posture/assess.js';

export function statusModel(p: Posture): StatusCardModel {
  const findings = p.areas.flatMap((a) => a.findings);
  return {
    cluster: {
      name: p.cluster.name,
      subscription: p.cluster.subscriptionId,
      resourceGroup: p.cluster.resourceGroup,
      location: p.cluster.location,
      kubernetesVersion: p.cluster.kubernetesVersion ?? 'unknown',
    },
    score: p.score,
    headline: findings.length ? formatCounts(countBy(findings.map((f) => f.severity))) || 'Only informational findings' : 'No findings',
    checkedAt: `${p.checkedAt.slice(0, 16).replace('T', ' ')} UTC`,
    areas: p.areas.map((a) => ({
      name: a.name,
      summary: a.summary,
      facts: a.facts,
      findings: a.findings.map((f) => ({
        id: f.id,
        severity: f.severity,
        title: f.title,
        why: f.why,
        detail: [f.detail, f.fix ? `Fix: ${f.fix}` : undefined, f.cis ? `CIS AKS ${f.cis}` : undefined].filter(Boolean).join(' · ') || undefined,
      })),
    })),
  };
}

/** Three places to start, as canonical commands (greetings and thanks offer them). */
export const STARTERS: Array<{ title: string; command: Command }> = [
  { title: 'Security posture', command: { kind: 'status' } },
  { title: 'What is exposed', command: { kind: 'exposure' } },
  { title: 'Who can reach the API server', command: { kind: 'ipRanges' } },
];

const starterChoices = () => STARTERS.map((x) => ({ title: x.title, command: format(x.command) }));

export const generalHandlers: HandlerMap<'help' | 'clusters' | 'useCluster' | 'status' | 'greet' | 'thanks'> = {
  async greet(_cmd, { turn, s }) {
    await turn.reply({ card: s.cards.choice(`Hi ${turn.person.name?.split(' ')[0] ?? 'there'}, I am Palisade: I keep your AKS clusters locked down.`, 'Ask me in your own words, or start here:', starterChoices()) });
  },

  async thanks(_cmd, { turn, s }) {
    await turn.reply({ card: s.cards.choice('You are welcome.', 'Anything else? For example:', starterChoices()) });
  },

  async help(cmd, { turn, s }) {
    await turn.reply({ card: s.cards.help(cmd.topic) });
  },

  async clusters(_cmd, { turn, s }) {
    const list = await s.clusters.list();
    const current = (await s.clusters.conversationDefault(turn.conversation.conversation.id)) ?? s.config.azure.defaultCluster;
    await turn.reply({
      card: s.cards.clusters(
        list.map((c) => ({
          name: c.name,
          subscription: c.subscriptionId,
          resourceGroup: c.resourceGroup,
          location: c.location,
          apiServer: c.isPrivate ? 'private' : 'public',
          isDefault: c.name.toLowerCase() === current?.toLowerCase(),
        })),
      ),
    });
  },

  async useCluster(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => format({ kind: 'useCluster', cluster: c }));
    await s.clusters.setConversationDefault(turn.conversation.conversation.id, cluster.name);
    await turn.reply({ card: s.cards.facts(`Using ${cluster.name} here`, 'Commands in this conversation now go to this cluster unless they say `on <cluster>`.', [
      { title: 'Subscription', value: cluster.subscriptionId },
      { title: 'Resource group', value: cluster.resourceGroup },
    ], 'good') });
  },

  async status(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => formatOn(cmd, c));
    const posture = await s.posture.scan(cluster);
    await turn.reply({ card: s.cards.status(statusModel(posture)) });
  },
};
