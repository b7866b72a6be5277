import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardText, startTestBot, type TestBot } from '../helpers/bot.js';

describe('status through the bot, on the sandbox', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('shows the workshop cluster as the workshop leaves it', async () => {
    const { status, replies } = await bot.say('<at>Palisade</at> status');
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    const text = cardText(cardOf(replies[0].activity));
    expect(text).toContain('aks-workshop');
    expect(text).toMatch(/open to the internet/i);
    expect(text).toMatch(/ratings-web \(ratingsapp\) is public to the whole internet/);
    expect(text).toMatch(/No network policy engine/);
    expect(text).toMatch(/Namespace ratingsapp has no default-deny/);
    expect(text).toMatch(/Defender for Containers is off/);
  });

  it('shows aks-prod with its vulnerable images', async () => {
    const { replies } = await bot.say('status on aks-prod');
    const text = cardText(cardOf(replies[0].activity));
    expect(text).toContain('aks-prod');
    expect(text).toMatch(/vulnerable image\(s\) in the registry/);
    expect(text).not.toMatch(/open to the internet/i);
  });
});
