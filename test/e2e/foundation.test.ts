import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, cardOf, startTestBot, type TestBot, repliesText } from '../helpers/bot.js';

const text = repliesText;

describe('the bot over HTTP: commands and bad input', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('GET /healthz answers', async () => {
    const res = await fetch(`${bot.app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'sandbox' });
  });

  it('help is generated from the registry, by area', async () => {
    const { replies } = await bot.say('help');
    const t = text(replies);
    for (const area of ['General', 'Control plane', 'Workloads', 'Network policy', 'Images', 'Digests', 'Approvals']) expect(t).toContain(area);
    expect(t).toContain('allowlist ‹ip|cidr›');
  });

  it('clusters lists every cluster of every subscription', async () => {
    const t = text((await bot.say('clusters')).replies);
    expect(t).toContain('aks-workshop');
    expect(t).toContain('aks-prod');
    expect(t).toMatch(/aks-prod\nProduction · prod-rg/); // the subscription by the name people know
  });

  it('use cluster sets the conversation default; on <cluster> still wins', async () => {
    const conv = 'conv-use-cluster';
    expect(text((await bot.say('use cluster aks-prod', ALICE, conv)).replies)).toMatch(/Using aks-prod here/);
    expect(text((await bot.say('status', ALICE, conv)).replies)).toMatch(/aks-prod/);
    expect(text((await bot.say('status on aks-workshop', ALICE, conv)).replies)).toMatch(/aks-workshop/);
    expect(text((await bot.say('status')).replies)).toMatch(/aks-workshop/);
  });

  it('a typo is read as the command it misspells, and the reading is shown', async () => {
    const { replies } = await bot.say('stauts');
    expect(text(replies)).toMatch(/Read as: `status`/);
    expect(text(replies)).toMatch(/aks-workshop/);
  });

  it('words that are no command get the nearest commands as buttons', async () => {
    const { replies } = await bot.say('make me a sandwich with extra cheese');
    expect(text(replies)).toMatch(/I don't know/);
    expect(JSON.stringify(cardOf(replies[0].activity))).toContain('"verb":"choose"');
  });

  it('an unknown cluster gets the list to choose from', async () => {
    const t = text((await bot.say('status on aks-wrokshop')).replies);
    expect(t).toMatch(/can't see a cluster named "aks-wrokshop". Did you mean aks-workshop/);
    expect(t).toContain('aks-prod');
  });

  it('empty text, mentions only, and a 20 KB message get a clear reply', async () => {
    expect(text((await bot.say('')).replies)).toMatch(/Say `help`/);
    expect(text((await bot.say('<at>Palisade</at>')).replies)).toMatch(/Say `help`/);
    const big = await bot.say(`status ${'x'.repeat(20 * 1024)}`);
    expect(big.status).toBe(200);
    expect(text(big.replies)).toMatch(/commands are short/);
  });

  it('malformed activity JSON is a 400, and the bot keeps working', async () => {
    expect((await bot.post('{"type": "message", "text": ', true)).status).toBe(400);
    expect((await bot.post({ text: 'no type' })).status).toBe(400);
    expect((await bot.post([1, 2, 3])).status).toBe(400);
    expect((await bot.say('help')).replies).toHaveLength(1);
  });

  it('an invoke nobody handles gets 501; an unknown card verb a clear answer', async () => {
    const res = await bot.post(bot.activity('invoke', ALICE, { name: 'composeExtension/query', value: {} }));
    expect(res.status).toBe(501);
    const verb = await bot.click('frobnicate', { planId: 'x' });
    expect(verb.status).toBe(200);
    expect(verb.body.value).toMatch(/don't know the button "frobnicate"/);
  });

  it('a choice button runs its command', async () => {
    const before = bot.connector.sent.length;
    const res = await bot.click('choose', { choice: 'status on aks-prod' });
    expect(res.body.value).toMatch(/status on aks-prod/);
    const sent = bot.connector.sent.slice(before);
    expect(text(sent)).toMatch(/aks-prod/);
  });

  it('installing the app says hello', async () => {
    const before = bot.connector.sent.length;
    await bot.post(bot.activity('installationUpdate', ALICE, { action: 'add' }));
    expect(text(bot.connector.sent.slice(before))).toMatch(/Hi, I am Palisade/);
  });

  it('a user error is shown as is; an internal error only as a reference', async () => {
    const user = text((await bot.say('remove 192.0.2.1/32 from allowlist')).replies);
    expect(user).toMatch(/is not in the authorized ranges of aks-workshop/);
    // break the ARM endpoint for one call: the chat gets a ref, never the stack or a token
    bot.app.sandbox!.arm.faults.add({ method: 'GET', pathIncludes: 'managedClusters', status: 500, times: 20 });
    bot.app.services.clusters.invalidate();
    // ARM's retries take longer than a message turn's answer: the reply comes after the POST was answered
    const before = bot.connector.sent.length;
    await bot.say('clusters');
    const reply = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /ref [0-9a-f]{8}/.test(text([s]))), 30_000);
    bot.app.sandbox!.arm.faults.clear();
    const internal = text([reply]);
    expect(internal).toMatch(/ref [0-9a-f]{8}/);
    expect(internal).not.toMatch(/sandbox-arm-token|at .*\.ts:/);
  });
});
