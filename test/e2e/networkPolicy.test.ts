import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { applyNetworkPolicy } from '../../src/kube/networkPolicies.js';
import { ALICE, BOB, cardOf, cardText, choicesOf, planIdOf, requestPlan, startTestBot, type TestBot, verbsOf, waitForCard } from '../helpers/bot.js';


/** NetworkPolicies as the emulated API server holds them. */
function policies(bot: TestBot, cluster: string, namespace: string): Array<{ metadata: { name: string; labels?: Record<string, string>; managedFields?: Array<{ manager: string; operation: string }> }; spec: any }> {
  const c = bot.app.sandbox!.world.state.clusters.find((x) => x.name === cluster)!;
  return Object.values(c.kube.objects).filter((o: any) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace) as any;
}
const names = (bot: TestBot, cluster: string, ns: string) => policies(bot, cluster, ns).map((p) => p.metadata.name).sort();

async function reply(bot: TestBot, text: string): Promise<string> {
  const { replies } = await bot.say(text);
  expect(replies).toHaveLength(1);
  return cardText(cardOf(replies[0].activity));
}

async function planCount(bot: TestBot): Promise<number> {
  return (await bot.app.services.store.list('plans')).length;
}

/** Zero-trust on a cluster, approved by Bob and applied: what several tests start from. */
async function zeroTrustApplied(bot: TestBot, cluster: string): Promise<{ planId: string; activityId: string }> {
  const plan = await requestPlan(bot, `zero-trust ratingsapp on ${cluster}`);
  await bot.click('approve', { planId: plan.planId }, BOB);
  await waitForCard(bot, plan.activityId, /● Applied/);
  return plan;
}

/** The one-click allow of ratings-api → ratings-mongodb (the caller zero-trust cannot see), approved and applied. */
async function mongoAllowed(bot: TestBot): Promise<void> {
  const before = bot.connector.sent.length;
  await bot.click('choose', { choice: 'allow ratings-api to ratings-mongodb in ratingsapp on aks-prod' });
  const sent = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /Allow ratings-api → ratings-mongodb/.test(cardText(cardOf(s.activity)))));
  await bot.click('approve', { planId: planIdOf(sent.activity)! }, BOB);
  await waitForCard(bot, sent.id, /● Applied/);
}

