import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, MALLORY, cardOf, cardText, planIdOf, repliesText, startTestBot, type TestBot } from '../helpers/bot.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, type Chromium } from '../helpers/browser.js';
import { waitUntil } from '../helpers/waitUntil.js';

const TOKEN_LINK = /\((http:\/\/localhost:\d+\/ip\/([A-Za-z0-9_-]{43}))\)/;

/** `allowlist my ip`: the link's URL (reachable on 127.0.0.1) and its token. */
async function askForLink(bot: TestBot, user = ALICE): Promise<{ url: string; token: string }> {
  const m = TOKEN_LINK.exec(repliesText((await bot.say('allowlist my ip', user)).replies))!;
  return { url: m[1].replace('localhost', '127.0.0.1'), token: m[2] };
}

const plansPosted = (bot: TestBot, from: number) => bot.connector.sent.slice(from).filter((s) => s.method === 'POST' && planIdOf(s.activity));

describe('the capture link: a page whose button records the IP', () => {
  let bot: TestBot;
  let clock = Date.now();
  beforeAll(async () => {
    clock = Date.now();
    bot = await startTestBot({ PALISADE_OPERATORS: `user:${ALICE.aadObjectId}`, PALISADE_TRUSTED_PROXIES: '127.0.0.1' }, { now: () => clock });
  });
  afterAll(async () => {
    await bot?.closeAll();
  });

  it('links go to operators only', async () => {
    const captures = (await bot.app.services.store.list('captures')).length;
    const res = await bot.say('allowlist my ip', MALLORY);
    expect(repliesText(res.replies)).toMatch(/You are not an operator of Palisade/);
    expect(repliesText(res.replies)).not.toMatch(/\/ip\//);
    expect(await bot.app.services.store.list('captures')).toHaveLength(captures);
  });

  it('opening the link (a link scanner, a preview) changes nothing', async () => {
    const { url, token } = await askForLink(bot);
    const before = bot.connector.sent.length;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      const html = await res.text();
      expect(html).toMatch(/<form method="post"><button type="submit">Share my IP address<\/button><\/form>/);
      expect(html).toMatch(/allowlist your IP on aks-workshop/);
    }
    expect((await bot.app.services.store.get<any>('captures', token))!.value.usedAt).toBeUndefined();
    expect(plansPosted(bot, before)).toHaveLength(0);
  });

  it('behind a trusted proxy, X-Forwarded-For is read right to left (the port does not hide the client)', async () => {
    const { url, token } = await askForLink(bot);
    const before = bot.connector.sent.length;
    const res = await fetch(url, { method: 'POST', headers: { 'x-forwarded-for': '6.6.6.6, 8.8.8.8:51234' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Your public IP is 8\.8\.8\.8/);
    expect((await bot.app.services.store.get<any>('captures', token))!.value.ip).toBe('8.8.8.8');
    const plan = await bot.connector.waitFor(() => plansPosted(bot, before)[0]);
    expect(cardText(cardOf(plan.activity))).toMatch(/8\.8\.8\.8\/32/);
  });

  it('expired records are purged', async () => {
    const { token } = await askForLink(bot);
    expect(await bot.app.services.store.get('captures', token)).toBeDefined();
    clock += 10 * 60_000 + 60 * 60_000 + 1_000;
    // The background sweep (every 500 ms in tests) purges it
    await waitUntil(async () => (await bot.app.services.store.get('captures', token)) === undefined, 'the expired capture record is purged');
    expect(await bot.app.services.store.list('captures')).toEqual([]);
  });
});

describe.skipIf(!hasChromium())(`the capture link in a browser (headless Chromium)${hasChromium() ? '' : `: skipped, ${NO_CHROMIUM_REASON}`}`, () => {
  let bot: TestBot;
  let chromium: Chromium;
  beforeAll(async () => {
    bot = await startTestBot();
    chromium = await launchChromium({ allow: /^http:\/\/127\.0\.0\.1:\d+\/ip\// });
  });
  afterAll(async () => {
    await chromium?.close();
    await bot?.closeAll();
  });

  it('the page, the button, the result, and a second click', async () => {
    const { url, token } = await askForLink(bot);
    const before = bot.connector.sent.length;
    const first = await chromium.context.newPage();
    const second = await chromium.context.newPage();
    await first.goto(url);
    await second.goto(url);
    expect(await first.locator('h1').textContent()).toBe('Share your public IP with Palisade');
    expect(await first.locator('dl').textContent()).toMatch(/Requested byAlice/);

    await first.getByRole('button', { name: 'Share my IP address' }).click();
    await first.waitForSelector('h1:has-text("Your public IP is")');
    expect(await first.locator('h1').textContent()).toBe('Your public IP is 203.0.113.7');
    expect(await first.locator('p').first().textContent()).toMatch(/I posted the plan to allowlist your IP on aks-workshop in Teams/);
    const plan = await bot.connector.waitFor(() => plansPosted(bot, before)[0]);
    expect(cardText(cardOf(plan.activity))).toMatch(/203\.0\.113\.7\/32/);

    // The same page open in another tab: its button finds the link used
    await second.getByRole('button', { name: 'Share my IP address' }).click();
    await second.waitForSelector('h1:has-text("Link already used")');
    expect(await second.locator('button').count()).toBe(0);
    expect(plansPosted(bot, before)).toHaveLength(1);
    expect((await bot.app.services.store.get<any>('captures', token))!.value).toMatchObject({ ip: '203.0.113.7', usedAt: expect.any(String) });
  });
});
