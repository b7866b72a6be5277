import { splitList } from '../../text/lists.js';
import { quoted } from '../../text/markdown.js';
import { type SpecList, inNamespace, isName, onCluster, takeModifiers } from '../spec.js';

const where = (c: { namespace?: string; cluster?: string }) => `${inNamespace(c.namespace)}${onCluster(c.cluster)}`;

export type WorkloadCommand =
  | { kind: 'exposure'; service?: string; namespace?: string; cluster?: string }
  | { kind: 'makeInternal'; service: string; subnet?: string; namespace?: string; cluster?: string }
  | { kind: 'makePublic'; service: string; namespace?: string; cluster?: string }
  | { kind: 'restrict'; service: string; ranges: string[]; myIp: boolean; namespace?: string; cluster?: string }
  | { kind: 'unrestrict'; service: string; namespace?: string; cluster?: string };

const SVC_ERROR = (example: string) => ({ error: `Which Service? e.g. \`${example}\`; \`exposure\` lists them.` });

export const workloadSpecs: SpecList<WorkloadCommand> = [
  {
    kind: 'exposure',
    area: 'Workloads',
    usage: 'exposure [service] [in <namespace>] [on <cluster>]',
    summary: 'Every LoadBalancer Service and Ingress: public or internal, IP, ports, source ranges, the NSG rules behind them.',
    example: 'exposure on aks-workshop',
    keywords: ['exposure', 'exposed', 'services'],
        parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:show )?(?:exposure|what is exposed|exposed services|load ?balancers)(?:\s+(?:of\s+)?(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      if (m[1] && !isName(m[1])) return { error: `${quoted(m[1])} is not a Service name.` };
      return { kind: 'exposure', service: m[1], namespace: mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `exposure${c.service ? ` ${c.service}` : ''}${where(c)}`,
  },
  {
    kind: 'makeInternal',
    proposesChange: true,
    area: 'Workloads',
    usage: 'make <service> internal [subnet <name>] [in <namespace>] [on <cluster>]',
    summary: 'Move a LoadBalancer Service to the internal load balancer (private IP, VNet only).',
    example: 'make ratings-web internal',
    keywords: ['make', 'make internal'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^make(?:\s+(.*?))?\s+(?:internal|private)(?:\s+(?:in |on )?subnet\s+(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const service = (m[1] ?? '').replace(/^(?:service|svc)\s+/i, '').trim();
      if (!service) return SVC_ERROR('make ratings-web internal');
      if (!isName(service)) return { error: `${quoted(service)} is not a Service name.` };
      if (m[2] && !isName(m[2])) return { error: `${quoted(m[2])} is not a subnet name.` };
      return { kind: 'makeInternal', service, subnet: m[2], namespace: mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `make ${c.service} internal${c.subnet ? ` subnet ${c.subnet}` : ''}${where(c)}`,
  },
  {
    kind: 'makePublic',
    proposesChange: true,
    area: 'Workloads',
    usage: 'make <service> public [in <namespace>] [on <cluster>]',
    summary: 'Move a Service back to the public load balancer.',
    example: 'make ratings-web public',
    keywords: ['make public'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^make(?:\s+(.*?))?\s+(?:public|external)$/i.exec(mod.rest);
      if (!m) return undefined;
      const service = (m[1] ?? '').replace(/^(?:service|svc)\s+/i, '').trim();
      if (!service) return SVC_ERROR('make ratings-web public');
      if (!isName(service)) return { error: `${quoted(service)} is not a Service name.` };
      return { kind: 'makePublic', service, namespace: mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `make ${c.service} public${where(c)}`,
  },
  {
    kind: 'restrict',
    proposesChange: true,
    area: 'Workloads',
    usage: 'restrict <service> to <cidr>[, …] | my ip [in <namespace>] [on <cluster>]',
    summary: "Keep a Service public but only for these sources (AKS writes the NSG rules).",
    example: 'restrict ratings-web to 99.229.39.194/32',
    keywords: ['restrict'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^restrict(?:\s+(?:access\s+to\s+)?(?:service\s+|svc\s+)?(\S+))?(?:\s+to(?:\s+only)?(?:\s+(.*))?)?$/i.exec(mod.rest);
      if (!m) return undefined;
      const service = m[1];
      if (!service || service.toLowerCase() === 'to') return SVC_ERROR('restrict ratings-web to 99.229.39.194/32');
      if (!isName(service)) return { error: `${quoted(service)} is not a Service name.` };
      const target = (m[2] ?? '').trim();
      if (/^my (?:ip|ip address|address)$/i.test(target)) return { kind: 'restrict', service, ranges: [], myIp: true, namespace: mod.namespace, cluster: mod.cluster };
      const ranges = splitList(target);
      if (ranges.length === 0) return { error: `Restrict ${service} to which sources? e.g. \`restrict ${service} to 99.229.39.194/32\` or \`restrict ${service} to my ip\`.` };
      return { kind: 'restrict', service, ranges, myIp: false, namespace: mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `restrict ${c.service} to ${c.myIp ? 'my ip' : c.ranges.join(', ')}${where(c)}`,
  },
  {
    kind: 'unrestrict',
    proposesChange: true,
    area: 'Workloads',
    usage: 'unrestrict <service> [in <namespace>] [on <cluster>]',
    summary: 'Remove source-range restrictions: the Service is open to the whole internet again.',
    example: 'unrestrict ratings-web',
    keywords: ['unrestrict', 'remove source ranges'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:unrestrict|remove (?:the )?(?:source ranges|restrictions?) (?:from|of|on))(?:\s+(?:service\s+|svc\s+)?(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      if (!m[1]) return SVC_ERROR('unrestrict ratings-web');
      if (!isName(m[1])) return { error: `${quoted(m[1])} is not a Service name.` };
      return { kind: 'unrestrict', service: m[1], namespace: mod.namespace, cluster: mod.cluster };
    },
    format: (c) => `unrestrict ${c.service}${where(c)}`,
  },
];