describe('zero-trust network policies through the chat, on the sandbox', () => {
  // Each test starts from a fresh sandbox and sets up what it needs
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.closeAll());

  it('zero-trust ratingsapp on aks-workshop warns that no engine enforces it, and applying stays possible', async () => {
    const { planId, activityId } = await requestPlan(bot, 'zero-trust ratingsapp on aks-workshop');
    const text = cardText(cardOf(bot.connector.latest(activityId)));
    expect(text).toMatch(/Zero-trust for ratingsapp on aks-workshop/);
    expect(text).toMatch(/aks-workshop has no network policy engine .*stored but NOT enforced/);
    expect(text).toMatch(/only be chosen when a cluster is created/);
    expect(text).toMatch(/Azure CNI powered by Cilium/);
    expect(text).toMatch(/ingress-basic \(ingress controller\) → ratings-web \(TCP 80 → 8080\)\nallowed \(not enforced\)\n→\nkept: backend of Ingress ratings-web-ingress/);
    expect(text).toMatch(/ratings-api → ratings-web \(TCP 80 → 8080\)\nallowed \(not enforced\)\n→\nblocked once enforced/);
    expect(verbsOf(cardOf(bot.connector.latest(activityId)))).toEqual(expect.arrayContaining(['approve', 'reject']));

    await bot.click('approve', { planId });
    const applied = await waitForCard(bot, activityId, /● Applied/);
    expect(applied).toMatch(/Enforced\nno: aks-workshop has no network policy engine/);
    expect(names(bot, 'aks-workshop', 'ratingsapp')).toEqual(['palisade-default-deny', 'palisade-egress-ratings-web', 'palisade-ingress-ratings-api', 'palisade-ingress-ratings-web']);
  });

  it('on aks-prod the preview keeps ratings-web → ratings-api and internet → ratings-web, flags ratings-mongodb with a choice, blocks the rest', async () => {
    const before = bot.connector.sent.length;
    const prodPlan = await requestPlan(bot, 'zero-trust ratingsapp on aks-prod');
    const card = cardOf(bot.connector.latest(prodPlan.activityId));
    const text = cardText(card);
    expect(text).toMatch(/Zero-trust for ratingsapp on aks-prod/);
    expect(text).toMatch(/Narrows exposure/);
    expect(text).not.toMatch(/no network policy engine/);
    expect(text).toMatch(/ratings-web → ratings-api \(TCP 80 → 3000\)\nallowed\n→\nkept: env API of ratings-web names ratings-api\.ratingsapp\.svc\.cluster\.local/);
    expect(text).toMatch(/internet → ratings-web \(TCP 80 → 8080\)\nallowed\n→\nkept: public LoadBalancer Service ratings-web/);
    expect(text).toMatch(/pods of ratingsapp → kube-dns \(UDP 53\)\nallowed\n→\nkept: DNS/);
    for (const blocked of ['ratings-api → ratings-mongodb (TCP 27017)', 'ratings-web → ratings-mongodb (TCP 27017)', 'ratings-api → ratings-web (TCP 80 → 8080)', 'ratings-mongodb → ratings-api (TCP 80 → 3000)', 'ratings-web → internet (TCP 443)', 'other namespaces (payments/payments-api, payments/payments-db) → ratings-api (TCP 80 → 3000)'])
      expect(text).toContain(`${blocked}\nallowed\n→\nBLOCKED`);
    const kept = text.match(/\nkept: /g)?.length;
    expect(kept).toBe(4); // the two flows above, DNS, and other namespaces → ratings-web (it is public anyway)
    expect(text).toMatch(/ratings-mongodb has no caller I can see .*Likely caller: ratings-api \(reads Secret mongosecret \(MONGODB_URI\)\)/);
    expect(text).toMatch(/NetworkPolicies to create in ratingsapp\n\n→\npalisade-default-deny, palisade-ingress-ratings-api, palisade-ingress-ratings-web, palisade-egress-ratings-web/);
    // YAML in the collapsible details, with Palisade's labels
    expect(text).toMatch(/kind: NetworkPolicy/);
    expect(text).toMatch(/k8s-app: kube-dns/);
    expect(text).toMatch(/palisade\.io\/purpose: zero-trust/);

    const choice = bot.connector.sent.slice(before).map((s) => cardOf(s.activity)).find((c) => choicesOf(c).length);
    expect(cardText(choice)).toMatch(/ratings-mongodb has no caller I can see/);
    expect(choicesOf(choice)).toEqual(['allow ratings-api to ratings-mongodb in ratingsapp on aks-prod']);
    expect(names(bot, 'aks-prod', 'ratingsapp')).toEqual([]); // nothing before approval
  });

  it('the choice before approval explains that nothing isolates them yet, and changes nothing', async () => {
    const plans = await planCount(bot);
    const res = await bot.click('choose', { choice: 'allow ratings-api to ratings-mongodb in ratingsapp on aks-prod' });
    expect(res.status).toBe(200);
    const answer = await bot.connector.waitFor(() => bot.connector.sent.map((s) => cardText(cardOf(s.activity))).find((t) => /Nothing to change/.test(t) && /ratings-mongodb/.test(t)));
    expect(answer).toMatch(/ratings-api can already reach ratings-mongodb on TCP 27017/);
    expect(answer).toMatch(/apply `zero-trust ratingsapp on aks-prod` first/);
    expect(await planCount(bot)).toBe(plans);
  });

  it('after approval the policies exist with Palisade labels, server-side applied, and status no longer flags ratingsapp', async () => {
    expect(await reply(bot, 'status on aks-prod')).toMatch(/Namespace ratingsapp has no default-deny/);
    const prodPlan = await requestPlan(bot, 'zero-trust ratingsapp on aks-prod');
    await bot.click('approve', { planId: prodPlan.planId });
    const applied = await waitForCard(bot, prodPlan.activityId, /● Applied/);
    expect(applied).toMatch(/Palisade's policies in ratingsapp \(read back\)\npalisade-default-deny, palisade-egress-ratings-web, palisade-ingress-ratings-api, palisade-ingress-ratings-web/);
    expect(applied).toMatch(/Enforced\nyes \(calico\)/);
    expect(verbsOf(cardOf(bot.connector.latest(prodPlan.activityId)))).toContain('revert');

    const stored = policies(bot, 'aks-prod', 'ratingsapp');
    expect(stored.map((p) => p.metadata.name).sort()).toEqual(['palisade-default-deny', 'palisade-egress-ratings-web', 'palisade-ingress-ratings-api', 'palisade-ingress-ratings-web']);
    for (const p of stored) {
      expect(p.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'palisade', 'palisade.io/purpose': 'zero-trust' });
      expect(p.metadata.managedFields).toEqual(expect.arrayContaining([expect.objectContaining({ manager: 'palisade', operation: 'Apply' })]));
    }
    const api = stored.find((p) => p.metadata.name === 'palisade-ingress-ratings-api')!;
    expect(api.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ protocol: 'TCP', port: 3000 }] }]);

    const status = await reply(bot, 'status on aks-prod');
    expect(status).not.toMatch(/Namespace ratingsapp has no default-deny/);
    expect(status).toMatch(/Namespace payments has no default-deny/);

    const audit = await bot.app.services.store.readAudit({ cluster: 'aks-prod' });
    expect(audit.filter((a) => a.planId === prodPlan.planId).map((a) => a.kind)).toEqual(expect.arrayContaining(['request', 'decision', 'apply']));
  });

  it.skipIf(!hasKubectl)('kubectl get networkpolicy -n ratingsapp lists them', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    const { stdout } = await exec('kubectl', ['--kubeconfig', bot.app.sandbox!.kubeconfigPath, '--context', 'aks-prod', '--request-timeout', '10s', 'get', 'networkpolicy', '-n', 'ratingsapp']);
    for (const n of ['palisade-default-deny', 'palisade-egress-ratings-web', 'palisade-ingress-ratings-api', 'palisade-ingress-ratings-web']) expect(stdout).toContain(n);
    const { stdout: labels } = await exec('kubectl', ['--kubeconfig', bot.app.sandbox!.kubeconfigPath, '--context', 'aks-prod', 'get', 'networkpolicy', '-n', 'ratingsapp', '-l', 'app.kubernetes.io/managed-by=palisade', '-o', 'name']);
    expect(labels.trim().split('\n')).toHaveLength(4);
  });

  it('the same command again changes nothing', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    const plans = await planCount(bot);
    const text = await reply(bot, 'zero-trust ratingsapp on aks-prod');
    expect(text).toMatch(/Nothing to change/);
    expect(text).toMatch(/already in place in ratingsapp on aks-prod/);
    expect(await planCount(bot)).toBe(plans);
  });

  it('can ratings-web reach ratings-api on 80 on aks-prod: yes, with the policies that allow it', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    const text = await reply(bot, 'can ratings-web reach ratings-api on 80 on aks-prod');
    expect(text).toMatch(/^Yes: ratings-web can reach ratings-api on TCP 80 → 3000/);
    expect(text).toMatch(/allowed by ratingsapp\/palisade-egress-ratings-web \(rule 1\) and ratingsapp\/palisade-ingress-ratings-api \(rule 1\)/);
  });

  it('can ratings-api reach ratings-web on aks-prod: no, with the reason', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    const text = await reply(bot, 'can ratings-api reach ratings-web on aks-prod');
    expect(text).toMatch(/^No: ratings-api cannot reach ratings-web on TCP 80 → 8080/);
    expect(text).toMatch(/ratings-api is isolated for egress by ratingsapp\/palisade-default-deny, and no egress rule there allows traffic to ratings-web on TCP 8080/);
  });

  it('on aks-workshop the same questions say what the policies would decide and that nothing enforces them', async () => {
    await zeroTrustApplied(bot, 'aks-workshop');
    const yes = await reply(bot, 'can ratings-web reach ratings-api on 80 on aks-workshop');
    expect(yes).toMatch(/^The policies would allow ratings-web → ratings-api on TCP 80 → 3000, but nothing enforces them/);
    expect(yes).toMatch(/aks-workshop has no network policy engine/);
    const no = await reply(bot, 'can ratings-api reach ratings-web on aks-workshop');
    expect(no).toMatch(/^The policies would block ratings-api → ratings-web on TCP 80 → 8080, but nothing enforces them/);
    expect(no).toMatch(/today ratings-api can reach ratings-web whatever the policies say/);
  });

  it('network policies ratingsapp shows the engine, labelled policies, default deny both ways and no unselected pods', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    const text = await reply(bot, 'network policies ratingsapp on aks-prod');
    expect(text).toMatch(/aks-prod enforces NetworkPolicies with calico/);
    expect(text).toMatch(/palisade-default-deny \(Palisade: zero-trust\)/);
    expect(text).toMatch(/ratingsapp: default deny\ningress yes \(palisade-default-deny\) · egress yes, DNS allowed \(palisade-default-deny\)/);
    expect(text).toMatch(/ratingsapp: pods no policy selects\nnone/);
    const all = await reply(bot, 'network policies on aks-prod');
    expect(all).toMatch(/payments: pods no policy selects\npayments-api-/);
    expect(all).toMatch(/Without a default deny: default, payments/);
  });

  it('after approval, the one-click choice allows ratings-api to reach ratings-mongodb', async () => {
    await zeroTrustApplied(bot, 'aks-prod');
    expect(await reply(bot, 'can ratings-api reach ratings-mongodb on aks-prod')).toMatch(/^No:/);
    const before = bot.connector.sent.length;
    await bot.click('choose', { choice: 'allow ratings-api to ratings-mongodb in ratingsapp on aks-prod' });
    const sent = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /Allow ratings-api → ratings-mongodb/.test(cardText(cardOf(s.activity)))));
    const text = cardText(cardOf(sent.activity));
    expect(text).toMatch(/Allow ratings-api → ratings-mongodb \(TCP 27017\) in ratingsapp on aks-prod/);
    expect(text).toMatch(/ratings-api → ratings-mongodb \(TCP 27017\)\nblocked\n→\nALLOWED: requested/);
    expect(text).toMatch(/an egress rule on ratings-api and an ingress rule on ratings-mongodb/);
    await bot.click('approve', { planId: planIdOf(sent.activity)! });
    await waitForCard(bot, sent.id, /● Applied/);
    expect(names(bot, 'aks-prod', 'ratingsapp')).toEqual(expect.arrayContaining(['palisade-allow-ratings-api-to-ratings-mongodb-egress', 'palisade-allow-ratings-api-to-ratings-mongodb-ingress']));
    expect(await reply(bot, 'can ratings-api reach ratings-mongodb on aks-prod')).toMatch(/^Yes: ratings-api can reach ratings-mongodb on TCP 27017/);
    // with its caller declared, the Service is no longer flagged
    expect(await reply(bot, 'zero-trust ratingsapp on aks-prod')).toMatch(/Nothing to change/);
  });

  it('Revert of zero-trust widens, so a second person approves it; it removes Palisade policies and allow rules', async () => {
    const prodPlan = await zeroTrustApplied(bot, 'aks-prod');
    await mongoAllowed(bot);
    const before = bot.connector.sent.length;
    await bot.click('revert', { planId: prodPlan.planId });
    const sent = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Undo zero-trust in ratingsapp on aks-prod/.test(cardText(cardOf(s.activity)))));
    const text = cardText(cardOf(sent.activity));
    expect(text).toMatch(/Widens exposure/);
    expect(text).toMatch(/Four-eyes/);
    expect(text).toMatch(/Also removes Palisade's allow rules/);
    const planId = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(sent.activity)))![1];
    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/Pending/);
    expect(names(bot, 'aks-prod', 'ratingsapp')).toHaveLength(6);
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, sent.id, /● Applied/);
    expect(names(bot, 'aks-prod', 'ratingsapp')).toEqual([]);
    expect(await reply(bot, 'status on aks-prod')).toMatch(/Namespace ratingsapp has no default-deny/);
  });

  it('remove zero-trust needs a second approver and deletes only what Palisade created', async () => {
    await zeroTrustApplied(bot, 'aks-workshop');
    const { planId, activityId } = await requestPlan(bot, 'remove zero-trust ratingsapp on aks-workshop');
    const card = cardText(cardOf(bot.connector.latest(activityId)));
    expect(card).toMatch(/Remove zero-trust from ratingsapp on aks-workshop/);
    expect(card).toMatch(/Widens exposure/);
    expect(card).toMatch(/Four-eyes/);
    expect(card).toMatch(/NetworkPolicies to delete in ratingsapp\npalisade-default-deny, palisade-egress-ratings-web, palisade-ingress-ratings-api, palisade-ingress-ratings-web/);
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /● Applied/);
    expect(names(bot, 'aks-workshop', 'ratingsapp')).toEqual([]);
    expect(await reply(bot, 'remove zero-trust ratingsapp on aks-workshop')).toMatch(/Nothing to change[\s\S]*no NetworkPolicies created by Palisade in ratingsapp/);
  });
});

