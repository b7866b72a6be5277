import { type SpecList, isName, onCluster, takeModifiers } from '../spec.js';
import { quoted } from '../../text/markdown.js';

export type GeneralCommand =
  | { kind: 'help'; topic?: string }
  | { kind: 'clusters' }
  | { kind: 'useCluster'; cluster: string }
  | { kind: 'status'; cluster?: string }
  | { kind: 'greet' }
  | { kind: 'thanks' };

export const generalSpecs: SpecList<GeneralCommand> = [
  {
    kind: 'help',
    area: 'General',
    usage: 'help [topic]',
    summary: 'What Palisade can do, by area.',
    example: 'help',
    keywords: ['help', 'commands', '?'],
    inManifest: true,
    parse(text) {
      const m = /^(?:help|commands|what can you do|\?)(?:\s+(.+))?$/i.exec(text);
      return m ? { kind: 'help', topic: m[1]?.toLowerCase() } : undefined;
    },
    format: (c) => `help${c.topic ? ` ${c.topic}` : ''}`,
  },
  {
    kind: 'clusters',
    area: 'General',
    usage: 'clusters',
    summary: 'All AKS clusters Palisade can see.',
    example: 'clusters',
    keywords: ['clusters', 'list clusters'],
    inManifest: true,
    parse(text) {
      return /^(?:list |show )?clusters$/i.test(text) ? { kind: 'clusters' } : undefined;
    },
    format: () => 'clusters',
  },
  {
    kind: 'useCluster',
    area: 'General',
    usage: 'use cluster <name>',
    summary: "Set this conversation's default cluster.",
    example: 'use cluster aks-prod',
    keywords: ['use', 'use cluster'],
    parse(text) {
      const m = /^(?:use|switch to|select)(?:\s+cluster)?(?:\s+(.*))?$/i.exec(text);
      if (!m) return undefined;
      const name = m[1]?.trim();
      if (!name) return { error: 'Which cluster? Try `use cluster aks-prod`; `clusters` lists them.' };
      if (!isName(name)) return { error: `${quoted(name)} is not a cluster name. \`clusters\` lists them.` };
      return { kind: 'useCluster', cluster: name };
    },
    format: (c) => `use cluster ${c.cluster}`,
  },
  {
    kind: 'status',
    area: 'General',
    usage: 'status [on <cluster>]',
    summary: 'Security posture: control plane, workload exposure, network policy, images.',
    example: 'status on aks-prod',
    keywords: ['status', 'posture'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true });
      const m = /^(?:show )?(?:status|posture|security status|security posture)(?:\s+(?:of\s+)?([a-z0-9][a-z0-9._-]*))?$/i.exec(mod.rest);
      if (!m) return undefined;
      return { kind: 'status', cluster: mod.cluster ?? m[1] };
    },
    format: (c) => `status${onCluster(c.cluster)}`,
  },
  {
    kind: 'greet',
    area: 'General',
    usage: 'hello',
    summary: 'A friendly hello and three places to start.',
    example: 'hello',
    keywords: ['hello', 'hi'],
    parse(text) {
      return /^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings)(?: there)?(?: palisade)?$/i.test(text) ? { kind: 'greet' } : undefined;
    },
    format: () => 'hello',
  },
  {
    kind: 'thanks',
    area: 'General',
    usage: 'thanks',
    summary: 'You are welcome.',
    example: 'thanks',
    keywords: ['thanks', 'thank you'],
    parse(text) {
      return /^(?:thanks|thank you|thx|ty|cheers|many thanks|thanks a lot|great,? thanks)(?: palisade)?$/i.test(text) ? { kind: 'thanks' } : undefined;
    },
    format: () => 'thanks',
  },
];
