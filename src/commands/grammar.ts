import { type CommandSpec, isFailure } from './spec.js';
import { levenshtein } from '../text/distance.js';
import { MAX_COMMAND_LENGTH, normalize } from './normalize.js';
import { code, quoted } from '../text/markdown.js';
import { type GeneralCommand, generalSpecs } from './specs/general.js';
import { type ApprovalsCommand, approvalsSpecs } from './specs/approvals.js';
import { type ControlPlaneCommand, controlPlaneSpecs } from './specs/controlPlane.js';
import { type WorkloadCommand, workloadSpecs } from './specs/workloads.js';
import { type NetworkPolicyCommand, networkPolicySpecs } from './specs/networkPolicy.js';
import { type ImagesCommand, imagesSpecs } from './specs/images.js';
import { type DigestCommand, digestSpecs } from './specs/digests.js';
import { type TrendCommand, trendSpecs } from './specs/trend.js';

/** Every command Palisade understands: a closed union, one member per spec. */
export type Command = GeneralCommand | ApprovalsCommand | ControlPlaneCommand | WorkloadCommand | NetworkPolicyCommand | ImagesCommand | DigestCommand | TrendCommand;
export type CommandKind = Command['kind'];
export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;

/** In match order: more specific phrasings first (e.g. "allowlist my ip" before "allowlist <ip>"). */
export const SPECS: CommandSpec<Command>[] = [
  ...trendSpecs, // before `status`, which would read "posture trend" as the status of a cluster named trend
  ...generalSpecs,
  ...approvalsSpecs,
  ...controlPlaneSpecs,
  ...workloadSpecs,
  ...networkPolicySpecs,
  ...imagesSpecs,
  ...digestSpecs,
] as CommandSpec<Command>[];

const BY_KIND = new Map(SPECS.map((s) => [s.kind, s]));

/** The spec of a command kind (every kind has exactly one). */
export function specOf(kind: CommandKind): CommandSpec<Command> {
  return BY_KIND.get(kind)!;
}

/** The canonical text of a command; `parse(format(c))` gives `c` back. */
export function format(command: Command): string {
  return specOf(command.kind).format(command);
}

/** A command with another cluster, spelled back (for "on <cluster>" choices). */
export function formatOn(command: Command, cluster: string): string {
  return format({ ...command, cluster } as Command);
}

export type ParseResult =
  | { ok: true; command: Command }
  | { ok: false; reply: string; suggestions: string[]; usage?: string };

/** Pure: the text of a chat message → a typed command, or a reply that helps. */
export function parse(raw: string): ParseResult {
  const text = normalize(raw ?? '');
  if (!text) return { ok: false, reply: 'Say `help` to see what I can do, or `status` for the security posture of your cluster.', suggestions: ['help', 'status'] };
  if (text.length > MAX_COMMAND_LENGTH)
    return { ok: false, reply: `That message is ${text.length} characters long; commands are short, e.g. \`status\`. Say \`help\` for the list.`, suggestions: ['help'] };
  for (const spec of SPECS) {
    const r = spec.parse(text);
    if (r === undefined) continue;
    if (isFailure(r)) return { ok: false, reply: r.error, suggestions: [spec.example], usage: spec.usage };
    return { ok: true, command: r };
  }
  const suggestions = didYouMean(text);
  return {
    ok: false,
    reply: suggestions.length
      ? `I don't know ${quoted(text)}. Did you mean ${suggestions.map(code).join(' or ')}?`
      : `I don't know ${quoted(text)}. Say \`help\` to see what I can do.`,
    suggestions: suggestions.length ? suggestions : ['help'],
  };
}

/** Does this command text propose a change (plan → approval), rather than show something? */
export function proposesChange(text: string): boolean {
  const parsed = parse(text);
  return parsed.ok && Boolean(SPECS.find((s) => s.kind === parsed.command.kind)?.proposesChange);
}

/** Nearest commands by their leading words, for typos like "stauts" or "alowlist 1.2.3.4". */
export function didYouMean(text: string): string[] {
  const lower = text.toLowerCase();
  const words = lower.split(' ');
  const scored: Array<{ spec: CommandSpec<Command>; d: number }> = [];
  for (const spec of SPECS) {
    let best = Infinity;
    for (const kw of spec.keywords) {
      const n = kw.split(' ').length;
      const head = words.slice(0, n).join(' ');
      const d = levenshtein(head, kw);
      if (d <= Math.max(1, Math.floor(kw.length / 3))) best = Math.min(best, d);
    }
    if (best < Infinity) scored.push({ spec, d: best });
  }
  const rest = words.slice(1).join(' ');
  // Re-use the user's arguments when the corrected command parses with them; those suggestions come first
  const ranked = scored.map(({ spec, d }) => {
    const candidate = `${spec.keywords[0]}${rest ? ` ${rest}` : ''}`;
    const r = spec.parse(candidate);
    const fits = r !== undefined && !isFailure(r);
    return { suggestion: fits ? spec.format(r) : spec.example, rank: d + (fits ? 0 : 10) };
  });
  ranked.sort((a, b) => a.rank - b.rank);
  const out: string[] = [];
  for (const { suggestion } of ranked) {
    if (!out.includes(suggestion)) out.push(suggestion);
    if (out.length === 2) break;
  }
  return out;
}
