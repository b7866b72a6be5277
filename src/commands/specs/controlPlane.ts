import { parseDuration } from '../../text/durations.js';
import { quoted } from '../../text/markdown.js';
import { splitList } from '../../text/lists.js';
import { type SpecList, type ParseFailure, durationWord, onCluster, takeModifiers } from '../spec.js';

const forDuration = (ms: number | undefined) => (ms === undefined ? '' : ` for ${durationWord(ms)}`);
const confirmed = (confirm: boolean | undefined) => (confirm ? ' confirm' : '');

export type ControlPlaneCommand =
  | { kind: 'ipRanges'; cluster?: string }
  | { kind: 'allowlistAdd'; ranges: string[]; durationMs?: number; cluster?: string; confirm?: boolean }
  | { kind: 'allowlistMyIp'; durationMs?: number; cluster?: string }
  | { kind: 'allowlistRemove'; ranges: string[]; cluster?: string; confirm?: boolean }
  | { kind: 'ipRangesSet'; ranges: string[]; cluster?: string; confirm?: boolean }
  | { kind: 'ipRangesDisable'; cluster?: string }
  | { kind: 'privateCluster'; cluster?: string };

/** A trailing `confirm` acknowledges a lockout warning (see the lockout guard). */
function takeConfirm(text: string): { text: string; confirm?: boolean } {
  const m = /^(.*\S)\s+(?:--)?confirm(?:ed)?$/i.exec(text);
  return m ? { text: m[1], confirm: true } : { text };
}

function duration(text: string | undefined): number | ParseFailure | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) return { error: `${quoted(text)} is not a duration: use e.g. \`for 30m\`, \`for 2h\`, \`for 1d\`.` };
  if (ms < 60e3 || ms > 30 * 86400e3) return { error: 'A timed entry lasts between 1 minute and 30 days.' };
  return ms;
}

