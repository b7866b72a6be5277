import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardOf, cardText, requestPlan, startTestBot, type TestBot, verbsOf, waitForCard } from '../helpers/bot.js';
import { PROD, securityClient, WORKSHOP } from '../helpers/azure.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import { addManyFindings, ASSESSMENT_KEY_MDVM, assessmentId, REGISTRIES, type RegistryRecord } from '@palisade/sandbox/seed/index.js';
import type { Json } from '@palisade/sandbox/world.js';

const PORTAL = `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${ASSESSMENT_KEY_MDVM}`;

/** The severity tiles of a vulnerabilities card: label → number. */
function tiles(card: any): Record<string, number> {
  const out: Record<string, number> = {};
  const set = (card.body as any[]).find((b) => b.type === 'ColumnSet' && b.columns?.some((c: any) => c.items?.[1]?.text === 'Critical'));
  for (const col of set?.columns ?? []) out[col.items[1].text.toLowerCase()] = Number(String(col.items[0].text).replace(/,/g, ''));
  return out;
}

/** Unique (image digest, CVE) pairs in the emulator's wire data, MDVM's severity winning: what the card must count. */
function seededCounts(bot: TestBot, subscriptionId: string): Record<string, number> {
  const sub = bot.app.sandbox!.world.state.subscriptions[subscriptionId];
  const byKey = new Map<string, string>();
  const all = Object.values(sub.subAssessments).flat() as Json[];
  for (const s of all.filter((x) => x.properties.additionalData.assessedResourceType === 'AzureContainerRegistryVulnerability')) {
    const a = s.properties.additionalData;
    byKey.set(`${a.artifactDetails.digest}|${a.vulnerabilityDetails.cveId}`, String(a.vulnerabilityDetails.severity).toLowerCase());
  }
  for (const s of all.filter((x) => x.properties.additionalData.assessedResourceType === 'ContainerRegistryVulnerability')) {
    const a = s.properties.additionalData;
    const key = `sha256:${a.imageDigest}|${a.cve[0].title}`;
    if (!byKey.has(key)) byKey.set(key, String(s.properties.status.severity).toLowerCase());
  }
  const counts: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const sev of byKey.values()) counts[sev]++;
  return counts;
}

async function ask(bot: TestBot, text: string, user = ALICE) {
  const { replies } = await bot.say(text, user);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0].activity);
  expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  return { card, text: cardText(card) };
}

function nextData(card: any): unknown {
  return (card.actions ?? []).find((a: any) => a.verb === 'vulnPage' && a.title === 'Next')?.data;
}

async function tierOf(bot: TestBot, subscriptionId: string): Promise<string | undefined> {
  return (await securityClient(bot.app, subscriptionId).pricings.get('Containers')).pricingTier;
}

