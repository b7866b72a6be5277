import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderCard } from '../../src/cards/render.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, renderCardInPage, type Chromium } from '../helpers/browser.js';
import { planPendingSample, SAMPLES, statusSample } from './samples.js';

/** Every Chart.* element of a card and the words of its fallback. */
function chartFallbacks(card: unknown): Array<{ type: string; words: string[] }> {
  const out: Array<{ type: string; words: string[] }> = [];
  const wordsOf = (n: unknown): string[] =>
    Array.isArray(n) ? n.flatMap(wordsOf) : n && typeof n === 'object' ? Object.entries(n).flatMap(([k, v]) => ((k === 'text' || k === 'value') && typeof v === 'string' ? [v] : wordsOf(v))) : [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) out.push({ type: o.type, words: wordsOf(o.fallback) });
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

// CI installs chromium; a developer machine without it gets a clear skip, never a download.
describe.skipIf(!hasChromium())(`cards in the Adaptive Cards renderer (headless Chromium)${hasChromium() ? '' : `: skipped, ${NO_CHROMIUM_REASON}`}`, () => {
  let browser: Chromium;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the status card with the cluster, the open API server and every severity', async () => {
    await renderCardInPage(page, renderCard('status', statusSample.data));
    const text = await page.locator('#card').innerText();
    expect(text).toContain('aks-workshop');
    expect(text).toContain('open to the internet');
    expect(text).toContain('from the whole internet');
    for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'OK']) expect(text).toContain(severity);
    for (const area of ['Control plane', 'Workload exposure', 'Network policy', 'Images']) expect(text).toContain(area);
    expect(text).not.toContain('${');
    // severities are coloured: critical/high red, medium amber, ok green
    const color = (label: string) => page.locator('#card .ac-textBlock', { hasText: new RegExp(`^${label}$`) }).first().evaluate((el) => getComputedStyle(el).color);
    expect(await color('CRITICAL')).toBe('rgb(196, 49, 75)');
    expect(await color('MEDIUM')).toBe('rgb(138, 90, 0)');
    expect(await color('OK')).toBe('rgb(14, 122, 11)');
  });

  it.each(['status', 'trend', 'digest'])('%s: every chart shows its text fallback where the host draws no charts (this renderer)', async (name) => {
    const sample = SAMPLES.find((x) => x.name === name)!;
    const card = renderCard(sample.card, sample.data as never);
    const charts = chartFallbacks(card);
    expect(charts.length).toBeGreaterThan(0);
    await renderCardInPage(page, card);
    const text = await page.locator('#card').innerText();
    for (const chart of charts) {
      expect(chart.words.length, chart.type).toBeGreaterThan(0);
      for (const w of chart.words) expect(text, `${chart.type}: ${w}`).toContain(w);
    }
  });

  it('renders the pending plan with Approve/Reject and collapsible details', async () => {
    await renderCardInPage(page, renderCard('plan', planPendingSample.data));
    const card = page.locator('#card');
    await expect.poll(() => card.getByRole('button', { name: 'Approve' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Reject' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Revert' }).count()).toBe(0);
    expect(await card.innerText()).not.toContain('authorizedIPRanges');
    await card.getByRole('button', { name: 'Show / hide details' }).click();
    expect(await card.innerText()).toContain('authorizedIPRanges');
  });
});

// getComputedStyle runs in the page; declared here because the project compiles without DOM types.
declare function getComputedStyle(el: unknown): { color: string };
