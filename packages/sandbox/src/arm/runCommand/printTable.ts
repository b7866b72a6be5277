import type { Json } from '../../world.js';

/** kubectl's human-readable output from a server-side Table: upper-case headers, columns 3 spaces apart. */
export function printTable(table: Json, opts: { withNamespace: boolean; wide: boolean; kindPrefix?: string; showLabels: boolean }): string {
  const cols = (table.columnDefinitions ?? []).map((c: Json, i: number) => ({ ...c, i })).filter((c: Json) => opts.wide || !c.priority);
  const header = [...(opts.withNamespace ? ['NAMESPACE'] : []), ...cols.map((c: Json) => String(c.name).toUpperCase()), ...(opts.showLabels ? ['LABELS'] : [])];
  const rows: string[][] = (table.rows ?? []).map((r: Json) => {
    const cells = cols.map((c: Json) => {
      const v = String(r.cells[c.i] ?? '');
      return c.format === 'name' && opts.kindPrefix ? `${opts.kindPrefix}/${v}` : v;
    });
    const labels = Object.entries(r.object?.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
    return [...(opts.withNamespace ? [r.object?.metadata?.namespace ?? ''] : []), ...cells, ...(opts.showLabels ? [labels] : [])];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3))).join('').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