describe('Defender plans and image vulnerabilities, through the chat', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('vulnerabilities on aks-prod: counts equal the seeded findings of both scanners, over several subAssessment pages', async () => {
    const expected = seededCounts(bot, PROD.subscriptionId);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBe(28); // 14 MDVM CVEs × 2 images; the 12 Qualys results repeat MDVM's
    const { card, text } = await ask(bot, 'vulnerabilities on aks-prod');
    expect(tiles(card)).toEqual(expected);
    expect(text).toMatch(/28 vulnerabilities in 2 images/);
    expect(text).toMatch(/Qualys, retired \(12 results; 12 repeat MDVM's and are counted once\)/);
    // top CVEs with CVSS and fixed version, per-image rows, a portal link
    expect(text).toMatch(/Top CVEs\nCRITICAL\nCVE-2023-38545 · CVSS 9\.8 · fixed in 7\.88\.1-10\+deb12u4/);
    expect(text).toMatch(/ratings-api:v1 · acrprod\.azurecr\.io\nrunning now in ratingsapp \(1 pod\) · 1 critical, 5 high, 5 medium, 3 low · 10 fixable/);
    expect(text).toMatch(/ratings-web:v1 · acrprod\.azurecr\.io/);
    expect(text).toMatch(/Findings 1–15 of 28 · page 1 of 2/);
    expect(card.actions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Action.OpenUrl', url: PORTAL })]));
    expect(verbsOf(card)).toEqual(['vulnPage']);
  });

  it('vulnerabilities running on aks-prod lists the ratings images the pods run, apart from what is only in the registry', async () => {
    const { text } = await ask(bot, 'vulnerabilities running on aks-prod');
    expect(text).toMatch(/28 vulnerabilities in 2 images running now on aks-prod/);
    expect(text).toMatch(/Running now on aks-prod\n2 images, 28 vulnerabilities/);
    expect(text).toMatch(/Only in the registry\n0 images, 0 vulnerabilities/);
    expect(text).toMatch(/ratings-api:v1 · acrprod\.azurecr\.io\nrunning now in ratingsapp/);
    expect(text).toMatch(/ratings-web:v1 · acrprod\.azurecr\.io\nrunning now in ratingsapp/);
    // running, but not in a scanned registry: stated, not hidden
    expect(text).toMatch(/NO DATA\nacrprod\.azurecr\.io\/payments-api:v3\nrunning now in payments \(2 pods\) · no scan results/);
    expect(text).toMatch(/docker\.io\/library\/postgres:16\.4\nrunning now in payments \(1 pod\) · from docker\.io: not in a scanned Azure Container Registry/);
    expect(text).not.toMatch(/only in the registry ·/);
  });

  it('separates "only in the registry" when an image no pod runs has findings; filters narrow the counts', async () => {
    const sub = bot.app.sandbox!.world.state.subscriptions[PROD.subscriptionId];
    const list = sub.subAssessments[assessmentId(REGISTRIES.production.id, ASSESSMENT_KEY_MDVM).toLowerCase()];
    const extra = structuredClone(list.filter((s) => s.properties.additionalData.artifactDetails.repositoryName === 'ratings-api').slice(0, 3));
    const oldDigest = `sha256:${'0'.repeat(63)}1`;
    for (const [i, s] of extra.entries()) {
      s.name = `old-build-${i}`;
      s.id = s.id.replace(/[^/]+$/, s.name);
      s.properties.additionalData.artifactDetails.digest = oldDigest;
      s.properties.additionalData.artifactDetails.tags = ['v0'];
    }
    list.push(...extra);
    try {
      const all = await ask(bot, 'vulnerabilities on aks-prod');
      expect(all.text).toMatch(/31 vulnerabilities in 3 images · 2 running now on aks-prod/);
      expect(all.text).toMatch(/Only in the registry\n1 image, 3 vulnerabilities/);
      expect(all.text).toMatch(/ratings-api:v0 · acrprod\.azurecr\.io\nonly in the registry/);
      const running = await ask(bot, 'vulnerabilities running on aks-prod');
      expect(running.text).toMatch(/Only in the registry\n1 image, 3 vulnerabilities \(not listed here/);
      expect(running.text).not.toMatch(/ratings-api:v0/);

      const high = await ask(bot, 'vulnerabilities ratings-web severity high+ fixable on aks-prod');
      expect(high.text).toMatch(/Filters: "ratings-web", severity high\+, fixable/);
      expect(tiles(high.card)).toEqual({ critical: 1, high: 5, medium: 0, low: 0 });
    } finally {
      list.splice(list.length - extra.length);
    }
  });

  it('states healthy and not-applicable results as such', async () => {
    const sub = bot.app.sandbox!.world.state.subscriptions[PROD.subscriptionId];
    const list = sub.subAssessments[assessmentId(REGISTRIES.production.id, ASSESSMENT_KEY_MDVM).toLowerCase()];
    const make = (code: string, repo: string, digitsOf: string) => {
      const s = structuredClone(list[0]);
      s.name = `${code}-${repo}`;
      s.id = s.id.replace(/[^/]+$/, s.name);
      s.properties.status = { code, severity: 'High', cause: code === 'NotApplicable' ? 'Exempt' : '', description: '' };
      s.properties.additionalData.artifactDetails.repositoryName = repo;
      s.properties.additionalData.artifactDetails.digest = `sha256:${digitsOf.repeat(64)}`;
      return s;
    };
    const unhealthy = seededCounts(bot, PROD.subscriptionId);
    list.push(make('Healthy', 'ratings-worker', 'a'), make('NotApplicable', 'ratings-legacy', 'b'));
    try {
      const { card, text } = await ask(bot, 'vulnerabilities on aks-prod');
      expect(tiles(card)).toEqual(unhealthy);
      expect(text).toMatch(/Healthy\n1 result: no known vulnerability/);
      expect(text).toMatch(/Not applicable\n1 result: not assessed/);
      expect(text).toMatch(/OK\nratings-worker:v1 · acrprod\.azurecr\.io\nonly in the registry · healthy: no known vulnerabilities/);
      expect(text).toMatch(/N\/A\nratings-legacy:v1 · acrprod\.azurecr\.io\nonly in the registry · not applicable/);
    } finally {
      list.splice(list.length - 2);
    }
  });

  it('an unknown repository gets a clear message naming the known ones', async () => {
    const { text } = await ask(bot, 'vulnerabilities nosuch-repo on aks-prod');
    expect(text).toMatch(/I found no registry, repository or image "nosuch-repo"/);
    expect(text).toMatch(/Repositories with results: ratings-api, ratings-web/);
  });

  it('a subscription without access (403) gets a clear message, not an internal error', async () => {
    const sub = bot.app.sandbox!.world.state.subscriptions[PROD.subscriptionId];
    sub.securityForbidden = true;
    try {
      const v = await ask(bot, 'vulnerabilities on aks-prod');
      expect(v.text).toMatch(/Palisade has no access to Microsoft Defender data in subscription 22222222-2222-4222-8222-222222222222: Azure answered 403 \(AuthorizationFailed/);
      expect(v.text).toMatch(/Security Reader/);
      expect(v.text).not.toMatch(/internal error/i);
      const d = await ask(bot, 'defender status on aks-prod');
      expect(d.text).toMatch(/403/);
      // all subscriptions: the readable one still shows, the other says it has no access
      const all = await ask(bot, 'defender');
      // subscriptions by the names people know, ids beside them
      expect(all.text).toMatch(/Workshop \(11111111-1111-4111-8111-111111111111\)\nClusters: aks-private, aks-workshop\nOFF/);
      expect(all.text).toMatch(/Production \(22222222-2222-4222-8222-222222222222\)\nClusters: aks-cilium, aks-prod\nNO ACCESS/);
    } finally {
      sub.securityForbidden = false;
    }
  });

  it('defender status: the Containers plan, the deprecated legacy plans and what is scanned how often', async () => {
    const { text } = await ask(bot, 'defender status on aks-prod');
    expect(text).toMatch(/Containers\nStandard \(on\) · since 2025-01-13 10:30 UTC/);
    expect(text).toMatch(/ContainerRegistry\nFree \(off\) · deprecated, replaced by Containers/);
    expect(text).toMatch(/KubernetesService\nFree \(off\) · deprecated, replaced by Containers/);
    expect(text).toMatch(/within 24 hours, and rescans daily the images pushed in the last 90 days or running on a monitored cluster/);
    const all = await ask(bot, 'defender');
    expect(all.text).toMatch(/Defender for Containers is on in 1 of 2 subscriptions/);
    expect(all.text).toMatch(/Free \(off\) · free trial available: 30 days/);
  });

  it('Defender just enabled, no scan yet: says scans take up to 24 h', async () => {
    const containers = bot.app.sandbox!.world.state.subscriptions[WORKSHOP.subscriptionId].pricings.Containers;
    const before = structuredClone(containers.properties);
    Object.assign(containers.properties, { pricingTier: 'Standard', enablementTime: new Date().toISOString() });
    try {
      const { text } = await ask(bot, 'vulnerabilities on aks-workshop');
      expect(text).toMatch(/No findings yet/);
      expect(text).toMatch(/Scans of registry images take up to 24 hours/);
    } finally {
      containers.properties = before;
    }
  });

  it('a plan whose pricing tier moved before approval is refused as stale', async () => {
    const { planId, activityId } = await requestPlan(bot, 'enable defender for containers on aks-workshop');
    const containers = bot.app.sandbox!.world.state.subscriptions[WORKSHOP.subscriptionId].pricings.Containers;
    const before = structuredClone(containers.properties);
    Object.assign(containers.properties, { pricingTier: 'Standard', enablementTime: new Date().toISOString() });
    try {
      await bot.click('approve', { planId });
      const failed = await waitForCard(bot, activityId, /Failed/);
      expect(failed).toMatch(/changed since this plan \(it was Free, now Standard\)/);
    } finally {
      containers.properties = before;
    }
  });

  it('aks-workshop: scanning off → enable button → plan → approve → Standard read back, status clean, first scan findings appear', async () => {
    const off = await ask(bot, 'vulnerabilities');
    expect(off.text).toMatch(/Vulnerability scanning is off for aks-workshop/);
    const enable = (off.card.actions as any[]).find((a) => a.verb === 'choose' && a.title === 'Enable Defender for Containers');
    expect(enable?.data).toEqual({ choice: 'enable defender for containers on aks-workshop' });

    const before = bot.connector.sent.length;
    await bot.click('choose', enable.data);
    const planMsg = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Enable Defender for Containers/.test(cardText(cardOf(s.activity)))));
    const planText = cardText(cardOf(planMsg.activity));
    expect(planText).toMatch(/Billed per vCore/);
    expect(planText).toMatch(/Subscription-wide: it covers clusters aks-private, aks-workshop and every container registry/);
    expect(planText).toMatch(/Defender for Containers\nFree \(off\)\n→\nStandard \(on\)/);
    const planId = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(planMsg.activity)))![1];

    await bot.click('approve', { planId });
    const applied = await waitForCard(bot, planMsg.id, /Applied/);
    expect(applied).toMatch(/Defender for Containers \(read back\)\nStandard/);
    await bot.app.services.engine.idle();
    expect(await tierOf(bot, WORKSHOP.subscriptionId)).toBe('Standard');

    const status = await ask(bot, 'status on aks-workshop');
    expect(status.text).not.toMatch(/Defender for Containers is off/);

    // the sandbox's first scan of acr5398 lands after firstScanDelayMs; poll the chat until it shows
    let found = '';
    for (let i = 0; i < 100 && !/vulnerabilities in 2 images/.test(found); i++) {
      found = (await ask(bot, 'vulnerabilities on aks-workshop')).text;
      if (!/vulnerabilities in 2 images/.test(found)) expect(found).toMatch(/No findings yet/);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toMatch(/16 vulnerabilities in 2 images · 2 running now on aks-workshop/);
    expect(found).toMatch(/ratings-api:v1 · acr5398\.azurecr\.io/);
  });

  it('disable defender for containers widens: four-eyes, then Revert turns it back on', async () => {
    const { planId, activityId } = await requestPlan(bot, 'disable defender for containers on aks-prod');
    const pending = cardText(cardOf(bot.connector.latest(activityId)));
    expect(pending).toMatch(/Disable Defender for Containers in subscription Production \(22222222-2222-4222-8222-222222222222\)/);
    expect(pending).toMatch(/a second person must approve/i);
    expect(pending).toMatch(/Stops vulnerability scanning and runtime threat detection for clusters aks-cilium, aks-prod and every container registry/);

    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    expect(await tierOf(bot, PROD.subscriptionId)).toBe('Standard');

    await bot.click('approve', { planId }, BOB);
    const applied = await waitForCard(bot, activityId, /Applied/);
    expect(applied).toMatch(/Defender for Containers \(read back\)\nFree/);
    expect(await tierOf(bot, PROD.subscriptionId)).toBe('Free');
    const stale = await ask(bot, 'vulnerabilities on aks-prod');
    expect(stale.text).toMatch(/Defender for Containers is off in subscription 22222222-2222-4222-8222-222222222222: these results are no longer refreshed/);

    const before = bot.connector.sent.length;
    await bot.click('revert', { planId });
    const revert = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Enable Defender for Containers/.test(cardText(cardOf(s.activity)))));
    const revertId = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(revert.activity)))![1];
    await bot.click('approve', { planId: revertId });
    await waitForCard(bot, revert.id, /Applied/);
    expect(await tierOf(bot, PROD.subscriptionId)).toBe('Standard');
  });

  it('enabling what is already on is a clear message, and bad input gets help', async () => {
    const on = await ask(bot, 'enable defender for containers on aks-prod');
    expect(on.text).toMatch(/Defender for Containers is already on in subscription Production \(22222222-2222-4222-8222-222222222222\)/);
    const sub = await ask(bot, 'defender status in 99999999-9999-4999-8999-999999999999');
    expect(sub.text).toMatch(/I don't manage a subscription "99999999-9999-4999-8999-999999999999"/);
    const sev = await ask(bot, 'vulnerabilities severity extreme');
    expect(sev.text).toMatch(/Severity is one of critical, high, medium, low/);
    const legacy = await ask(bot, 'enable defender for container registries');
    expect(legacy.text).toMatch(/deprecated/);
    const running = await ask(bot, `vulnerabilities running in ${PROD.subscriptionId}`);
    expect(running.text).toMatch(/"running" compares findings with what a cluster runs, so it needs a cluster/);
    expect(running.text).toMatch(/Say "vulnerabilities running on [<‹]cluster[>›]"/);
    const bySub = await ask(bot, `vulnerabilities in ${PROD.subscriptionId}`);
    expect(bySub.text).toMatch(/28 vulnerabilities in 2 images/);
    expect(bySub.text).toMatch(/Add "running on [<‹]cluster[>›]" to see which of these images a cluster runs now/);
  });
});

