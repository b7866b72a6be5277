import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeApiFor, type DirectKubeApi } from '../../src/kube/connect.js';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { BOB, cardOf, cardText, planIdOf, requestPlan, startTestBot, tempDir, type TestBot, waitForCard } from '../helpers/bot.js';

/** Issue 16 end to end: pairs across namespaces, every workload kind, addresses, and each engine's own answer. */

/** The answer card's text, without the "Read as" line free text gets (it shows the canonical command). */
async function reply(bot: TestBot, text: string): Promise<string> {
  const { replies } = await bot.say(text);
  expect(replies).toHaveLength(1);
  return cardText(cardOf(replies[0].activity)).replace(/^Read as: `[^`]*`\n/, '');
}

/** The sandbox operator (a cluster admin, as the kubeconfig's user) on one cluster: for setting up what a test needs. */
function admin(bot: TestBot, cluster: string): DirectKubeApi {
  return kubeApiFor({ kubeconfigPath: bot.app.sandbox!.kubeconfigPath, context: cluster });
}

/** Waits on state: the condition is read again until it holds (the emulator's controllers run on their own). */
async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

function storedPolicy(bot: TestBot, cluster: string, namespace: string, name: string): any {
  const c = bot.app.sandbox!.world.state.clusters.find((x) => x.name === cluster)!;
  return Object.values(c.kube.objects).find((o: any) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && o.metadata.name === name);
}

async function approved(bot: TestBot, text: string): Promise<string> {
  const plan = await requestPlan(bot, text);
  const card = cardText(cardOf(bot.connector.latest(plan.activityId)));
  await bot.click('approve', { planId: plan.planId }, BOB);
  await waitForCard(bot, plan.activityId, /● Applied/);
  return card;
}

const kubectl = (bot: TestBot, ...args: string[]) => exec('kubectl', ['--kubeconfig', bot.app.sandbox!.kubeconfigPath, '--request-timeout', '10s', ...args]);

describe('pairs across namespaces on aks-prod (Calico): ask, preview, allow', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    // an ingress controller in its own namespace, as most clusters have one: a caller from another namespace
    const api = admin(bot, 'aks-prod');
    const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
    await api.core.createNamespace({ body: { metadata: { name: 'ingress-basic' } } });
    await api.apps.createNamespacedDeployment({
      namespace: 'ingress-basic',
      body: { metadata: { name: 'ingress-nginx-controller', labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.12.1', args: ['/nginx-ingress-controller', '--ingress-class=nginx'], ports: [{ name: 'http', containerPort: 80 }] }] } } } },
    });
  });
  afterAll(async () => bot.closeAll());

  it('before any policy: a pair across namespaces is found without `in`, and answered', async () => {
    const text = await reply(bot, 'can ratings-web reach payments-api on aks-prod');
    expect(text).toMatch(/^Yes: ratingsapp\/ratings-web can reach payments\/payments-api on TCP 80 → 8080/);
    expect(text).toMatch(/no policy isolates either side/);
    expect(text).toMatch(/Answered for Calico, the network policy engine of aks-prod/);
    expect(text).toMatch(/From\nratingsapp\/ratings-web \(Deployment\)/);
  });

  it('the zero-trust preview shows what it blocks from other namespaces, the ingress controller included', async () => {
    const card = await approved(bot, 'zero-trust payments on aks-prod');
    expect(card).toContain('ingress-basic/ingress-nginx-controller (ingress controller) → payments-api (TCP 80 → 8080)\nallowed\n→\nBLOCKED');
    expect(card).toMatch(/other namespaces \([^)]*ratingsapp\/ratings-web[^)]*\) → payments-api \(TCP 80 → 8080\)\nallowed\n→\nBLOCKED/);
    expect(card).toMatch(/payments-api → payments-db \(TCP 5432\)\nallowed\n→\nkept: ConfigMap payments-api-config/);
    await approved(bot, 'zero-trust ratingsapp on aks-prod');
  });

  it('after zero-trust in both: no, blocked on both sides, with the policies that block it', async () => {
    const text = await reply(bot, 'can ratings-web in ratingsapp reach payments-api in payments on aks-prod');
    expect(text).toMatch(/^No: ratingsapp\/ratings-web cannot reach payments\/payments-api on TCP 80 → 8080/);
    expect(text).toMatch(/ratings-web is isolated for egress by ratingsapp\/palisade-default-deny/);
    expect(text).toMatch(/payments-api is isolated for ingress by payments\/palisade-default-deny/);
  });

  it('allow A in ns1 to B in ns2 writes an egress rule in ns1 and an ingress rule in ns2, each naming the other namespace and pods', async () => {
    const plan = await requestPlan(bot, 'allow ratings-web in ratingsapp to payments-api in payments on 80 on aks-prod');
    const card = cardText(cardOf(bot.connector.latest(plan.activityId)));
    expect(card).toMatch(/Allow ratingsapp\/ratings-web → payments\/payments-api \(TCP 80 → 8080\) on aks-prod/);
    expect(card).toMatch(/an egress rule on ratingsapp\/ratings-web \(in ratingsapp\) and an ingress rule on payments\/payments-api \(in payments\)/);
    expect(card).toContain('ratingsapp/ratings-web → payments/payments-api (TCP 80 → 8080)\nblocked\n→\nALLOWED: requested');
    expect(card).toMatch(/NetworkPolicies to create in ratingsapp\n\n→\npalisade-allow-ratings-web-to-payments-payments-api-egress/);
    expect(card).toMatch(/NetworkPolicies to create in payments\n\n→\npalisade-allow-ratingsapp-ratings-web-to-payments-api-ingress/);
    await bot.click('approve', { planId: plan.planId }, BOB);
    const applied = await waitForCard(bot, plan.activityId, /● Applied/);
    expect(applied).toMatch(/Palisade's policies in ratingsapp and payments \(read back\)/);

    const egress = storedPolicy(bot, 'aks-prod', 'ratingsapp', 'palisade-allow-ratings-web-to-payments-payments-api-egress');
    expect(egress.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } }, podSelector: { matchLabels: { app: 'payments-api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    const ingress = storedPolicy(bot, 'aks-prod', 'payments', 'palisade-allow-ratingsapp-ratings-web-to-payments-api-ingress');
    expect(ingress.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ratingsapp' } }, podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);

    const yes = await reply(bot, 'can ratings-web in ratingsapp reach payments-api in payments on aks-prod');
    expect(yes).toMatch(/^Yes: ratingsapp\/ratings-web can reach payments\/payments-api on TCP 80 → 8080/);
    expect(yes).toMatch(/allowed by ratingsapp\/palisade-allow-ratings-web-to-payments-payments-api-egress \(rule 1\) and payments\/palisade-allow-ratingsapp-ratings-web-to-payments-api-ingress \(rule 1\)/);
    // the other direction stays closed
    expect(await reply(bot, 'can payments-api reach ratings-web on aks-prod')).toMatch(/^No:/);
  });

  it.skipIf(!hasKubectl)('kubectl shows the written policies on both sides', async () => {
    const { stdout: eg } = await kubectl(bot, '--context', 'aks-prod', 'get', 'networkpolicy', '-n', 'ratingsapp', 'palisade-allow-ratings-web-to-payments-payments-api-egress', '-o', 'json');
    expect(JSON.parse(eg).spec.egress[0].to[0]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } }, podSelector: { matchLabels: { app: 'payments-api' } } });
    const { stdout: list } = await kubectl(bot, '--context', 'aks-prod', 'get', 'networkpolicy', '-n', 'payments', '-l', 'palisade.io/purpose=allow-flow', '-o', 'name');
    expect(list.trim()).toBe('networkpolicy.networking.k8s.io/palisade-allow-ratingsapp-ratings-web-to-payments-api-ingress');
  });

  it('revert of the allow removes both sides', async () => {
    const plans = await bot.app.services.store.list<{ id: string; operation: string; state: string }>('plans');
    const allow = plans.map((p) => p.value).find((p) => p.operation === 'networkPolicy.allowFlow' && p.state === 'applied')!;
    expect(allow).toBeDefined();
    const before = bot.connector.sent.length;
    await bot.click('revert', { planId: allow.id });
    const sent = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && planIdOf(s.activity) && /Undo: allow ratingsapp\/ratings-web → payments\/payments-api/.test(cardText(cardOf(s.activity)))));
    await bot.click('approve', { planId: planIdOf(sent.activity)! }, BOB);
    await waitForCard(bot, sent.id, /● Applied/);
    expect(storedPolicy(bot, 'aks-prod', 'ratingsapp', 'palisade-allow-ratings-web-to-payments-payments-api-egress')).toBeUndefined();
    expect(storedPolicy(bot, 'aks-prod', 'payments', 'palisade-allow-ratingsapp-ratings-web-to-payments-api-ingress')).toBeUndefined();
  });
});

/** The aks-cilium seed's shop, copied to another cluster: the policy `api-from-pod-range` admits the api from the pod range. */
async function seedShop(api: DirectKubeApi): Promise<void> {
  const web = { app: 'web' };
  const back = { app: 'api' };
  const deployment = (name: string, labels: Record<string, string>) => ({ metadata: { name, labels }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: 'docker.io/library/nginx:1.27.3', ports: [{ containerPort: 8080 }] }] } } } });
  await api.core.createNamespace({ body: { metadata: { name: 'shop' } } });
  await api.apps.createNamespacedDeployment({ namespace: 'shop', body: deployment('web', web) });
  await api.apps.createNamespacedDeployment({ namespace: 'shop', body: deployment('api', back) });
  await api.core.createNamespacedService({ namespace: 'shop', body: { metadata: { name: 'api' }, spec: { selector: back, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 as any }] } } });
  await api.networking.createNamespacedNetworkPolicy({
    namespace: 'shop',
    body: { metadata: { name: 'api-from-pod-range' }, spec: { podSelector: { matchLabels: back }, policyTypes: ['Ingress'], ingress: [{ _from: [{ ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 as any }] }] } },
  });
  await until(async () => (await api.core.listNamespacedPod({ namespace: 'shop' })).items.filter((p) => p.status?.podIP).length >= 2 || undefined, 'the shop pods');
}

describe('each engine answers an ipBlock-over-pod-IP question its own way, and says which it assumed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    // before the first turn: the understanding step's inventory of names is then current
    await seedShop(admin(bot, 'aks-prod'));
    await seedShop(admin(bot, 'aks-workshop'));
  });
  afterAll(async () => bot.closeAll());

  it('aks-cilium (Cilium): no, and Calico and Azure NPM would say yes', async () => {
    const text = await reply(bot, 'can web reach api on 80 on aks-cilium');
    expect(text).toMatch(/^No: web cannot reach api on TCP 80 → 8080/);
    expect(text).toMatch(/api is isolated for ingress by shop\/api-from-pod-range/);
    expect(text).toMatch(/Answered for Cilium, the network policy engine of aks-cilium/);
    expect(text).toMatch(/On Calico and Azure Network Policy Manager the answer would be yes \(on TCP 80 → 8080\): Calico and Azure Network Policy Manager match ipBlocks against pod IPs too/);
    expect(text).toMatch(/Engine\nCilium \(dataplane cilium\)/);
  });

  it('aks-prod (Calico): yes, and Cilium would say no (cilium/cilium#9209)', async () => {
    const text = await reply(bot, 'can web reach api in shop on 80 on aks-prod');
    expect(text).toMatch(/^Yes: web can reach api on TCP 80 → 8080/);
    expect(text).toMatch(/allowed by shop\/api-from-pod-range \(rule 1\)/);
    expect(text).toMatch(/Answered for Calico, the network policy engine of aks-prod/);
    expect(text).toMatch(/On Cilium the answer would be no: Cilium does not match ipBlocks against pod or node IPs \(cilium\/cilium#9209\)/);
  });

  it('aks-workshop (no engine): what the policies say, that nothing enforces them, and that Cilium would read them otherwise', async () => {
    const text = await reply(bot, 'can web reach api in shop on 80 on aks-workshop');
    expect(text).toMatch(/^The policies would allow web → api on TCP 80 → 8080, but nothing enforces them/);
    expect(text).toMatch(/aks-workshop has no network policy engine: read as the specification says/);
    expect(text).toMatch(/On Cilium the answer would be no/);
  });

  it('the empty-port case: a named targetPort nothing declares, under a policy, is a no with why, never a yes', async () => {
    const api = admin(bot, 'aks-prod');
    await api.core.createNamespacedService({ namespace: 'shop', body: { metadata: { name: 'legacy' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' as any }] } } });
    await api.networking.createNamespacedNetworkPolicy({ namespace: 'shop', body: { metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } } });
    const text = await reply(bot, 'can web reach legacy in shop on aks-prod');
    expect(text).not.toMatch(/^Yes/);
    expect(text).toMatch(/^No: web cannot reach legacy on Service port TCP 80 → web/);
    expect(text).toMatch(/no container of api declares a TCP port named "web", so the Service has no endpoint for it/);
  });
});

describe('any kind of end, on aks-cilium', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('a DaemonSet in another namespace', async () => {
    expect(await reply(bot, 'can daemonset/node-exporter reach web on aks-cilium')).toMatch(/^Yes: monitoring\/node-exporter can reach shop\/web on TCP 80 → 8080/);
  });

  it('a CronJob between runs: its labels decide, and the answer says no pod runs', async () => {
    const text = await reply(bot, 'can cronjob/nightly-report reach api on 80 on aks-cilium');
    expect(text).toMatch(/^No: nightly-report cannot reach api on TCP 80 → 8080/);
    expect(text).toMatch(/No pod of CronJob nightly-report runs now/);
  });

  it('a bare Pod, to the internet on an undeclared port', async () => {
    expect(await reply(bot, 'can pod/toolbox reach internet on 443 on aks-cilium')).toMatch(/^Yes: toolbox can reach internet on TCP 443/);
  });

  it('the internet, and an address range', async () => {
    expect(await reply(bot, 'can the internet reach api on aks-cilium')).toMatch(/^No: internet cannot reach api on TCP 80 → 8080/);
    expect(await reply(bot, 'can 203.0.113.0/24 reach web on 80 on aks-cilium')).toMatch(/^Yes: 203\.0\.113\.0\/24 can reach web on TCP 80 → 8080/);
  });

  it("a pod's address is that pod", async () => {
    const pods = await admin(bot, 'aks-cilium').core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=web' });
    const ip = pods.items[0].status!.podIP!;
    expect(await reply(bot, `can ${ip} reach api on 80 on aks-cilium`)).toMatch(new RegExp(`^No: ${ip.replace(/\./g, '\\.')} \\(shop/web\\) cannot reach api`));
  });

  it('a protocol the Service does not serve is answered for the number, and said so', async () => {
    const text = await reply(bot, 'can web reach api on 80/udp on aks-cilium');
    expect(text).toMatch(/^No: web cannot reach api on UDP 80/);
    expect(text).toMatch(/api does not declare UDP 80/);
  });

  it('a multi-document file from kubectl (Namespace, Deployment, DaemonSet, RoleBinding, NetworkPolicy) applies in one go and is then asked about', async ({ skip }) => {
    if (!hasKubectl) skip();
    const dir = tempDir('palisade-kubectl-');
    const file = path.join(dir, 'team.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: client\n  namespace: team\nspec:\n  selector:\n    matchLabels: {app: client}\n  template:\n    metadata:\n      labels: {app: client}\n    spec:\n      containers:\n      - name: client\n        image: docker.io/library/busybox:1.37',
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: team\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: agent\n        image: docker.io/library/busybox:1.37\n        ports:\n        - {name: metrics, containerPort: 9100}',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: team-view\n  namespace: team\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: Group\n  name: team\n  apiGroup: rbac.authorization.k8s.io',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: agent-from-client\n  namespace: team\nspec:\n  podSelector:\n    matchLabels: {app: agent}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: client}\n    ports:\n    - {port: metrics}',
      ].join('\n---\n'),
    );
    const { stdout } = await kubectl(bot, '--context', 'aks-cilium', 'apply', '-f', file);
    expect(stdout).toContain('rolebinding.rbac.authorization.k8s.io/team-view created');
    expect(stdout).toContain('networkpolicy.networking.k8s.io/agent-from-client created');
    expect(await reply(bot, 'can client reach agent on aks-cilium')).toMatch(/^Yes: client can reach agent on TCP 9100[\s\S]*allowed by team\/agent-from-client \(rule 1\)/);
    expect(await reply(bot, 'can web reach team/agent on 9100 on aks-cilium')).toMatch(/^No: shop\/web cannot reach team\/agent on TCP 9100/);
  });
});
