import { type CommandSpec, isName, parsePort, takeModifiers } from '../spec.js';
import { quoted } from '../../text/markdown.js';

export type NetworkPolicyCommand =
  | { kind: 'networkPolicies'; namespace?: string; cluster?: string }
  | { kind: 'zeroTrust'; namespace: string; force: boolean; cluster?: string }
  | { kind: 'removeZeroTrust'; namespace: string; cluster?: string }
  | { kind: 'allowFlow'; from: string; to: string; port?: number; namespace?: string; cluster?: string }
  | { kind: 'canReach'; from: string; to: string; port?: number; namespace?: string; cluster?: string };

export const networkPolicySpecs: CommandSpec<NetworkPolicyCommand>[] = [
  {
    kind: 'networkPolicies',
    area: 'Network policy',
    usage: 'network policies [namespace] [on <cluster>]',
    summary: 'The policy engine, and per namespace its policies, default-deny coverage and unselected pods.',
    example: 'network policies ratingsapp',
    keywords: ['network policies', 'netpol', 'policies'],
        parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:show )?(?:network ?polic(?:y|ies)|netpols?|policies)(?:\s+(?:for |of )?(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const namespace = mod.namespace ?? m[1];
      if (namespace && !isName(namespace)) return { error: `${quoted(namespace)} is not a namespace name.` };
      return { kind: 'networkPolicies', namespace, cluster: mod.cluster };
    },
  },
  {
    kind: 'removeZeroTrust',
    proposesChange: true,
    area: 'Network policy',
    usage: 'remove zero-trust <namespace> [on <cluster>]',
    summary: "Remove the policies Palisade created in a namespace (widens exposure: needs a second approver).",
    example: 'remove zero-trust ratingsapp',
    keywords: ['remove zero-trust'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:remove|delete|undo) (?:zero[- ]?trust|lock ?down)(?:\s+(?:for |on |in )?(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const namespace = mod.namespace ?? m[1];
      if (!namespace) return { error: 'Which namespace? e.g. `remove zero-trust ratingsapp`.' };
      if (!isName(namespace)) return { error: `${quoted(namespace)} is not a namespace name.` };
      return { kind: 'removeZeroTrust', namespace, cluster: mod.cluster };
    },
  },
  {
    kind: 'zeroTrust',
    proposesChange: true,
    area: 'Network policy',
    usage: 'zero-trust <namespace> [force] [on <cluster>]',
    summary: 'Default-deny ingress and egress (DNS kept) plus the allow rules the namespace needs, previewed first.',
    example: 'zero-trust ratingsapp',
    keywords: ['zero-trust', 'zerotrust', 'lock down', 'lockdown'],
        parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:zero[- ]?trust|lock ?down|apply zero[- ]?trust(?: to)?)(?:\s+(?:namespace\s+)?(\S+))?(?:\s+(force|--force))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const namespace = mod.namespace ?? m[1];
      if (!namespace) return { error: 'Which namespace? e.g. `zero-trust ratingsapp`.' };
      if (!isName(namespace)) return { error: `${quoted(namespace)} is not a namespace name.` };
      return { kind: 'zeroTrust', namespace, force: Boolean(m[2]), cluster: mod.cluster };
    },
  },
  {
    kind: 'allowFlow',
    proposesChange: true,
    area: 'Network policy',
    usage: 'allow <from> to <to> [on <port>] [in <namespace>] [on <cluster>]',
    summary: 'Add an allow rule between two workloads under zero-trust.',
    example: 'allow ratings-web to ratings-api on 80',
    keywords: ['allow'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true, port: true });
      const m = /^allow\s+(\S+)\s+to\s+(\S+)$/i.exec(mod.rest);
      if (!m) {
        if (/^allow\s+(?!my\b)\S+(?:\s+\S+)?$/i.test(mod.rest) && !/^allow\s+\d/.test(mod.rest))
          return { error: 'Allow what to reach what? e.g. `allow ratings-web to ratings-api on 80`.' };
        return undefined;
      }
      const port = parsePort(mod.port);
      if (typeof port === 'object') return port;
      for (const n of [m[1], m[2]]) if (!isName(n)) return { error: `${quoted(n)} is not a workload name.` };
      return { kind: 'allowFlow', from: m[1], to: m[2], port, namespace: mod.namespace, cluster: mod.cluster };
    },
  },
  {
    kind: 'canReach',
    area: 'Network policy',
    usage: 'can <from> reach <to> [on <port>] [in <namespace>] [on <cluster>]',
    summary: "Evaluate the namespace's NetworkPolicies: is this flow allowed, and by which policy?",
    example: 'can ratings-web reach ratings-api on 80',
    keywords: ['can', 'can reach'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true, port: true });
      const m = /^can\s+(\S+)\s+(?:reach|talk to|connect to|access)\s+(\S+)$/i.exec(mod.rest);
      if (!m) return undefined;
      const port = parsePort(mod.port);
      if (typeof port === 'object') return port;
      for (const n of [m[1], m[2]]) if (!isName(n)) return { error: `${quoted(n)} is not a workload name.` };
      return { kind: 'canReach', from: m[1], to: m[2], port, namespace: mod.namespace, cluster: mod.cluster };
    },
  },
];