describe('bad input gets a clear message and changes nothing', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  async function noChange(text: string, expected: RegExp): Promise<void> {
    const plans = await planCount(bot);
    const before = JSON.stringify(['aks-prod', 'aks-workshop'].map((c) => policies(bot, c, 'ratingsapp')));
    const { replies } = await bot.say(text);
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0].activity))).toMatch(expected);
    await bot.app.services.engine.idle();
    expect(await planCount(bot)).toBe(plans);
    expect(JSON.stringify(['aks-prod', 'aks-workshop'].map((c) => policies(bot, c, 'ratingsapp')))).toBe(before);
  }

  it('unknown namespace', async () => {
    await noChange('zero-trust ratingsap on aks-prod', /There is no namespace "ratingsap" on aks-prod\. Did you mean ratingsapp\?[\s\S]*network policies on aks-prod/);
    await noChange('network policies nosuchns on aks-prod', /There is no namespace "nosuchns" on aks-prod/);
  });

  it('unknown workload', async () => {
    await noChange('can ratings-wbe reach ratings-api on aks-prod', /can't find a workload or Service named "ratings-wbe" on aks-prod\. Did you mean ratings-web\?/);
    await noChange('allow ratings-web to ratings-db in ratingsapp on aks-prod', /no workload or Service named "ratings-db" in ratingsapp on aks-prod/);
  });

  it('on port 70000', async () => {
    await noChange('allow ratings-web to ratings-api on port 70000 on aks-prod', /"70000" is not a port: use a number from 1 to 65535/);
    await noChange('can ratings-web reach ratings-api on 70000', /"70000" is not a port/);
  });

  it('a port the destination does not declare is answered for, and said so', async () => {
    await noChange('can ratings-web reach ratings-api on 81 on aks-prod', /^Yes: ratings-web can reach ratings-api on TCP 81[\s\S]*ratings-api does not declare TCP 81 \(its ports: TCP 80 → 3000 \(Service\), TCP 3000 \(container\)\)/);
  });

  it('zero-trust kube-system without force is refused; with force it needs a second approver', async () => {
    await noChange('zero-trust kube-system on aks-prod', /kube-system is a system namespace[\s\S]*zero-trust kube-system force on aks-prod/);
    const { activityId } = await requestPlan(bot, 'zero-trust kube-system force on aks-prod');
    const text = cardText(cardOf(bot.connector.latest(activityId)));
    expect(text).toMatch(/Zero-trust for kube-system on aks-prod/);
    expect(text).toMatch(/Four-eyes: someone other than the requester must approve/);
    expect(text).toMatch(/system namespace \(forced\)/);
  });
});

describe('apply re-reads live state', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('refuses a stale plan when someone else wrote one of its policies after the plan', async () => {
    const { planId, activityId } = await requestPlan(bot, 'zero-trust ratingsapp on aks-prod');
    const prod = (await bot.app.services.clusters.list()).find((c) => c.name === 'aks-prod')!;
    const api = await bot.app.services.kube.for(prod);
    await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: 'palisade-default-deny', spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    await bot.click('approve', { planId });
    const failed = await waitForCard(bot, activityId, /● Failed/);
    expect(failed).toMatch(/NetworkPolicy palisade-default-deny in ratingsapp changed since this plan/);
    expect(failed).toMatch(/Run the command again for a fresh plan/);
    expect(names(bot, 'aks-prod', 'ratingsapp')).toEqual(['palisade-default-deny']);
  });
});
