import { type CommandSpec, takeModifiers } from '../spec.js';
import { quoted } from '../../text/markdown.js';

export type ApprovalsCommand = { kind: 'audit'; limit: number; cluster?: string } | { kind: 'approvals' };

export const approvalsSpecs: CommandSpec<ApprovalsCommand>[] = [
  {
    kind: 'audit',
    area: 'Approvals',
    usage: 'audit [n] [on <cluster>]',
    summary: 'The latest entries of the audit log: requests, decisions, applies, reverts.',
    example: 'audit 20 on aks-workshop',
    keywords: ['audit', 'audit log', 'history'],
        parse(text) {
      const mod = takeModifiers(text, { on: true });
      const m = /^(?:audit|audit log|history)(?:\s+(\S+))?$/i.exec(mod.rest);
      if (!m) return undefined;
      const limit = m[1] === undefined ? 10 : Number(m[1]);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { error: `${quoted(m[1])} is not a count: use 1–100, e.g. \`audit 20\`.` };
      return { kind: 'audit', limit, cluster: mod.cluster };
    },
  },
  {
    kind: 'approvals',
    area: 'Approvals',
    usage: 'approvals',
    summary: 'Pending change requests waiting for approval.',
    example: 'approvals',
    keywords: ['approvals', 'pending'],
    parse(text) {
      return /^(?:pending )?(?:approvals|requests|pending)$/i.test(text) ? { kind: 'approvals' } : undefined;
    },
  },
];
