import type { Severity } from '../../domain.js';
import { quoted } from '../../text/markdown.js';
import { type SpecList, onCluster, takeModifiers } from '../spec.js';

const scope = (c: { cluster?: string; subscription?: string }) => `${onCluster(c.cluster)}${c.subscription ? ` in ${c.subscription}` : ''}`;

export type ImagesCommand =
  | { kind: 'defenderStatus'; cluster?: string; subscription?: string }
  | { kind: 'defenderSet'; enabled: boolean; cluster?: string; subscription?: string }
  | {
      kind: 'vulnerabilities';
      target?: string;
      minSeverity?: Severity;
      fixable: boolean;
      running: boolean;
      page: number;
      cluster?: string;
      subscription?: string;
    };

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IMAGE = /^[a-z0-9][a-z0-9._/:@-]*$/i;
/** Words that only make the sentence read well: "vulnerabilities of image ratings-api that are fixable". */
const FILLER = new Set(['for', 'of', 'in', 'the', 'a', 'an', 'any', 'image', 'images', 'repository', 'repositories', 'repo', 'registry', 'only', 'that', 'are', 'is', 'with', 'and', 'now', 'all', 'have', 'has']);

function severityWord(w: string | undefined): Severity | undefined {
  const s = (w ?? '').toLowerCase().replace(/^>=?/, '').replace(/\+$/, '');
  return SEVERITIES.includes(s as Severity) ? (s as Severity) : undefined;
}

export const imagesSpecs: SpecList<ImagesCommand> = [
  {
    kind: 'defenderStatus',
    area: 'Images',
    usage: 'defender [status] [on <cluster> | in <subscription name or id>]',
    summary: 'Microsoft Defender plans per subscription (Containers; legacy ContainerRegistry/KubernetesService) and what is scanned.',
    example: 'defender status',
    keywords: ['defender', 'defender status'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      if (!/^(?:show |is )?(?:microsoft )?defender(?: for containers)?(?: status| plans?| on| enabled)?$/i.test(mod.rest)) return undefined;
      // `in <x>` names a subscription, by id or display name (the handler checks it against those it sees)
      return { kind: 'defenderStatus', cluster: mod.cluster, subscription: mod.namespace };
    },
    format: (c) => `defender status${scope(c)}`,
  },
  {
    kind: 'defenderSet',
    proposesChange: true,
    area: 'Images',
    usage: 'enable | disable defender for containers [on <cluster> | in <subscription name or id>]',
    summary: 'Turn the Defender for Containers plan on (billed per vCore, subscription-wide) or off (needs a second approver).',
    example: 'enable defender for containers',
    keywords: ['enable defender', 'disable defender'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const rest = mod.rest.toLowerCase();
      if (/^(?:enable|disable|turn (?:on|off)|switch (?:on|off)) (?:microsoft )?defender for (?:container )?registr(?:y|ies)$/.test(rest))
        return { error: 'The Defender for Container Registries plan is deprecated: Defender for Containers replaces it and scans registry images too. Say `enable defender for containers`.' };
      const m =
        /^(enable|disable|turn on|turn off|switch on|switch off) (?:microsoft )?defender(?: for containers)?(?: plan)?$/.exec(rest) ??
        /^(?:turn|switch) (?:microsoft )?defender(?: for containers)? (on|off)$/.exec(rest);
      if (!m) return undefined;
      const enabled = m[1] === 'enable' || m[1].endsWith('on');
      return { kind: 'defenderSet', enabled, cluster: mod.cluster, subscription: mod.namespace };
    },
    format: (c) => `${c.enabled ? 'enable' : 'disable'} defender for containers${scope(c)}`,
  },
  {
    kind: 'vulnerabilities',
    area: 'Images',
    usage: 'vulnerabilities [registry|repository|image] [severity high+] [fixable] [running] [page <n>] [on <cluster> | in <subscription name or id>]',
    summary: 'Image vulnerability findings from Defender, by severity, joined with what the cluster runs now.',
    example: 'vulnerabilities running on aks-prod',
    keywords: ['vulnerabilities', 'vulns', 'scan results', 'cves'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:show )?(?:image )?(?:vulnerabilities|vulnerability|vulns|vulnerability findings|scan results|cves|findings)(?:\s+(.*))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const cmd: Extract<ImagesCommand, { kind: 'vulnerabilities' }> = {
        kind: 'vulnerabilities', fixable: false, running: false, page: 1, cluster: mod.cluster,
      };
      // "vulnerabilities in ratings-api" reads naturally: a non-GUID after "in" is the image, not a subscription
      if (mod.namespace && GUID.test(mod.namespace)) cmd.subscription = mod.namespace;
      const words = (m[1] ?? '').split(/\s+/).filter(Boolean);
      if (mod.namespace && !cmd.subscription) words.push(mod.namespace);
      for (let i = 0; i < words.length; i++) {
        const w = words[i].toLowerCase();
        const next = words[i + 1]?.toLowerCase();
        if (['fixable', 'patchable', 'fix', 'fixes', 'fixed'].includes(w)) {
          cmd.fixable = true;
          if (next === 'available') i++;
        } else if (w === 'running' || w === 'deployed') cmd.running = true;
        else if (w === 'severity' || w === 'sev') {
          const s = severityWord(words[++i]);
          if (!s) return { error: 'Severity is one of critical, high, medium, low, e.g. `vulnerabilities severity high+`.' };
          cmd.minSeverity = s;
        } else if (severityWord(w)) {
          cmd.minSeverity = severityWord(w);
          // "high and above", "high or higher"
          if ((next === 'and' || next === 'or') && /^(above|higher|up|worse)$/.test(words[i + 2]?.toLowerCase() ?? '')) i += 2;
        } else if (w === 'page') {
          const n = Number(words[++i]);
          if (!Number.isInteger(n) || n < 1) return { error: 'Pages are numbered from 1, e.g. `vulnerabilities page 2`.' };
          cmd.page = n;
        } else if (w === 'on' && next && cmd.cluster === undefined) cmd.cluster = words[++i];
        else if (w === 'in' && next && GUID.test(next) && cmd.subscription === undefined) cmd.subscription = words[++i];
        else if (FILLER.has(w)) continue;
        else if (cmd.target === undefined && IMAGE.test(w)) {
          if (w.length > 256) return { error: 'That registry, repository or image name is longer than any I know (256 characters at most).' };
          cmd.target = words[i];
        }
        else
          return {
            error: cmd.target
              ? `I can filter on one registry, repository or image at a time (${quoted(cmd.target)}), not also ${quoted(words[i])}.`
              : `I don't understand ${quoted(words[i])} here. Usage: vulnerabilities [image] [severity high+] [fixable] [running].`,
          };
      }
      return cmd;
    },
    format: (c) =>
      ['vulnerabilities', c.target, c.minSeverity && `severity ${c.minSeverity}`, c.fixable && 'fixable', c.running && 'running', c.page > 1 && `page ${c.page}`]
        .filter(Boolean)
        .join(' ') + scope(c),
  },
];
