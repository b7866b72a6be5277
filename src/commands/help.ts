import type { Area } from './spec.js';
import { SPECS } from './grammar.js';

export interface HelpEntry {
  kind: string;
  area: Area;
  usage: string;
  summary: string;
  example: string;
  inManifest: boolean;
}

/** Generated from the grammar, so help, the manifest and the parser never disagree. */
export function helpEntries(): HelpEntry[] {
  return SPECS.map((s) => ({ kind: s.kind, area: s.area, usage: s.usage, summary: s.summary, example: s.example, inManifest: Boolean(s.inManifest) }));
}

export function helpSections(topic?: string): Array<{ area: Area; commands: HelpEntry[] }> {
  const entries = helpEntries().filter(
    (e) => !topic || e.area.toLowerCase().includes(topic) || e.usage.toLowerCase().includes(topic) || e.kind.toLowerCase().includes(topic),
  );
  const areas = [...new Set(entries.map((e) => e.area))];
  return areas.map((area) => ({ area, commands: entries.filter((e) => e.area === area) }));
}
