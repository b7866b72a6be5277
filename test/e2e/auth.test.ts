import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRanges, PROD, WORKSHOP } from '../helpers/azure.js';
import { ALICE, BOB, MALLORY, cardOf, cardText, planIdOf, startTestBot, type TestBot } from '../helpers/bot.js';
import { startBotChannel, type BotChannel } from '@palisade/sandbox/botChannel.js';

const APP = '00000000-0000-4000-8000-00000000b07a';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/**
 * Palisade in Azure mode (on the emulated Azure), with a bot identity: botbuilder validates every request's token
 * against the channel's OpenID metadata and keys, served by a local emulator, and signs its replies with a token
 * from the (emulated) managed identity. No label decides any of it.
 */
describe('authentication in Azure mode: real token validation', () => {
  let identity: BotChannel;
  let bot: TestBot;

  beforeAll(async () => {
    identity = await startBotChannel();
    // A UserAssignedMSI bot on App Service gets its outgoing token here (read by @azure/identity when it runs)
    process.env.IDENTITY_ENDPOINT = identity.identityEndpoint;
    process.env.IDENTITY_HEADER = identity.identityHeader;
    bot = await startTestBot(
      {
        AZURE_SUBSCRIPTION_IDS: `${WORKSHOP.subscriptionId},${PROD.subscriptionId}`,
        MicrosoftAppId: APP,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
        PALISADE_PUBLIC_URL: 'https://palisade.example.com',
        PALISADE_OPERATORS: `user:${ALICE.aadObjectId}`,
        PALISADE_APPROVERS: `user:${BOB.aadObjectId}`,
        PALISADE_EGRESS_IPS: '203.0.113.7',
        NODE_ENV: 'development',
      },
      { botAuth: { channelOpenIdMetadataUrl: identity.metadataUrl, emulatorOpenIdMetadataUrl: identity.metadataUrl } },
    );
  });
  afterAll(async () => {
    await bot?.closeAll();
    await identity?.close();
  });

  const token = (over: Record<string, unknown> = {}, signer: 'channel' | 'attacker' | 'none' = 'channel') =>
    `Bearer ${identity.channelToken(APP, bot.connector.url, over, signer)}`;

  it('runs in Azure mode with tokens validated', () => {
    expect(bot.config.mode).toBe('azure');
    expect(bot.config.bot.appType).toBe('UserAssignedMSI');
  });

  it('a valid channel token is answered, and the reply carries the bot’s own token', async () => {
    const res = await bot.say('help', ALICE, undefined, undefined, token());
    expect(res.status).toBe(200);
    expect(res.replies).toHaveLength(1);
    expect(cardText(cardOf(res.replies[0].activity))).toMatch(/Palisade commands/);
    expect(res.replies[0].authorization).toBe(`Bearer ${identity.issued.at(-1)}`);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['an unsigned token (alg none)', () => token({}, 'none')],
    ['a token signed with another key', () => token({}, 'attacker')],
    ['an expired token', () => token({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['a token for another bot (wrong audience)', () => token({ aud: '99999999-0000-4000-8000-000000000000' })],
    ['a token from another issuer', () => token({ iss: 'https://evil.example.com' })],
    ['a token for another serviceUrl (replies redirected)', () => token({ serviceurl: 'https://evil.example.com/' })],
    ['a header that is not a bearer token', () => 'Basic YWxpY2U6c2VjcmV0'],
  ])('%s is refused with 401 and nothing runs', async (_what, header) => {
    const before = bot.connector.sent.length;
    const res = await bot.say('help', ALICE, undefined, undefined, header());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Unauthorized: this endpoint accepts only requests signed by the Bot Framework.' });
    expect(bot.connector.sent.length).toBe(before);
  });

  it('a forged from.aadObjectId cannot impersonate an approver', async () => {
    const sentBefore = bot.connector.sent.length;
    expect((await bot.say(`allowlist 192.0.2.0/24 on ${PROD.name}`, ALICE, undefined, undefined, token())).status).toBe(200);
    const posted = await bot.connector.waitFor(() => bot.connector.sent.slice(sentBefore).find((s) => s.method === 'POST' && planIdOf(s.activity)));
    const planId = planIdOf(posted.activity)!;
    const activityId = posted.id;
    const before = await readRanges(bot.app, PROD);

    // Mallory, outside Teams, claims to be Bob: unsigned, self-signed, or with a real token of another bot
    for (const header of [undefined, token({}, 'none'), token({}, 'attacker'), token({ aud: '99999999-0000-4000-8000-000000000000' })]) {
      const click = await bot.click('approve', { planId }, BOB, undefined, header);
      expect(click.status).toBe(401);
    }
    expect((await bot.app.services.store.get<any>('plans', planId))!.value.state).toBe('pending');
    expect(await readRanges(bot.app, PROD)).toEqual(before);

    // Mallory with a valid token is herself: not an approver
    const herself = await bot.click('approve', { planId }, MALLORY, undefined, token());
    expect(herself.status).toBe(200);
    expect(cardText(herself.body.value)).toMatch(/not an approver/);

    // Bob, through Teams, approves
    const bob = await bot.click('approve', { planId }, BOB, undefined, token());
    expect(bob.status).toBe(200);
    await bot.connector.waitFor(() => /Applied/.test(cardText(cardOf(bot.connector.latest(activityId)))), 30_000);
    expect(await readRanges(bot.app, PROD)).toContain('192.0.2.0/24');
  });

  it('OpenID metadata failures answer 503 (or 401) with no internal text, and validation recovers', async () => {
    // A fresh Palisade whose key cache is empty: its first request must fetch the channel's metadata
    const fresh = await startTestBot(
      {
        AZURE_SUBSCRIPTION_IDS: WORKSHOP.subscriptionId,
        MicrosoftAppId: APP,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
        PALISADE_PUBLIC_URL: 'https://palisade.example.com',
      },
      { botAuth: { channelOpenIdMetadataUrl: `${identity.metadataUrl}?fresh=1`, emulatorOpenIdMetadataUrl: `${identity.metadataUrl}?fresh=1` }, timings: { authTimeoutMs: 1_000 } },
    );
    try {
      const freshToken = () => `Bearer ${identity.channelToken(APP, fresh.connector.url)}`;
      for (const mode of ['error', 'garbage', 'hang'] as const) {
        identity.setMetadata(mode);
        const fetchesBefore = identity.metadataFetches.count;
        const res = await fresh.say('help', ALICE, undefined, undefined, freshToken());
        expect(identity.metadataFetches.count).toBeGreaterThan(fetchesBefore);
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ error: 'Palisade cannot verify the request’s token right now (the Bot Framework’s signing keys are unreachable); try again shortly.' });
        expect(JSON.stringify(res.body)).not.toMatch(/openID|Failed to load|ECONN|status|stack/i);
        expect(res.replies).toHaveLength(0);
      }
      identity.setMetadata('ok');
      const ok = await fresh.say('help', ALICE, undefined, undefined, freshToken());
      expect(ok.status).toBe(200);
      expect(ok.replies).toHaveLength(1);
    } finally {
      identity.setMetadata('ok');
      await fresh.closeAll();
    }
  });
});
