import { parseDuration } from '../../text/durations.js';
import { quoted } from '../../text/markdown.js';
import { type CommandSpec, isName, type ParseFailure, takeModifiers } from '../spec.js';

/** Posture areas a trend can narrow to (the areas of `status`). */
export type TrendArea = 'controlPlane' | 'exposure' | 'networkPolicy' | 'images';

export type TrendCommand = { kind: 'trend'; area?: TrendArea; cluster?: string; days?: number };

export const TREND_DEFAULT_DAYS = 30;
/** History keeps 90 days (src/posture/history.ts). */
export const TREND_MAX_DAYS = 90;

/** How each area is written back by format(); the parser also reads the aliases. */
export const TREND_AREA_WORDS: Record<TrendArea, string> = {
  controlPlane: 'control plane',
  exposure: 'exposure',
  networkPolicy: 'network policy',
  images: 'images',
};

const AREA_ALIASES: Array<[RegExp, TrendArea]> = [
  [/^(?:control[ -]?plane|api server|api|cp)$/i, 'controlPlane'],
  [/^(?:(?:workload )?exposure|workloads?|services)$/i, 'exposure'],
  [/^(?:network[ -]?polic(?:y|ies)|netpol|network)$/i, 'networkPolicy'],
  [/^(?:images?|vulnerabilities|defender)$/i, 'images'],
];

const DAY_MS = 86_400_000;

function days(text: string | undefined): number | ParseFailure | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) return { error: `${quoted(text)} is not a time span: use e.g. \`for 30d\`, \`for 2w\`, \`for 90d\`.` };
  const d = ms / DAY_MS;
  if (!Number.isInteger(d) || d < 2) return { error: `A trend needs whole days, at least 2: e.g. \`for 7d\` (you said ${quoted(text)}).` };
  if (d > TREND_MAX_DAYS) return { error: `I keep ${TREND_MAX_DAYS} days of posture history: use \`for ${TREND_MAX_DAYS}d\` or less.` };
  return d;
}

export function formatTrend(c: TrendCommand): string {
  return `trend${c.area ? ` ${TREND_AREA_WORDS[c.area]}` : ''}${c.cluster ? ` on ${c.cluster}` : ''}${c.days !== undefined ? ` for ${c.days}d` : ''}`;
}

// Not annotated: `format` rides along for the grammar's format(command) round trip.
const trendSpec = {
  kind: 'trend' as const,
  area: 'General' as const,
  usage: 'trend [control plane|exposure|network policy|images] [on <cluster>] [for <days>d]',
  summary: 'The posture score over time (30 days by default) and the changes that moved it.',
  example: 'trend on aks-prod',
  keywords: ['trend', 'trends', 'score trend'],
  parse(text: string): TrendCommand | ParseFailure | undefined {
    const mod = takeModifiers(text, { on: true, for: true });
    const m = /^(?:show |(?:security |posture |score )+)?(?:trend|trends)(?: of| for| in)?(?: (.+))?$/i.exec(mod.rest);
    if (!m) return undefined;
    let cluster = mod.cluster;
    let duration = mod.duration;
    // "trend for aks-prod": a name where a span would be is the cluster
    if (duration !== undefined && parseDuration(duration) === undefined && isName(duration) && !cluster && !/^\d/.test(duration)) {
      cluster = duration;
      duration = undefined;
    }
    let area: TrendArea | undefined;
    if (m[1] !== undefined) {
      area = AREA_ALIASES.find(([re]) => re.test(m[1].trim()))?.[1];
      if (!area) return { error: `${quoted(m[1])} is not a posture area: use control plane, exposure, network policy or images, e.g. \`trend images on aks-prod\`.` };
    }
    const d = days(duration);
    if (typeof d === 'object') return d;
    return { kind: 'trend', area, cluster, days: d };
  },
  format: formatTrend,
};

export const trendSpecs: CommandSpec<TrendCommand>[] = [trendSpec];
