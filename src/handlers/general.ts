import type { HandlerMap } from './types.js';
import { statusModel } from '../cards/status.js';
import { scanWithHistory } from './scanWithHistory.js';
import { type Command, format, formatOn } from '../commands/grammar.js';

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
    const [list, names] = await Promise.all([s.clusters.list(), s.subscriptions.all()]);
    const nameOf = (id: string) => names.find((n) => n.id.toLowerCase() === id.toLowerCase())?.name ?? id;
    const current = (await s.clusters.conversationDefault(turn.conversation.conversation.id)) ?? s.config.azure.defaultCluster;
    await turn.reply({
      card: s.cards.clusters(
        list.map((c) => ({
          name: c.name,
          subscription: nameOf(c.subscriptionId),
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
      { title: 'Subscription', value: await s.subscriptions.label(cluster.subscriptionId) },
      { title: 'Resource group', value: cluster.resourceGroup },
    ], 'good') });
  },

  async status(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => formatOn(cmd, c));
    const [{ posture, history }, subscription] = await Promise.all([scanWithHistory(s, cluster), s.subscriptions.nameOf(cluster.subscriptionId)]);
    await turn.reply({ card: s.cards.status(statusModel(posture, history, undefined, subscription)) });
  },
};
