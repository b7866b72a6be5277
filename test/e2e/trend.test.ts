import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, cardOf, cardText, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import type { ClusterHistory } from '../../src/posture/history.js';
import { historyId } from '../../src/posture/history.js';
import { WORKSHOP } from '../helpers/azure.js';
import { schemaErrors } from '../cards/schema.js';
import path from 'node:path';
import { openSqlite } from '../../src/store/sqliteDriver.js';
import { SQLITE_FILE } from '../../src/store/index.js';

/** Every chart element of a card, wherever it sits. */
function charts(card: unknown): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, any>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function chart(card: unknown, type: string): Record<string, any> {
  const found = charts(card).filter((c) => c.type === type);
  expect(found, type).toHaveLength(1);
  return found[0];
}

async function replyCard(bot: TestBot, text: string): Promise<any> {
  const { status, replies } = await bot.say(text);
  expect(status).toBe(200);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0].activity);
  expect(schemaErrors(card)).toEqual([]);
  expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  return card;
}

describe('posture history on the sandbox: status charts, trend, digest', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('status shows a score gauge and a severity donut, each with a text fallback, and a month of trend at once', async () => {
    const card = await replyCard(bot, 'status');
    const gauge = chart(card, 'Chart.Gauge');
    expect(gauge.min).toBe(0);
    expect(gauge.max).toBe(100);
    expect(gauge.fallback.text).toMatch(new RegExp(`^Posture score ${gauge.value}/100: poor`));
    const donut = chart(card, 'Chart.Donut');
    const high = donut.data.find((d: any) => d.legend === 'High');
    expect(high.value).toBeGreaterThanOrEqual(3);
    expect(donut.fallback.text).toMatch(new RegExp(`^Findings by severity: .*${high.value} high`));
    // the sandbox told Palisade the 30 days before: a line on the very first status
    const line = chart(card, 'Chart.Line');
    expect(line.data[0].values.length).toBeGreaterThanOrEqual(30);
    expect(line.data[0].values.at(-1).y).toBe(gauge.value);
    expect(line.fallback.facts[0].value).toMatch(/ on \d\d-\d\d → \d+ on \d\d-\d\d \(/);
  });

  it('trend on aks-prod answers with the score line and the days that moved it', async () => {
    const card = await replyCard(bot, 'trend on aks-prod');
    const text = cardText(card);
    expect(text).toContain('POSTURE TREND');
    expect(text).toContain('aks-prod');
    const line = chart(card, 'Chart.Line');
    expect(line.data[0].legend).toBe('aks-prod');
    expect(line.data[0].values.length).toBeGreaterThanOrEqual(30);
    expect(line.fallback.type).toBe('FactSet');
    expect(text).toMatch(/What moved it, newest first \(\d+ days? with changes\)/);
    expect(text).toMatch(/\nFIXED\n|\nNEW\n/);
  });

  it('after make ratings-web internal is applied, the next scan’s point is higher and the trend names that change', async () => {
    await bot.say('status');
    await bot.app.services.history.flush();
    const id = historyId(WORKSHOP);
    const stored = async () => (await bot.app.services.store.get<ClusterHistory>('history', id))!.value.points;
    const before = (await stored()).at(-1)!;
    const count = (await stored()).length;

    const { planId, activityId } = await requestPlan(bot, 'make ratings-web internal');
    await bot.click('approve', { planId }, ALICE);
    await bot.app.services.engine.idle();
    expect(await waitForCard(bot, activityId, /Applied|Failed/)).toMatch(/Applied/);

    const card = await replyCard(bot, 'trend');
    await bot.app.services.history.flush();
    const points = await stored();
    const after = points.at(-1)!;
    expect(points).toHaveLength(count + 1);
    expect(after.t).toBeGreaterThanOrEqual(before.t);
    expect(after.s).toBe(before.s + 12);

    expect(chart(card, 'Chart.Line').data[0].values.at(-1).y).toBe(after.s);
    const text = cardText(card);
    const newest = text.slice(text.indexOf('What moved it'));
    expect(newest).toMatch(/▲ \d+\n\d+ → \d+ since \d\d-\d\d\nAPPLIED\nMake ratings-web internal on aks-workshop\nby Alice/);
    expect(newest).toMatch(/FIXED\nratings-web \(ratingsapp\) is public to the whole internet\nwas high · id wl\.public-open\.ratingsapp\.ratings-web/);
  });

  it('a digest shows the 30-day line per cluster, findings by severity per cluster, both with fallbacks', async () => {
    const card = await replyCard(bot, 'digest now');
    const line = chart(card, 'Chart.Line');
    expect(line.title).toBe('Score, last 30 days');
    expect(line.data.map((s: any) => s.legend).sort()).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    for (const s of line.data) expect(s.values.length).toBeGreaterThanOrEqual(30);
    expect(line.fallback.items[1].facts.map((f: any) => f.title).sort()).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    const bars = chart(card, 'Chart.HorizontalBar.Stacked');
    expect(bars.data.map((r: any) => r.title)).toContain('aks-workshop');
    expect(bars.fallback.items[1].facts.length).toBe(bars.data.length);
  });

  // Last: it damages the stored history on purpose
  it('an unreadable history costs the charts of time, never the answer', async () => {
    await bot.app.services.history.flush();
    const db = openSqlite(path.join(bot.dataDir, SQLITE_FILE));
    try {
      db.exec("PRAGMA busy_timeout = 10000; UPDATE docs SET value = '{not json' WHERE collection = 'history'");
    } finally {
      db.close();
    }
    const status = await replyCard(bot, 'status');
    expect(chart(status, 'Chart.Gauge').fallback.text).toMatch(/No history yet/);
    expect(charts(status).map((c) => c.type)).not.toContain('Chart.Line');
    const digest = await replyCard(bot, 'digest now');
    expect(cardText(digest)).toContain('SECURITY DIGEST');
    expect(charts(digest).map((c) => c.type)).toEqual(['Chart.HorizontalBar.Stacked']);
  });
});
