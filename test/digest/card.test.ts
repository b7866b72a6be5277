import { describe, expect, it } from 'vitest';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import { clusterView, headlineOf, paginate, renderDigestPage } from '../../src/cards/digest.js';
import { diffPosture, remember } from '../../src/posture/diff.js';
import type { Posture } from '../../src/posture/assess.js';
import { cardText, verbsOf } from '../helpers/bot.js';
import { schemaErrors } from '../cards/schema.js';
import { cluster, posture } from './fixtures.js';

const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function snapshotOf(postures: Posture[]) {
  const changes = postures.map((p) => diffPosture(undefined, p));
  const { headline, tone } = headlineOf(postures, changes);
  return paginate({
    run: 'run-abcdefgh', conversationId: 'c', title: 'Security digest', subtitle: 'Daily at 09:00 UTC', headline, tone,
    overview: postures.map((p) => ({ title: p.cluster.name, value: String(p.score) })),
    clusters: postures.map((p, i) => clusterView(p, changes[i], fmt)),
    approvals: [], expiring: [], notes: [],
  });
}

/** Every Action.Execute button of a card with its title and data. */
function buttons(card: any): Array<{ title: string; verb: string; data: any }> {
  const out: Array<{ title: string; verb: string; data: any }> = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute') out.push({ title: n.title, verb: n.verb, data: n.data });
      Object.entries(n).forEach(([k, v]) => k !== 'fallback' && walk(v));
    }
  };
  walk(card);
  return out;
}

describe('digest card', () => {
  it('findings carry severity, reason, stable id with the CIS control, and a Fix (change) or Details (read) button', () => {
    const p = posture(cluster('aks-a', { open: true }), { services: 1 });
    const q = posture({ ...cluster('aks-b'), authorizedIpRanges: ['10.0.0.0/8'] }, { services: 0 });
    const card = renderDigestPage(snapshotOf([p, q]), 1);
    expect(schemaErrors(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('API server open to the internet');
    expect(text).toContain('id cp.api-open · CIS AKS 5.4.1');
    expect(text).toContain('id np.no-default-deny.team-0 · CIS AKS 5.3.2');
    expect(text).toContain('id wl.public-open.team-0.web-0');
    expect(buttons(card)).toEqual(expect.arrayContaining([
      { title: 'Fix', verb: 'choose', data: { choice: 'allowlist my ip on aks-a' } },
      { title: 'Fix', verb: 'choose', data: { choice: 'make web-0 internal in team-0 on aks-a' } },
      { title: 'Fix', verb: 'choose', data: { choice: 'zero-trust team-0 on aks-a' } },
      { title: 'Fix', verb: 'choose', data: { choice: 'enable defender for containers on aks-a' } },
      { title: 'Details', verb: 'choose', data: { choice: 'ip ranges on aks-b' } },
    ]));
    expect(verbsOf(card)).not.toContain('digestPage');
  });

  it('changes since the last digest: NEW and FIXED rows and the trend', () => {
    const c = cluster('aks-a', { open: true });
    const before = remember(posture(c, { services: 1 }));
    const after = posture({ ...c, authorizedIpRanges: ['198.51.100.0/24'] }, { services: 2 });
    const view = clusterView(after, diffPosture(before, after), fmt);
    expect(view.changes.map((r) => `${r.label} ${r.title}`)).toEqual(['NEW web-1 (team-1) is public to the whole internet', 'FIXED API server open to the internet']);
    expect(view.trend).toBe('No score change since 2026-11-28T08:00 · 1 new, 1 fixed'); // -12 for the Service, +12 for the API server
  });

  it('40 clusters: pages under 28 KB that cover every cluster once, in order, with Show more / Previous', () => {
    const postures = Array.from({ length: 40 }, (_, i) => posture(cluster(`aks-${String(i).padStart(2, '0')}`, { open: i % 2 === 0 }), { services: 1 + (i % 5), namespaces: 1 + (i % 3) }));
    const snap = snapshotOf(postures);
    expect(snap.pages.length).toBeGreaterThan(5);
    expect(snap.pages[0][0]).toBe(0);
    for (let i = 1; i < snap.pages.length; i++) expect(snap.pages[i][0]).toBe(snap.pages[i - 1][1]);
    expect(snap.pages.at(-1)![1]).toBe(40);
    for (let page = 1; page <= snap.pages.length; page++) {
      const card = renderDigestPage(snap, page);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(schemaErrors(card)).toEqual([]);
      const paging = buttons(card).filter((b) => b.verb === 'digestPage');
      expect(paging.map((b) => b.title)).toEqual([...(page > 1 ? ['Previous'] : []), ...(page < snap.pages.length ? ['Show more'] : [])]);
      for (const b of paging) expect(b.data).toEqual({ run: 'run-abcdefgh', page: b.title === 'Previous' ? page - 1 : page + 1 });
    }
    expect(cardText(renderDigestPage(snap, 1))).toContain('All clusters (40), lowest score first');
    expect(cardText(renderDigestPage(snap, 2))).not.toContain('All clusters');
    expect(cardText(renderDigestPage(snap, 99))).toContain(`Page ${snap.pages.length} of ${snap.pages.length}`); // clamped
  });

  it('one huge cluster is trimmed to fit, pointing at status for the rest', () => {
    const p = posture(cluster('aks-big', { open: true }), { services: 60, namespaces: 30 });
    const snap = snapshotOf([p]);
    const card = renderDigestPage(snap, 1);
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(cardText(card)).toMatch(/\d+ more finding\(s\)[^\n]*: say "status on aks-big"/);
  });

  it('no clusters at all still renders a valid card', () => {
    const card = renderDigestPage(snapshotOf([]), 1);
    expect(schemaErrors(card)).toEqual([]);
    expect(cardText(card)).toContain('No clusters to report on.');
  });
});
