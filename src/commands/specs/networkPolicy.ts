import ipaddr from 'ipaddr.js';
import { quoted } from '../../text/markdown.js';
import { type SpecList, type ParseFailure, inNamespace, isName, onCluster, parsePort, takeModifiers } from '../spec.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A workload as typed: `name`, `ns/name`, `kind/name` or `ns/kind/name`. */
const WORKLOAD_REF = /^(?:[a-z0-9][a-z0-9._-]*\/){0,2}[a-z0-9][a-z0-9._-]*$/i;
const INTERNET_WORDS = /^(?:internet|outside|anywhere)$/i;

/** A flow endpoint as typed: `name`, `ns/name`, `kind/name`, `ns/kind/name`, `internet`, or an IPv4/IPv6 address or CIDR. */
const ENDPOINT = /^(?:internet|(?:[a-z0-9][a-z0-9._-]*\/){0,2}[a-z0-9][a-z0-9._-]*)$/i;

function isEndpoint(e: string): boolean {
  const [ip, bits] = e.split('/');
  return ENDPOINT.test(e) || (ipaddr.isValid(ip) && (bits === undefined || /^\d{1,3}$/.test(bits)));
}

/** Peels a protocol off "on 53/udp", "on udp 53", "over udp": the rest parses as before. */
function takeProtocol(text: string): { text: string; protocol?: Protocol } {
  let protocol: Protocol | undefined;
  const out = text
    .replace(/\s+(?:over|on|using|via)\s+(tcp|udp|sctp)\s+(?:port\s+)?(\d+)\b/i, (_, p: string, d: string) => ((protocol = p.toUpperCase() as Protocol), ` on ${d}`))
    .replace(/(\d)\/(tcp|udp|sctp)\b/i, (all: string, d: string, p: string) => (protocol ? all : ((protocol = p.toUpperCase() as Protocol), d)))
    .replace(/\s+(?:over |using |via )?(tcp|udp|sctp)\b(?!\S)/i, (all: string, p: string) => (protocol ? all : ((protocol = p.toUpperCase() as Protocol), '')));
  return { text: out.replace(/\s+/g, ' ').trim(), protocol };
}

/** "the internet" → "internet"; "A in ns1" → "ns1/A". */
function endpoint(name: string, namespace: string | undefined): string {
  const n = name.replace(/^the\s+/i, '').toLowerCase() === 'internet' ? 'internet' : name;
  return namespace ? `${namespace}/${n}` : n;
}

function endpointProblem(names: string[]): ParseFailure | undefined {
  for (const n of names) if (!isEndpoint(n)) return { error: `${quoted(n)} is not a workload name (use name, namespace/name, deployment/name, an IP or "the internet").` };
  return undefined;
}

function portPart(port: number | undefined, protocol: Protocol | undefined): string {
  if (port !== undefined) return ` on ${port}${protocol ? `/${protocol.toLowerCase()}` : ''}`;
  return protocol ? ` over ${protocol.toLowerCase()}` : '';
}

const where = (c: { namespace?: string; cluster?: string }) => `${inNamespace(c.namespace)}${onCluster(c.cluster)}`;

export type NetworkPolicyCommand =
  | { kind: 'networkPolicies'; namespace?: string; cluster?: string }
  | { kind: 'zeroTrust'; namespace: string; force: boolean; cluster?: string }
  | { kind: 'removeZeroTrust'; namespace: string; cluster?: string }
  | { kind: 'allowFlow'; from: string; to: string; port?: number; protocol?: Protocol; namespace?: string; cluster?: string }
  | { kind: 'canReach'; from: string; to: string; port?: number; protocol?: Protocol; namespace?: string; cluster?: string };

export const networkPolicySpecs: SpecList<NetworkPolicyCommand> = [
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
    format: (c) => `network policies${where(c)}`,
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
    format: (c) => `remove zero-trust ${c.namespace}${onCluster(c.cluster)}`,
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
    format: (c) => `zero-trust ${c.namespace}${c.force ? ' force' : ''}${onCluster(c.cluster)}`,
  },
  {
    kind: 'allowFlow',
    proposesChange: true,
    area: 'Network policy',
    usage: 'allow <from> [in <namespace>] to <to> [on <port>[/udp]] [in <namespace>] [on <cluster>]',
    summary: 'Add an allow rule between two workloads (also across namespaces) under zero-trust.',
    example: 'allow ratings-web to ratings-api on 80',
    keywords: ['allow'],
    parse(input) {
      const { text, protocol } = takeProtocol(input);
      const mod = takeModifiers(text, { on: true, in: true, port: true });
      const m = /^allow\s+(\S+)(?:\s+in\s+(\S+))?\s+to\s+(\S+)$/i.exec(mod.rest);
      if (!m) {
        if (/^allow\s+(?!my\b)\S+(?:\s+\S+)?$/i.test(mod.rest) && !/^allow\s+\d/.test(mod.rest))
          return { error: 'Allow what to reach what? e.g. `allow ratings-web to ratings-api on 80`.' };
        return undefined;
      }
      const port = parsePort(mod.port);
      if (typeof port === 'object') return port;
      // "allow A in ns1 to B in ns2": the trailing "in" belongs to B when A has its own
      const from = m[2] ? `${m[2]}/${m[1]}` : m[1];
      const to = m[2] && mod.namespace ? `${mod.namespace}/${m[3]}` : m[3];
      for (const n of [from, to]) if (!WORKLOAD_REF.test(n) || INTERNET_WORDS.test(n)) return { error: `${quoted(n)} is not a workload name (use name, namespace/name or deployment/name).` };
      return { kind: 'allowFlow', from, to, port, protocol, namespace: m[2] ? undefined : mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `allow ${c.from} to ${c.to}${portPart(c.port, c.protocol)}${where(c)}`,
  },
  {
    kind: 'canReach',
    area: 'Network policy',
    usage: 'can <from> [in <namespace>] reach <to> [on <port>[/udp]] [in <namespace>] [on <cluster>]',
    summary: "Is this flow allowed, by which policy, on the cluster's engine? Ends: workloads of any kind (also across namespaces), an address or CIDR, the internet.",
    example: 'can ratings-web reach ratings-api on 80',
    keywords: ['can', 'can reach'],
    inManifest: true,
    parse(input) {
      const { text, protocol } = takeProtocol(input);
      const mod = takeModifiers(text, { on: true, in: true, port: true });
      const m = /^can\s+((?:the\s+)?\S+)(?:\s+in\s+(\S+))?\s+(?:reach|talk to|connect to|access)\s+((?:the\s+)?\S+)$/i.exec(mod.rest);
      if (!m) return undefined;
      const port = parsePort(mod.port);
      if (typeof port === 'object') return port;
      // "A in ns1 reach B in ns2": the trailing "in" belongs to B when A has its own
      const from = endpoint(m[1], m[2]);
      const to = endpoint(m[3], m[2] ? mod.namespace : undefined);
      const bad = endpointProblem([from, to]);
      if (bad) return bad;
      return { kind: 'canReach', from, to, port, protocol, namespace: m[2] ? undefined : mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `can ${c.from} reach ${c.to}${portPart(c.port, c.protocol)}${where(c)}`,
  },
];
