import type { Severity } from '../../domain.js';
import { type CommandSpec, takeModifiers } from '../spec.js';

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

export const imagesSpecs: CommandSpec<ImagesCommand>[] = [
  {
    kind: 'defenderStatus',
    area: 'Images',
    usage: 'defender [status] [on <cluster> | in <subscription>]',
    summary: 'Microsoft Defender plans (Containers; legacy ContainerRegistry/KubernetesService) and what is scanned.',
    example: 'defender status',
    keywords: ['defender', 'defender status'],
        parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      return /^(?:show )?(?:microsoft )?defender(?: status| plans?)?$/i.test(mod.rest)
        ? { kind: 'defenderStatus', cluster: mod.cluster, subscription: mod.namespace }
        : undefined;
    },
  },
  {
    kind: 'defenderSet',
    area: 'Images',
    usage: 'enable | disable defender for containers [on <cluster> | in <subscription>]',
    summary: 'Turn the Defender for Containers plan on (billed per vCore) or off (needs a second approver).',
    example: 'enable defender for containers',
    keywords: ['enable defender', 'disable defender'],
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(enable|disable|turn on|turn off) (?:microsoft )?defender(?: for containers)?$/i.exec(mod.rest);
      if (!m) return undefined;
      return { kind: 'defenderSet', enabled: /enable|on/i.test(m[1]), cluster: mod.cluster, subscription: mod.namespace };
    },
  },
  {
    kind: 'vulnerabilities',
    area: 'Images',
    usage: 'vulnerabilities [registry|repository|image] [severity high+] [fixable] [running] [on <cluster>]',
    summary: 'Image vulnerability findings, by severity, joined with what the cluster runs now.',
    example: 'vulnerabilities running on aks-prod',
    keywords: ['vulnerabilities', 'vulns', 'scan results', 'cves'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, in: true });
      const m = /^(?:show )?(?:vulnerabilities|vulns|vulnerability findings|scan results|cves|findings)(?:\s+(.*))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const cmd: Extract<ImagesCommand, { kind: 'vulnerabilities' }> = {
        kind: 'vulnerabilities', fixable: false, running: false, page: 1, cluster: mod.cluster, subscription: mod.namespace,
      };
      const words = (m[1] ?? '').split(/\s+/).filter(Boolean);
      for (let i = 0; i < words.length; i++) {
        const w = words[i].toLowerCase();
        if (w === 'fixable') cmd.fixable = true;
        else if (w === 'running') cmd.running = true;
        else if (w === 'severity' || w === 'sev') {
          const s = (words[++i] ?? '').toLowerCase().replace(/\+$/, '') as Severity;
          if (!SEVERITIES.includes(s)) return { error: 'Severity is one of critical, high, medium, low, e.g. `vulnerabilities severity high+`.' };
          cmd.minSeverity = s;
        } else if (/^(critical|high|medium|low)\+?$/.test(w)) cmd.minSeverity = w.replace(/\+$/, '') as Severity;
        else if (w === 'page' && /^\d+$/.test(words[i + 1] ?? '')) cmd.page = Number(words[++i]);
        else if (cmd.target === undefined && /^[a-z0-9][a-z0-9._\/:@-]*$/i.test(w)) cmd.target = words[i];
        else return { error: `I don't understand "${words[i]}" here. Usage: vulnerabilities [image] [severity high+] [fixable] [running].` };
      }
      return cmd;
    },
  },
];