export const controlPlaneSpecs: SpecList<ControlPlaneCommand> = [
  {
    kind: 'ipRanges',
    area: 'Control plane',
    usage: 'ip ranges [on <cluster>]',
    summary: "Who can reach the API server: authorized ranges, the cluster's outbound IPs, timed entries.",
    example: 'who can reach the api server on aks-prod',
    keywords: ['ip ranges', 'allowlist', 'authorized ranges'],
        parse(text) {
      const mod = takeModifiers(text, { on: true });
      return /^(?:show |list )?(?:(?:authorized |api server |api-server )?ip ranges|authorized ranges|allowlist|who can (?:reach|access) the api ?server)$/i.test(
        mod.rest,
      )
        ? { kind: 'ipRanges', cluster: mod.cluster }
        : undefined;
    },
    format: (c) => `ip ranges${onCluster(c.cluster)}`,
  },
  {
    kind: 'allowlistMyIp',
    proposesChange: true,
    area: 'Control plane',
    usage: 'allowlist my ip [for <duration>] [on <cluster>]',
    summary: 'Allow your own public IP: Palisade sends you a one-time link that captures it.',
    example: 'allowlist my ip for 2h',
    keywords: ['allowlist my ip'],
    inManifest: true,
    parse(text) {
      const mod = takeModifiers(text, { on: true, for: true });
      if (!/^(?:allowlist|allow|whitelist|add) my (?:ip|ip address|address)$/i.test(mod.rest)) return undefined;
      const d = duration(mod.duration);
      if (typeof d === 'object') return d;
      return { kind: 'allowlistMyIp', durationMs: d, cluster: mod.cluster };
    },
    format: (c) => `allowlist my ip${forDuration(c.durationMs)}${onCluster(c.cluster)}`,
  },
  {
    kind: 'allowlistAdd',
    proposesChange: true,
    area: 'Control plane',
    usage: 'allowlist <ip|cidr>[, …] [for <duration>] [on <cluster>]',
    summary: "Add ranges to the API server's authorized IP ranges (optionally for a limited time).",
    example: 'allowlist 203.0.113.7 for 2h',
    keywords: ['allowlist', 'whitelist', 'authorize'],
    inManifest: true,
    parse(input) {
      const { text, confirm } = takeConfirm(input);
      const mod = takeModifiers(text, { on: true, for: true });
      const m = /^(?:allowlist|whitelist|authorize|add)(?:\s+(.*?))?(?:\s+to (?:the )?(?:allowlist|ip ranges|authorized ranges))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const ranges = splitList(m[1] ?? '');
      if (ranges.length === 0) return { error: 'Allowlist what? Give an IPv4 address or CIDR: `allowlist 203.0.113.7` or `allowlist my ip`.' };
      const d = duration(mod.duration);
      if (typeof d === 'object') return d;
      return { kind: 'allowlistAdd', ranges, durationMs: d, cluster: mod.cluster, confirm };
    },
    format: (c) => `allowlist ${c.ranges.join(', ')}${forDuration(c.durationMs)}${onCluster(c.cluster)}${confirmed(c.confirm)}`,
  },
  {
    kind: 'allowlistRemove',
    proposesChange: true,
    area: 'Control plane',
    usage: 'remove <cidr>[, …] from allowlist [on <cluster>]',
    summary: 'Remove ranges from the authorized IP ranges.',
    example: 'remove 203.0.113.7/32 from allowlist',
    keywords: ['remove', 'unallowlist', 'revoke'],
    parse(input) {
      const { text, confirm } = takeConfirm(input);
      const mod = takeModifiers(text, { on: true });
      const m = /^(?:remove|delete|revoke|unallowlist)\s*(.*?)(?:\s+from (?:the )?(?:allowlist|ip ranges|authorized ranges|whitelist))?$/i.exec(mod.rest);
      if (!m || /^zero-?trust\b/i.test(m[1])) return undefined;
      if (!/from (?:the )?(?:allowlist|ip ranges|authorized ranges|whitelist)$/i.test(mod.rest) && !/^unallowlist|^revoke/i.test(mod.rest)) return undefined;
      const ranges = splitList(m[1]);
      if (ranges.length === 0) return { error: 'Remove which range? e.g. `remove 203.0.113.7/32 from allowlist`.' };
      return { kind: 'allowlistRemove', ranges, cluster: mod.cluster, confirm };
    },
    format: (c) => `remove ${c.ranges.join(', ')} from allowlist${onCluster(c.cluster)}${confirmed(c.confirm)}`,
  },
  {
    kind: 'ipRangesSet',
    proposesChange: true,
    area: 'Control plane',
    usage: 'set ip ranges <cidr>[, …] [on <cluster>]',
    summary: 'Replace the authorized IP ranges with exactly this list.',
    example: 'set ip ranges 10.0.0.0/32',
    keywords: ['set ip ranges', 'set'],
    parse(input) {
      const { text, confirm } = takeConfirm(input);
      const mod = takeModifiers(text, { on: true });
      const m = /^set (?:the )?(?:authorized |api server )?(?:ip )?ranges?(?:\s+to)?(?:\s+(.*))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const ranges = splitList(m[1] ?? '');
      if (ranges.length === 0) return { error: 'Set them to what? e.g. `set ip ranges 203.0.113.0/24`; to open the API server use `disable ip ranges`.' };
      return { kind: 'ipRangesSet', ranges, cluster: mod.cluster, confirm };
    },
    format: (c) => `set ip ranges ${c.ranges.join(', ')}${onCluster(c.cluster)}${confirmed(c.confirm)}`,
  },
  {
    kind: 'ipRangesDisable',
    proposesChange: true,
    area: 'Control plane',
    usage: 'disable ip ranges [on <cluster>]',
    summary: 'Turn authorized IP ranges off: the API server is open to the internet again (needs a second approver).',
    example: 'disable ip ranges on aks-workshop',
    keywords: ['disable ip ranges', 'clear ip ranges'],
    parse(text) {
      const mod = takeModifiers(text, { on: true });
      return /^(?:disable|clear|turn off|remove all) (?:the )?(?:authorized |api server )?(?:ip ranges|authorized ranges|allowlist)$/i.test(mod.rest)
        ? { kind: 'ipRangesDisable', cluster: mod.cluster }
        : undefined;
    },
    format: (c) => `disable ip ranges${onCluster(c.cluster)}`,
  },
  {
    kind: 'privateCluster',
    area: 'Control plane',
    usage: 'private cluster [on <cluster>]',
    summary: 'Is the API server private? What that means, and the real options for a public cluster.',
    example: 'is aks-workshop private',
    keywords: ['private cluster', 'private'],
    parse(text) {
      const mod = takeModifiers(text, { on: true });
      if (/^(?:private cluster|private api server|is it private)$/i.test(mod.rest)) return { kind: 'privateCluster', cluster: mod.cluster };
      const m = /^is ([a-z0-9][a-z0-9._-]*) (?:a )?private(?: cluster)?$/i.exec(mod.rest);
      return m ? { kind: 'privateCluster', cluster: m[1] } : undefined;
    },
    format: (c) => `private cluster${onCluster(c.cluster)}`,
  },
];
