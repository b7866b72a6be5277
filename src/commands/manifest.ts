/** Turns the command registry's help entries into the Teams manifest's command lists. */

export interface ManifestCommandSource {
  usage: string;
  summary: string;
  area: string;
  /** Registry flag: list this command in Teams' command menu. When no entry has it, all entries qualify. */
  inManifest?: boolean;
}

export interface ManifestCommand {
  title: string;
  description: string;
}

export type ManifestScope = 'personal' | 'team' | 'groupChat';

/** Teams' documented limits (the JSON schema is looser). */
export const MAX_COMMANDS_PER_SCOPE = 10;
export const MAX_TITLE = 32;
export const MAX_DESCRIPTION = 128;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** "allowlist <ip|cidr>[, …] [for <duration>]" → "allowlist <ip|cidr>": optional parts and alternatives dropped. */
export function commandTitle(usage: string): string {
  let out = '';
  let depth = 0;
  for (const ch of usage) {
    if (ch === '[') depth += 1;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  const firstAlternative = out.split(/\s\|\s/)[0];
  return clip(firstAlternative.replace(/\s+/g, ' ').trim(), MAX_TITLE);
}

/**
 * What Teams pastes into the compose box: the command's words without its placeholders ("make <service> internal" →
 * "make internal"), so sending it as is gets a guided answer (which Service?) rather than "I don't know".
 */
export function runnableTitle(usage: string): string {
  const words = commandTitle(usage)
    .replace(/<[^>]*>/g, ' ')
    .replace(/(\S+)\|\S+/g, '$1')
    .replace(/[,…]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && /^(to|at|on|in|for|and|or)$/i.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** At most 10 commands, titles unique, in registry order. */
export function manifestCommands(entries: readonly ManifestCommandSource[]): ManifestCommand[] {
  const flagged = entries.some((e) => e.inManifest) ? entries.filter((e) => e.inManifest) : entries;
  const seen = new Set<string>();
  const out: ManifestCommand[] = [];
  for (const e of flagged) {
    const title = runnableTitle(e.usage);
    if (!title || seen.has(title)) continue;
    seen.add(title);
    out.push({ title, description: clip(e.summary, MAX_DESCRIPTION) });
    if (out.length === MAX_COMMANDS_PER_SCOPE) break;
  }
  return out;
}

export function manifestCommandLists(
  entries: readonly ManifestCommandSource[],
  scopes: ManifestScope[] = ['personal', 'team', 'groupChat'],
): Array<{ scopes: ManifestScope[]; commands: ManifestCommand[] }> {
  return [{ scopes, commands: manifestCommands(entries) }];
}