describe('1,000 findings: every page ≤ 28 KB and paging reaches the last one', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    const sub = bot.app.sandbox!.world.state.subscriptions[WORKSHOP.subscriptionId];
    addManyFindings(sub, sub.registries[0] as RegistryRecord, 1000);
    Object.assign(sub.pricings.Containers.properties, { pricingTier: 'Standard', enablementTime: '2025-01-01T00:00:00Z' });
    bot.app.sandbox!.arm.settings.subAssessmentPageSize = 100; // fewer round trips per click; paging itself is covered above
    // 67 clicks that each re-read 1,000 findings are ~700 ARM reads in seconds: real ARM would throttle them (250-token
    // bucket, 25/s); this test is about card paging, so the emulator's throttling is off here
    bot.app.sandbox!.arm.throttle.enabled = false;
  });
  afterAll(async () => bot.closeAll());

  it('walks Next to the last page and back with Previous, re-reading Azure on every click', async () => {
    const first = await ask(bot, 'vulnerabilities on aks-workshop');
    expect(tiles(first.card)).toEqual(seededCounts(bot, WORKSHOP.subscriptionId));
    expect(Object.values(tiles(first.card)).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(first.text).toMatch(/Findings 1–15 of 1,000 · page 1 of 67/);

    const seen = new Set<string>();
    const collect = (card: any) => {
      const rows = (card.body as any[]).filter((b) => b.type === 'ColumnSet' && b.columns?.[1]?.items?.[1]?.text?.includes(' · MDVM'));
      for (const r of rows) seen.add(`${r.columns[1].items[0].text}|${r.columns[1].items[1].text}`);
    };
    collect(first.card);
    let card = first.card;
    let pages = 1;
    for (let data = nextData(card); data; data = nextData(card)) {
      expect(JSON.stringify(data).length).toBeLessThan(200); // only paging state travels
      const res = await bot.click('vulnPage', data);
      expect(res.status).toBe(200);
      card = res.body.value;
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      collect(card);
      pages++;
    }
    expect(pages).toBe(67);
    expect(cardText(card)).toMatch(/Findings 991–1,000 of 1,000 · page 67 of 67/);
    expect(seen.size).toBe(1000);

    const previous = (card.actions as any[]).find((a) => a.title === 'Previous');
    const back = await bot.click('vulnPage', previous.data);
    expect(cardText(back.body.value)).toMatch(/page 66 of 67/);
  });

  it('the Action.Submit fallback (older clients) pages too, and a forged button gets a clear answer', async () => {
    const before = bot.connector.sent.length;
    await bot.post(bot.activity('message', ALICE, { text: '', value: { verb: 'vulnPage', page: 3, f: { c: 'aks-workshop' } } }));
    const replies = bot.connector.sent.slice(before).filter((s) => s.method === 'POST');
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0].activity))).toMatch(/page 3 of 67/);
    const forged = await bot.click('vulnPage', { page: 'x' });
    expect(forged.body.value).toMatch(/Say "vulnerabilities" for a fresh one/);
  });

  it('"vulnerabilities page 99" shows the last page and says so', async () => {
    const { text } = await ask(bot, 'vulnerabilities page 99 on aks-workshop');
    expect(text).toMatch(/There is no page 99: showing the last one \(67\)/);
    expect(text).toMatch(/page 67 of 67/);
  });
});
