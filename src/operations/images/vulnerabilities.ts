import { format } from '../../commands/grammar.js';
import { z } from 'zod';
import type { Severity } from '../../domain.js';
import type { VulnFilters } from './report.js';

/** A paging button's data: the page and the filters, in short keys (Teams sends it back as is). */
export interface VulnPageData {
  page: number;
  f: { t?: string; s?: string; x?: 1; r?: 1; c?: string; sub?: string };
}

/** Everything that defines one vulnerabilities card; a paging click rebuilds it from the button's data. */
export interface VulnQuery {
  filters: VulnFilters;
  page: number;
  cluster?: string;
  subscription?: string;
}

/** The `vulnerabilities …` command for this query, spelled by the grammar. */
export function commandText(q: VulnQuery, cluster?: string, page?: number): string {
  const f = q.filters;
  return format({
    kind: 'vulnerabilities',
    target: f.target,
    minSeverity: f.minSeverity === 'info' ? undefined : f.minSeverity,
    fixable: Boolean(f.fixable),
    running: Boolean(f.running),
    page: page ?? 1,
    cluster,
    subscription: cluster ? undefined : q.subscription,
  });
}

export function pageData(q: VulnQuery, page: number): VulnPageData {
  const f = q.filters;
  return {
    page,
    f: {
      ...(f.target ? { t: f.target } : {}),
      ...(f.minSeverity ? { s: f.minSeverity } : {}),
      ...(f.fixable ? { x: 1 as const } : {}),
      ...(f.running ? { r: 1 as const } : {}),
      ...(q.cluster ? { c: q.cluster } : {}),
      ...(!q.cluster && q.subscription ? { sub: q.subscription } : {}),
    },
  };
}

const PAGE_DATA = z.object({
  page: z.coerce.number().int().min(1).max(100_000),
  f: z
    .object({
      t: z.string().min(1).max(300).optional(),
      s: z.enum(['critical', 'high', 'medium', 'low', 'info']).optional(),
      x: z.coerce.number().optional(),
      r: z.coerce.number().optional(),
      c: z.string().min(1).max(100).optional(),
      sub: z.string().min(1).max(100).optional(),
    })
    .default({}),
});

/** Button data → query; undefined for data this version did not make. */
export function queryFromPageData(data: unknown): VulnQuery | undefined {
  const parsed = PAGE_DATA.safeParse(data);
  if (!parsed.success) return undefined;
  const { page, f } = parsed.data;
  return {
    page,
    cluster: f.c,
    subscription: f.sub,
    filters: { target: f.t, minSeverity: f.s as Severity | undefined, fixable: f.x === 1, running: f.r === 1 },
  };
}
