// The rules behind the understanding step's generalisation (issue 11, round 2): each test states a rule with
// names and wording of its own, so it holds for sentences nobody has written yet.
import { describe, expect, it } from 'vitest';
import { parse, proposesChange } from '../../src/commands/grammar.js';
import { tagEntities } from '../../src/understanding/entities.js';
import { isEnglishWord } from '../../src/understanding/english.js';
import { CONDITION_WORDS, normaliseText, orderOf } from '../../src/understanding/normalise.js';
import { fromToolSyntax } from '../../src/understanding/toolSyntax.js';
import { pastedToolTargets, readPasted, secondHand } from '../../src/understanding/pasted.js';
import { getScorer, read, writeKinds } from '../../src/understanding/understand.js';
import { checkTargets } from '../../src/understanding/targets.js';
import { withoutTicketRef } from '../../src/understanding/ticketRef.js';
import { withoutOwnCluster } from '../../src/understanding/learner.js';
import { unknownNameAsked } from '../../src/understanding/unknownName.js';
import type { Snapshot, Understanding } from '../../src/understanding/types.js';

/** Three clusters; "weave" is both aks-weave's distinctive part and a system DaemonSet on it. */
const SNAP: Snapshot = {
  clusters: ['aks-blue', 'aks-green', 'aks-weave'],
  inventories: {
    'aks-blue': {
      namespaces: ['default', 'kube-system', 'orders'],
      items: [
        { name: 'orders-web', namespace: 'orders', kind: 'Service', type: 'LoadBalancer', state: ['public'] },
        { name: 'orders-web', namespace: 'orders', kind: 'Deployment' },
        { name: 'orders-api', namespace: 'orders', kind: 'Service', type: 'ClusterIP' },
        { name: 'orders-api', namespace: 'orders', kind: 'Deployment' },
        { name: 'billing-gw', namespace: 'orders', kind: 'Service', type: 'LoadBalancer', state: ['public'] },
      ],
    },
    'aks-green': { namespaces: ['default', 'kube-system', 'ledger'], items: [{ name: 'ledger-db', namespace: 'ledger', kind: 'StatefulSet' }] },
    'aks-weave': {
      namespaces: ['default', 'kube-system', 'store'],
      items: [
        { name: 'weave', namespace: 'kube-system', kind: 'DaemonSet' },
        { name: 'shop-front', namespace: 'store', kind: 'Deployment' },
        { name: 'shop-back', namespace: 'store', kind: 'Deployment' },
        { name: 'backup-job', namespace: 'store', kind: 'CronJob' },
      ],
    },
  },
  defaultCluster: 'aks-blue',
  now: new Date('2026-12-01T09:00:00Z'),
};

const changes = writeKinds();
const isChange = (command: string) => {
  const r = parse(command);
  return r.ok && changes.has(r.command.kind);
};
const options = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

describe('a change names exactly one known cluster, or it is asked about', () => {
  it('several clusters for a single-cluster change: one button per cluster, nothing run', () => {
    for (const text of ['allowlist 198.51.100.9 on blue and green', 'please put 198.51.100.9 on the allowlist of both aks-blue and aks-green']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u).sort()).toEqual(['allowlist 198.51.100.9 on aks-blue', 'allowlist 198.51.100.9 on aks-green']);
    }
  });

  it('a cluster nobody has is never replaced by the default cluster', () => {
    for (const text of ['add my ip to the qa cluster', 'allowlist my ip on qa', 'make orders-web internal on aks-north']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u).every((o) => !o.includes('aks-north') && !/ on qa\b/.test(o)), text).toBe(true);
    }
  });

  it('a distinctive part of a cluster name is that cluster, also in the exact grammar', () => {
    expect(read('allowlist 198.51.100.9 on green', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 198.51.100.9 on aks-green' });
    expect(read('status on weave', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-weave' });
  });

  it('a word that names both a cluster and a system workload means the cluster', () => {
    const tagged = tagEntities(normaliseText('zero trust store on the weave cluster').tokens, SNAP, getScorer().vocabulary);
    expect(tagged.entities.filter((e) => e.type === 'CLUSTER').map((e) => e.value)).toEqual(['aks-weave']);
    expect(read('zero trust store on weave', SNAP)).toMatchObject({ command: 'zero-trust store on aks-weave' });
  });

  it('each end of a flow is filled from its own name, whatever kind of workload it is', () => {
    const u = read('add an allow rule so backup-job can connect to shop-back in store on the weave cluster', SNAP);
    const got = u.kind === 'sure' ? [u.command] : options(u);
    expect(got).toContain('allow backup-job to store/shop-back on aks-weave');
  });
});

describe('the exact grammar never changes something nobody named', () => {
  it("a cluster's name where a Service's goes is not run as a Service change", () => {
    for (const text of ['make aks-green internal', 'make aks-blue private', 'make green public']) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' && isChange(u.command), text).toBe(false);
    }
  });

  it('a Service the cluster does not have: ask with the nearest real names that the change applies to', () => {
    expect(options(read('make orders internal', SNAP))).toEqual(['make orders-web internal']); // orders-api is ClusterIP
    expect(options(read('make ordrs-web internal', SNAP))).toEqual(['make orders-web internal']);
    // nothing near: the cluster's load-balanced Services are the choices
    expect(options(read('make payroll internal', SNAP)).sort()).toEqual(['make billing-gw internal', 'make orders-web internal']);
  });

  it('a change to a Service that exists runs as typed', () => {
    expect(read('make orders-web internal', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web internal' });
  });
});

describe('every target a change names is something real (round 3)', () => {
  /** Two subscriptions by display name; no subscription is called after a cluster. */
  const WITH_SUBS: Snapshot = { ...SNAP, subscriptions: [{ id: '0a0a0a0a-0000-4000-8000-000000000001', name: 'Retail Live' }, { id: '0a0a0a0a-0000-4000-8000-000000000002', name: 'Sandbox' }] };

  it("a cluster's name where a subscription goes is that cluster, in a change and in a read", () => {
    for (const verb of ['enable', 'disable'])
      for (const text of [`${verb} defender in green`, `${verb} defender for containers in aks-green`])
        expect(read(text, WITH_SUBS), text).toMatchObject({ kind: 'sure', command: `${verb} defender for containers on aks-green` });
    expect(read('defender status in weave', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'defender status on aks-weave' });
  });

  it('a subscription named by its display name (any case, dashes for spaces) or id runs as typed', () => {
    expect(read('enable defender in retail-live', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'enable defender for containers in retail-live' });
    expect(read('disable defender in 0a0a0a0a-0000-4000-8000-000000000002', WITH_SUBS)).toMatchObject({ kind: 'sure' });
  });

  it('a subscription nobody has is asked about with the real subscriptions and clusters, never planned', () => {
    const u = read('disable defender in finance', WITH_SUBS);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(expect.arrayContaining(['disable defender for containers in Retail Live', 'disable defender for containers in Sandbox']));
    expect(options(u).some((o) => o.includes('finance'))).toBe(false);
  });

  it('without a list of subscriptions, a word that is also a cluster is asked about (both readings offered)', () => {
    const u = read('disable defender in green', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['disable defender for containers on aks-green', 'disable defender for containers in green']);
  });

  it('a namespace, a flow end or a digest cluster that no cluster has is asked about with the nearest real names', () => {
    const check = (text: string) => {
      const p = parse(text);
      return p.ok ? checkTargets(p.command, SNAP) : undefined;
    };
    expect(check('zero-trust ordrs')).toMatchObject({ ask: { kind: 'ask', options: [{ command: 'zero-trust orders' }] } });
    expect(check('allow orders-web to orders-apx on 443')).toMatchObject({ ask: { kind: 'ask', options: [{ command: 'allow orders-web to orders-api on 443' }] } });
    // typed in the exact grammar, they are left to the handler, which refuses them with its own "did you mean"
    expect(read('zero-trust ordrs', SNAP)).toMatchObject({ kind: 'sure', command: 'zero-trust ordrs' });
    expect(read('digest daily at 08:00 for qa', SNAP).kind).toBe('ask');
    // addresses and the internet are ends too, and a cluster's distinctive part is that cluster
    expect(read('allow 10.1.0.0/16 to orders-api on 443', SNAP)).toMatchObject({ kind: 'sure' });
    expect(read('digest daily at 08:00 for green', SNAP)).toMatchObject({ kind: 'sure', command: 'digest daily at 08:00 for aks-green' });
  });
});

describe('what a sentence wishes, however it is said (round 3)', () => {
  it('a how-to question about a change answers with the help for it; a how-to about a read runs the read', () => {
    for (const text of ['how can we lock orders-web down to 198.51.100.4?', "what's the command to turn off defender", 'how would I isolate the orders namespace'])
      expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', intent: 'help' });
    expect(read('how do I find out whether orders-web is exposed?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
  });

  it('a score that changed over time is its trend, not the audit; findings in images are vulnerabilities', () => {
    expect(read('how did the posture of aks-green evolve over the past 2 weeks', SNAP)).toMatchObject({ kind: 'sure', command: 'trend on aks-green for 14d' });
    expect(read('what got changed on aks-green today', SNAP)).toMatchObject({ kind: 'sure', intent: 'audit' });
    expect(read('are there flaws in our container images?', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities' });
  });

  it('a report is a digest only when it is to be sent; otherwise it is the posture', () => {
    expect(read('a posture report on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
    expect(read('post a posture report for aks-green in here', SNAP)).toMatchObject({ kind: 'sure', command: 'digest now for aks-green' });
    expect(read('please stop the security recap', SNAP)).toMatchObject({ intent: 'digestOff' });
  });

  it('all the ranges removed is the ranges switched off; "to only X" sets them; the occasion and the reason are context', () => {
    expect(read('wipe every authorized range on aks-green, we do not need them any more', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
    expect(read('delete the api server ip restrictions of aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
    expect(read('remove 198.51.100.4 from the authorized ranges', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 198.51.100.4 from allowlist' });
    expect(read('narrow the allowlist to only the vpn gateway 192.0.2.64/26', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 192.0.2.64/26' });
    expect(read('Before the partner visit on Friday we need orders-web to be internal.', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web internal' });
  });

  it('a reach wished away is a removal; the allowed ips are the allowlist; a purpose is context', () => {
    expect(read('192.0.2.77 must no longer reach the api server of aks-green, take it out', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 192.0.2.77 from allowlist on aks-green' });
    expect(read('kindly drop 192.0.2.77 from the allowed addresses on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 192.0.2.77 from allowlist on aks-green' });
    expect(read('Can you post a digest here now so everyone sees where we stand before standup?', SNAP)).toMatchObject({ kind: 'sure', command: 'digest now' });
    // "so that only X can reach it" is the request itself, not a purpose
    expect(read('please restrict orders-web so that only 192.0.2.0/24 can reach it', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict orders-web to 192.0.2.0/24' });
  });

  it('"no public address" wishes the Service internal: the opposite word in it is no rival', () => {
    expect(read('billing-gw without a public ip please, internal only', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });
});

describe('words Palisade does not know are not guessed into a command', () => {
  it('ordinary English words are never "corrected" into command words; real typos are', () => {
    expect(isEnglishWord('match')).toBe(true);
    expect(isEnglishWord('clustrs')).toBe(false);
    const { tokens } = getScorer().correct(['match', 'night', 'clustrs']);
    expect(tokens).toEqual(['match', 'night', 'clusters']);
  });

  it('a name with only words no command uses, or bare numbers, is not a request', () => {
    for (const text of ['show me the traces of orders-api', 'tail the journal of orders-web', 'what is 12 * 7', '42 + 8']) expect(read(text, SNAP).kind, text).toBe('lost');
  });

  it('a single word shared with one example and nothing else is not enough', () => {
    expect(read('connectivity', SNAP).kind).toBe('lost');
  });
});

describe('long messages: the request among its context', () => {
  it('the clause that asks is read, with the values of the whole message', () => {
    const u = read('Our build agents all leave through 192.0.2.64/26. Could you add that range to the authorized ranges of aks-green?', SNAP);
    expect(u.kind === 'sure' ? u.command : options(u)).toContain('allowlist 192.0.2.64/26 on aks-green');
  });

  it('a clause of values alone, or a greeting, is never the request', () => {
    const u = read('Hello there! Could you tell me how secure aks-green is, thanks', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
    const v = read('please set the authorized ranges of aks-blue to just the office, 203.0.113.0/25.', SNAP);
    expect(v.kind === 'sure' && v.command.startsWith('allowlist')).toBe(false);
  });

  it('a "not" anywhere in the message still stops a change', () => {
    const u = read('we talked about it. do not make orders-web public', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });

  it('courtesy is dropped, and a possessive is only whose', () => {
    expect(normaliseText('Would you be so kind as to show the ranges when you have a moment? Thank you!').text).toBe('show the ranges');
    expect(normaliseText("the cluster's authorised ranges").text).toBe('the cluster authorizedranges');
  });
});

describe('values said in other ways', () => {
  const values = (text: string) => tagEntities(normaliseText(text).tokens, SNAP, getScorer().vocabulary).entities.map((e) => `${e.type}=${e.value}`);

  it('a time zone by its city, a day of the month, a protocol alone, a port after a name', () => {
    expect(values('at 7am Sao Paulo time')).toEqual(['TIME=07:00', 'TZ=America/Sao_Paulo']);
    expect(values('on the 3rd of each month at 6')).toEqual(['MONTHDAY=3', 'TIME=06:00']);
    expect(read('can shop-front reach shop-back over sctp on weave', SNAP)).toMatchObject({ command: 'can shop-front reach shop-back over sctp on aks-weave' });
    expect(values('allow shop-front -> shop-back 8443')).toEqual(['NAME=shop-front', 'NAME=shop-back', 'PORT=8443']);
  });

  it('"for the next day" is a duration; "for the rest of the day" is one we cannot be sure of, so a change asks', () => {
    expect(values('for the next week')).toEqual(['DUR=604800000']);
    expect(read('allowlist 203.0.113.50 for the rest of the day', SNAP).kind).toBe('ask');
  });
});

describe('pasted terminal lines are read as what their flags mean', () => {
  it.each([
    ['kubectl get networkpolicies --namespace orders', 'show network policies in orders namespace'],
    ['k get netpol -n store --context aks-weave', 'show network policies in store namespace on aks-weave'],
    ['kubectl config use-context aks-green', 'use cluster aks-green'],
    ['kubectx aks-blue', 'use cluster aks-blue'],
    ['az aks list --output json', 'list clusters'],
    ['az aks get-credentials -g rg -n aks-green', 'use cluster aks-green'],
    ['az aks show --name aks-green --query "apiServerAccessProfile.authorizedIpRanges"', 'show authorized ip ranges on aks-green'],
    ['az aks update -g rg -n aks-blue --api-server-authorized-ip-ranges ""', 'disable authorized ip ranges on aks-blue'],
    ['az aks update -n aks-blue --api-server-authorized-ip-ranges 192.0.2.0/24,198.51.100.0/24', 'set ip ranges 192.0.2.0/24, 198.51.100.0/24 on aks-blue'],
    ['az security pricing create -n Containers --tier free', 'disable defender for containers'],
    ['nc -zvu shop-back 53 from shop-front', 'can shop-front reach shop-back on 53/udp'],
    ['trivy image orders-web', 'vulnerabilities in image orders-web'],
    [`kubectl patch service orders-web -p '{"spec":{"loadBalancerSourceRanges":["192.0.2.0/24"]}}'`, 'restrict orders-web to 192.0.2.0/24'],
    // round 4: the flags' targets carried into the grammar's words, and more kubectl habits
    ['az security pricing update --name Containers --tier standard --subscription Sandbox-B', 'enable defender for containers in Sandbox-B'],
    ['az security pricing show -n Containers -s 0000-1111', 'defender status in 0000-1111'],
    ['kubectl annotate service billing-gw --namespace orders service.beta.kubernetes.io/azure-load-balancer-internal=true --context aks-blue', 'make billing-gw internal in orders on aks-blue'],
    ['k annotate svc billing-gw service.beta.kubernetes.io/azure-load-balancer-internal-', 'make billing-gw public'],
    [`kubectl patch service billing-gw -n orders --type=json -p='[{"op": "remove", "path": "/spec/loadBalancerSourceRanges"}]'`, 'unrestrict billing-gw in orders'],
    [`kubectl patch svc billing-gw -p '{"spec":{"loadBalancerSourceRanges":null}}'`, 'unrestrict billing-gw'],
    ['kubectl delete networkpolicies -l app.kubernetes.io/managed-by=palisade --namespace store --context aks-weave', 'remove zero-trust store on aks-weave'],
    ['kubectl exec -n store shop-front -- nc -z -v shop-back 8443', 'can shop-front reach shop-back on 8443 in store'],
    ['palisade digest --cron "30 7 * * 2" --tz Europe/Paris', 'digest cron "30 7 * * 2" Europe/Paris'],
    ['palisade audit ls --cluster aks-green', 'audit on aks-green'],
  ])('%s', (line, plain) => {
    expect(fromToolSyntax(line)).toBe(plain);
  });

  it('anything else is left as it is (including a tool line we cannot map)', () => {
    expect(fromToolSyntax('allowlist $(curl -s https://ifconfig.me)/32 on aks-blue')).toBe('allowlist my ip on aks-blue');
    expect(fromToolSyntax('az aks update -g rg -n aks-blue --api-server-authorized-ip-ranges `curl -s ipinfo.io/ip`')).toContain('my ip');
    expect(fromToolSyntax('allowlist $(cat office.txt)')).toBe('allowlist $(cat office.txt)');
    for (const t of ['kubectl delete pod x', 'az vm list', 'kubernetes is fun', 'k8s status', 'kubectl delete netpol -l app=x -n store']) expect(fromToolSyntax(t)).toBe(t);
  });

  it('a change read from a line runs only on the targets its flags name, never on the default', () => {
    const subs: Snapshot = { ...SNAP, subscriptions: [{ id: '11111111-0000-0000-0000-000000000001', name: 'Blue-Sub' }, { id: '11111111-0000-0000-0000-000000000002', name: 'Green-Sub' }] };
    const u = read('az security pricing create --name Containers --tier free --subscription Green-Sub', subs);
    expect(u.kind === 'sure' ? u.command : u.kind).toMatch(/^disable defender for containers in (Green-Sub|11111111-0000-0000-0000-000000000002)$/);
    // an aks line that names only a resource group says no cluster: nothing runs on the default one
    for (const line of ['az aks update -g rg-green --api-server-authorized-ip-ranges ""', 'az aks update --resource-group rg-weave --api-server-authorized-ip-ranges 192.0.2.0/24']) {
      const r = read(line, SNAP);
      expect(r.kind === 'sure' && isChange(r.command), `${line} → ${JSON.stringify(r)}`).toBe(false);
    }
  });
});

describe('an imagined change is a question, never the change (round 4)', () => {
  it.each([
    'if we made billing-gw internal, would the partners still get to it?',
    'What would happen if I switched off the authorized ranges on aks-green?',
    'what happens if i delete the zero trust policies in store on weave',
    'suppose we allowlisted 198.51.100.0/24 on aks-blue, could the old office connect?',
    'hypothetically, disabling defender on green: would the image scan stop?',
    'what if someone turned orders-web public',
    'If I make billing-gw internal, can the partners still use it?',
    'if we removed the zero trust in store does the nightly job work again?',
  ])('%s', (text) => {
    const u = read(text, SNAP);
    expect(u.kind === 'sure' && isChange(u.command), JSON.stringify(u)).toBe(false);
    expect(options(u).filter(isChange)).toEqual([]);
  });

  it('courtesy "if you could" is not a condition: the request still reads', () => {
    expect(normaliseText('if you could make billing-gw internal on aks-blue').hypothetical).toBe(false);
    expect(normaliseText('check if billing-gw is public').hypothetical).toBe(false);
    expect(normaliseText('could you tell me if we are open to the internet?').hypothetical).toBe(false);
    expect(normaliseText('make billing-gw internal if we can').hypothetical).toBe(false);
  });
});

describe('questions inside other framings (round 4)', () => {
  it('a question about a past change is the audit, not the change', () => {
    for (const text of ['why did somebody delete 192.0.2.0/24 from the allowlist on aks-green?', 'the zero trust in store on weave appeared overnight, who did that?']) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' ? u.command : JSON.stringify(u), text).toMatch(/^audit/);
    }
  });

  it('a "not" with a question inside answers the question and changes nothing', () => {
    const u = read('do not make billing-gw public, I just want to know whether it is already', SNAP);
    expect(u.kind === 'sure' ? u.command : JSON.stringify(u)).toBe('exposure billing-gw');
  });

  it('who suggested a change, and "it would be great to", are context around the request', () => {
    expect(normaliseText('the runbook recommends that we zero trust orders').text).toBe('we zerotrust orders');
    expect(normaliseText('it would be lovely to get the digest daily at 08:00').text).toBe('get the digest daily at 08:00');
    expect(normaliseText('wl 192.0.2.1 on green').tokens[0]).toBe('allowlist');
  });
});

describe("a workload's name where a namespace goes", () => {
  it('asks about the namespace it lives in, never plans on a namespace nobody has', () => {
    const u = read('zero-trust billing-gw', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['zero-trust orders']);
  });
});

/** SNAP plus a workload named just `api` on aks-weave, as a second team might call theirs. */
const WITH_API: Snapshot = {
  ...SNAP,
  inventories: { ...SNAP.inventories, 'aks-weave': { ...SNAP.inventories['aks-weave'], items: [...SNAP.inventories['aks-weave'].items, { name: 'api', namespace: 'store', kind: 'Service', type: 'ClusterIP' }] } },
};

describe('round 5: names said the short way', () => {
  const tag = (text: string, snap: Snapshot = WITH_API) => tagEntities(normaliseText(text).tokens, snap, getScorer().vocabulary);

  it('"api" that belongs to a cluster is its Kubernetes API, not a workload', () => {
    for (const text of ['put 192.0.2.9 on the green api for 2 hours', 'green api ranges please', 'let 192.0.2.9 into the API of aks-green', 'is the blue private api on']) {
      const t = tag(text);
      expect(t.tokens, text).toContain('apiserver');
      expect(t.entities.filter((e) => e.type === 'NAME'), text).toEqual([]);
    }
    expect(tag('can orders-web reach api on weave').entities.find((e) => e.type === 'NAME' && e.value === 'api')).toBeDefined();
  });

  it('a nickname is read on the cluster the message is about before another cluster whose name it is', () => {
    const onBlue = tag('can orders-web reach api on port 80').entities.find((e) => e.type === 'NAME' && e.value !== 'orders-web');
    expect(onBlue).toMatchObject({ value: 'orders-api', quality: 'partial' });
    const onWeave = tag('can shop-front reach api on the weave cluster').entities.find((e) => e.type === 'NAME' && e.value !== 'shop-front');
    expect(onWeave).toMatchObject({ value: 'api', quality: 'exact' });
  });

  it('a cluster part before the allowlist it owns is the cluster, also after "from"', () => {
    const t = tag('drop 192.0.2.0/24 from weave allowlist', SNAP);
    expect(t.entities.filter((e) => e.type === 'CLUSTER').map((e) => e.value)).toEqual(['aks-weave']);
  });
});

describe('round 5: context around a request', () => {
  it('a reason stated with "not" is no "not" about the request beside it', () => {
    expect(normaliseText('192.0.2.4 is no longer needed, please delete it from the green allowlist').negated).toBe(false);
    expect(normaliseText('orders-web does not need the source ranges anymore, can you remove them?').text).toContain('remove source ranges');
    expect(normaliseText('192.0.2.4 should not be on the allowlist any more, could you take it off').negated).toBe(false);
    expect(normaliseText('we cannot ssh into the nodes from the office, can you let my ip in').negated).toBe(false);
    // said alone, a wish stays a wish (asked about), and an instruction not to is still a "not"
    expect(normaliseText('192.0.2.4 should not be on the allowlist any more').negated).toBe(true);
    expect(normaliseText('please do not remove 192.0.2.4 from the allowlist').negated).toBe(true);
  });

  it('who asked for it, and "confirm who …", are framing around the question', () => {
    expect(normaliseText('I have been asked by compliance to confirm who can reach the kubernetes control plane').text).toBe('who can reach the apiserver');
    expect(normaliseText('the auditors asked us to zero trust orders').text).toBe('zerotrust orders');
  });

  it('a dash starts a clause, so the request after context is read on its own', () => {
    const u = read('The launch review is in an hour and partners must get to orders-web from outside — could you please expose it publicly again?', SNAP);
    expect(u.kind === 'sure' ? u.command : options(u)).toContain('make orders-web public');
  });
});

describe('round 5: the cluster a message is about, and values that are context', () => {
  const tag = (text: string) => tagEntities(normaliseText(text).tokens, SNAP, getScorer().vocabulary);

  it('a clause reads names on the cluster the whole message names, or on the one cluster with the namespace it names', () => {
    // "api" is aks-weave's api there, and aks-blue's orders-api only when the message is about aks-blue
    const u = read('can shop-front reach api on 8080? it is the weave cluster', WITH_API);
    expect(u.kind === 'sure' ? u.command : options(u).join(' | ')).toMatch(/can shop-front reach (?:store\/)?api on 8080 on aks-weave/);
    const t = tagEntities(normaliseText('in store can shop-front reach api on 8080').tokens, WITH_API, getScorer().vocabulary);
    expect(t.entities.find((e) => e.type === 'NAME' && e.value !== 'shop-front')).toMatchObject({ value: 'api', quality: 'exact' });
  });

  it('"in an hour" is a moment ahead, not how long a change lasts; "expires in 2 hours" is a length', () => {
    expect(tag('the review starts in an hour').entities.filter((e) => e.type === 'DUR')).toEqual([]);
    expect(tag('allowlist 192.0.2.4, it expires in 2 hours').entities.filter((e) => e.type === 'DUR').map((e) => e.value)).toEqual([String(2 * 3600e3)]);
  });

  it('a period beside the length a change uses is when, not a value left out', () => {
    const u = read('I travel this week; please add my ip to the green allowlist for the next 2 days', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'allowlist my ip for 2d on aks-green' });
  });

  it('the default cluster said other ways is use cluster; deny-by-default is the default-deny policy', () => {
    for (const text of ['from now on default to aks-green', 'please take aks-green as my default one', 'switch ctx to aks-green', 'set the default cluster for this channel to aks-green'])
      expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command: 'use cluster aks-green' });
    expect(normaliseText('move orders to a deny-by-default posture').tokens).toContain('defaultdeny');
  });

  it('the verb of a request is looked for after its marker ("…; please add X", "given …, I would like X")', () => {
    expect(read('Given that orders-web serves staff only, I would like it put behind an internal load balancer', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web internal' });
    // with no known word after the marker, a change still asks
    expect(read('please frobnicate orders-web internal', SNAP).kind).not.toBe('sure');
  });
});

describe('round 5: plain words for the same things', () => {
  const text = (s: string) => normaliseText(s).text;

  it('a written date is a date; solely/permitted/lookin are only/allowed/looking', () => {
    expect(text('the changes since the 3rd of March 2026')).toContain('since 2026-03-03');
    expect(text('everything since April 7th, 2026')).toContain('since 2026-04-07');
    expect(text('hows green lookin')).toBe('how is the security of green');
    expect(text('addresses permitted to reach it solely')).toBe('addresses allowed to reach it only');
  });

  it('"I want to see X" and "I would appreciate a list of X" ask to show X; "to see what it looks like" is a purpose', () => {
    expect(text('I want to see the posture of green')).toBe('show the posture of green');
    expect(text("we'd appreciate a list of the allowed addresses")).toBe('list the allowlist');
    expect(text('can I get a digest now to see what it looks like')).toBe('a send digest now');
  });

  it('whether we improve is the trend; an image score that changed is the images trend', () => {
    expect(text('are things improving on green')).toBe('is our score trend on green');
    expect(text('how did the image score change this month')).toContain('trend images');
    expect(text('show how the exposure score has evolved over time')).toContain('trend exposure');
  });

  it('"public or private" about an API server or a cluster asks whether the cluster is private, about a Service it does not', () => {
    expect(text('is the aks-green api server publicly reachable or private-link only')).toBe('is the aks-green apiserver private cluster');
    expect(text('green cluster has a private API or a public one')).toContain('private cluster');
    expect(text('is orders-web public or private')).toBe('is orders-web public or private');
  });

  it('a leading occasion is context, unless it names a value', () => {
    expect(text('following the review, we would like the allowlist of green to be only 192.0.2.0/24')).toMatch(/^we would like/);
    expect(text('after the orders-web outage, please make it internal')).toContain('orders-web');
  });

  it('"the API" in a message about the API server is the API server; "api allowlist" is its allowlist', () => {
    const tokens = tagEntities(normaliseText('remove the ip restrictions of the api server on green, the API must be open again').tokens, WITH_API, getScorer().vocabulary).tokens;
    expect(tokens.filter((t) => t === 'NAME')).toEqual([]);
    expect(tagEntities(normaliseText('kill the api allowlist on green').tokens, WITH_API, getScorer().vocabulary).tokens).toContain('apiserver');
  });
});

describe('round 5: questions and greetings around the request', () => {
  it('a question about a change is answered by the read that shows whether it is so, never by the change', () => {
    const cases: Array<[string, string]> = [
      ['did the zero trust in orders on blue really get applied?', 'network policies in orders on aks-blue'],
      ['is orders-web still restricted, or did somebody unrestrict it?', 'exposure orders-web'],
    ];
    for (const [text, command] of cases) expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command });
  });

  it('a greeting or a thank-you whose rest asks for nothing we know is answered as one', () => {
    expect(read('hello! I just joined the platform group, glad to be here', SNAP)).toMatchObject({ kind: 'sure', command: 'hello' });
    expect(read('thanks, that saved me an hour of digging', SNAP)).toMatchObject({ kind: 'sure', command: 'thanks' });
    // a greeting before a request is only politeness
    expect(read('hi, is orders-web public?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
  });
});

describe('round 5: listing filters and chat spellings', () => {
  const text = (s: string) => normaliseText(s).text;

  it('a CLI-style listing keeps its filters; a list of severities means its lowest and up', () => {
    expect(fromToolSyntax('vulns orders-web --severity MEDIUM,CRITICAL -c aks-green')).toBe('vulns orders-web severity medium on aks-green');
    expect(fromToolSyntax('vulnerabilities --page 3 --fixable')).toBe('vulnerabilities page 3 fixable');
    expect(fromToolSyntax('trivy image orders-web:v2 --severity CRITICAL')).toBe('vulnerabilities in image orders-web:v2 severity critical');
  });

  it('plain phrasings: available fixes, let me know, in place, waiting on an approver, "X or not?", "4" for "for"', () => {
    expect(text('images with available fixes')).toBe('images fixable');
    expect(text('let me know if anything is waiting on an approver')).toBe('tell me whether anything is pending approval');
    expect(text('is the lockdown in place on green')).toBe('is the lockdown applied on green');
    expect(normaliseText('defender is enabled or not on green?').negated).toBe(false);
    expect(text('enable defender 4 green')).toBe('enable defender for green');
    expect(text('allowlist my ip 4 hours')).toContain('4 hours');
    expect(text('stop the digests, way too noisy')).toBe('stop the digests');
  });

  it('"time of <city>" is that city\'s zone', () => {
    const t = tagEntities(normaliseText('digest weekdays at 07:45 time of tokyo').tokens, SNAP, getScorer().vocabulary);
    expect(t.entities.find((e) => e.type === 'TZ')?.value).toBe('Asia/Tokyo');
  });

  it('a greeting whose rest names a cluster or a Service is not only a greeting', () => {
    expect(read('good morning, I need the figures for the green cluster in my deck', SNAP)).not.toMatchObject({ command: 'hello' });
  });
});

describe('round 5: one reading where two said the same', () => {
  it('whether the internet can reach a Service is its exposure, not a choice between the two', () => {
    expect(read('is billing-gw reachable from the internet at the moment?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure billing-gw' });
    // with a port it is a flow question of its own
    const u = read('can the internet reach billing-gw on 8443?', SNAP);
    expect(u.kind === 'sure' ? u.command : options(u).join(' | ')).toContain('can internet reach billing-gw on 8443');
  });

  it("an allowlist on a cluster with no Service named is the cluster's, never a Service picked for it", () => {
    const u = read('kill the ip allowlist on green', SNAP);
    expect(u.kind === 'sure' ? [u.command] : options(u)).toEqual(['disable ip ranges on aks-green']);
  });
});

describe('round 5: state questions said plainly', () => {
  it('"is X active", "already in place", "publicly reachable, or private only" ask about the state', () => {
    expect(read('defender is active or not on green?', SNAP)).toMatchObject({ kind: 'sure', command: 'defender status on aks-green' });
    expect(read('is zero trust already in place for orders?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in orders' });
    expect(read('is the aks-green api server publicly reachable, or private only?', SNAP)).toMatchObject({ kind: 'sure', command: 'private cluster on aks-green' });
  });
});

describe('round 5: one complete change that fits is not asked about', () => {
  it('a request that is no question ("please let A talk to B") is the change, not also the question whether A can', () => {
    const u = read('please let orders-web talk with orders-api on port 8080', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    expect(read('can orders-web talk with orders-api on port 8080?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders-api on 8080' });
  });

  it('a change that leaves out a value another reading uses is no rival to it', () => {
    // "only me … billing-gw": the Service is named, so it is restricted; the API allowlist would drop the Service
    expect(read('could you make billing-gw reachable from my machine only, for a test', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict billing-gw to my ip' });
    // "for one day" is a length only the allowlist takes: setting the ranges would drop it
    expect(read('please authorize 192.0.2.0/24 on green, only for one day', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 192.0.2.0/24 for 1d on aks-green' });
  });
});

describe('round 5: framings, problems and terminal habits', () => {
  const text = (s: string) => normaliseText(s).text;

  it('non-native order, "thanks for X, but", "what kind of things", "for the next commands"', () => {
    expect(text('the cluster of green, is it private')).toBe('the green cluster is it private');
    expect(text('thank you for the weekly recaps, but we would like to stop them here')).toBe('the weekly digest we would like to stop them here');
    expect(text('what sort of things can you do')).toBe('what commands can you do');
    expect(text('I want to work on green for all the next commands')).toContain('green from now on');
  });

  it('"X can\'t reach Y" is a problem, not an instruction; "make sure X can\'t reach Y" keeps its "not"', () => {
    expect(normaliseText("orders-web can't reach orders-api anymore, can you add a rule on 8080?").negated).toBe(false);
    expect(normaliseText("make sure orders-web can't reach orders-api").negated).toBe(true);
  });

  it('"nothing can talk except what is needed" and "only the needed traffic" are deny by default', () => {
    expect(text('in orders nothing can talk except what is necessary')).toBe('in orders defaultdeny');
    expect(text('lock down orders so only the needed traffic goes through')).toContain('defaultdeny');
  });

  it("a description right before an address is dropped, never the verb or the word \"only\"", () => {
    expect(text("let the on-call engineer's address, 192.0.2.7, in")).toBe('let 192.0.2.7 in');
    expect(text('erase the range 192.0.2.0/24 from the allowlist')).toBe('remove 192.0.2.0/24 from the allowlist');
  });

  it('a clause that only says where ("cluster is X") is never read as the request', () => {
    const u = read('shop-front in store, can it send traffic to the outside on port 53 with udp? cluster is weave', SNAP);
    expect(u.kind === 'sure' ? u.command : JSON.stringify(u)).toMatch(/^can (?:store\/)?shop-front reach internet on 53\/udp/);
  });

  it('terminal habits: a deny manifest applied, events since, crontab -l', () => {
    expect(fromToolSyntax('kubectl apply -f deny-all.yaml -n orders --context aks-blue')).toBe('zero-trust orders on aks-blue');
    expect(fromToolSyntax('kubectl apply -f web.yaml -n orders')).toBe('kubectl apply -f web.yaml -n orders');
    expect(fromToolSyntax('kubectl get events --since=2h')).toBe('audit since 2h');
    expect(fromToolSyntax('crontab -l')).toBe('digests');
  });

  it('lifting a limit a Service does not have is not read as closing it instead', () => {
    expect(read('remove the source ranges from orders-web', SNAP)).toMatchObject({ kind: 'sure', command: 'unrestrict orders-web' });
  });
});

describe('round 5: flows said in pieces', () => {
  it('one end said is never both ends ("can it reach the outside" with no source is asked about)', () => {
    const u = read('can it send traffic to the outside on port 53 with udp', SNAP);
    expect(u.kind).toBe('ask');
  });

  it('a clause reads the values of every other clause, also when a clause before it was values only', () => {
    const u = read('shop-front in store, can it send traffic to the outside on port 53 with udp? cluster is weave', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'can store/shop-front reach internet on 53/udp on aks-weave' });
  });
});

describe('round 5: where a request starts and ends', () => {
  it('"do <something>" is an order; "do we / do the pods …" ask', () => {
    expect(normaliseText('please do zero trust for orders').question).toBe(false);
    expect(normaliseText('do we have zero trust in orders').question).toBe(true);
  });

  it('a clause that starts with a preposition continues the one before and is never read alone', () => {
    const u = read('could you kindly let the auditor, 192.0.2.7, into the green API for the next 2 hours?', SNAP);
    expect(u.kind === 'sure' ? u.command : options(u).join(' | ')).not.toMatch(/^ip ranges/);
  });

  it('"the next" in front of a length is part of it', () => {
    expect(tagEntities(normaliseText('for the next 12 hours').tokens, SNAP, getScorer().vocabulary).tokens).not.toContain('next');
  });
});

describe('round 5: asked to be done, and names said twice', () => {
  it('a how-to question followed by "can you just do it for me" is the request itself', () => {
    const n = normaliseText('how do I make orders-web internal? can you just do it for me?');
    expect(n).toMatchObject({ howTo: false, request: true, text: 'make orders-web internal' });
    expect(normaliseText('how do I make orders-web internal?').howTo).toBe(true);
  });

  it('"its database, ledger-db": the generic word right before a name is not a second name', () => {
    const t = tagEntities(normaliseText('can ledger-api reach its database ledger-db').tokens, { ...SNAP, inventories: { ...SNAP.inventories, 'aks-green': { namespaces: ['ledger'], items: [{ name: 'ledger-db', namespace: 'ledger', kind: 'StatefulSet' }, { name: 'ledger-cache-db', namespace: 'ledger', kind: 'StatefulSet' }] } } }, getScorer().vocabulary);
    expect(t.entities.filter((e) => e.type === 'NAME').map((e) => e.value)).not.toContain('ledger-cache-db');
  });

  it("a flag's value ends where the sentence's punctuation starts", () => {
    expect(fromToolSyntax('kubectl get events --since=6h, but only ours')).toBe('audit since 6h');
  });
});

describe('round 5: manager framings', () => {
  const text = (s: string) => normaliseText(s).text;

  it('an occasion, "while we …", "just to double-check:" and "X keep asking whether" at the start are context', () => {
    expect(text('Ahead of the quarterly review, could you show the exposure on green')).toBe('show the exposure on green');
    expect(text('while we finish the migration, please make orders-web internal')).toBe('please make orders-web internal');
    expect(text('just to double-check before the board meeting: is orders-web public?')).toBe('is orders-web public');
    expect(text('our auditors keep asking whether green is private')).toBe('whether green is private');
    expect(text('might we zero trust orders')).toBe('zerotrust orders');
  });

  it('"the allowlist to be X" sets it; "the permitted API addresses" are the API allowlist', () => {
    expect(text('we want the allowlist of green to be only 192.0.2.0/25')).toContain('set allowlist of green to 192.0.2.0/25');
    expect(text('remove 192.0.2.9 from the permitted API addresses')).toBe('remove 192.0.2.9 from the apiserver allowlist');
  });

  it('visible from the internet, what we are exposing, keep it on our private network, keeping an eye on, a record of what changed, limit who can hit X', () => {
    expect(text('which services are visible from the public internet')).toBe('which services are reachable from the internet');
    expect(text('what are we currently exposing')).toBe('what is exposed');
    expect(text('keep orders-web on our private network only')).toBe('make orders-web internal');
    expect(text('which clusters are you keeping an eye on')).toBe('which clusters are you watching');
    expect(text('share a record of everything that has been changed since 2026-01-01. I need it for the board')).toBe('share what changed since 2026-01-01');
    expect(text('limit who can hit orders-web to 192.0.2.9')).toBe('limit orders-web to 192.0.2.9');
  });
});

describe('round 5: values of a flow, states wished, the state asked inside a "not"', () => {
  it('"A in ns1 to B in ns2" uses every value it was made of (nothing is left "unused")', () => {
    const u = read('please allow shop-front in store to talk to backup-job in store on port 8080 on weave', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'allow store/shop-front to store/backup-job on 8080 on aks-weave' });
  });

  it('"let A reach B" with no request around it asks (allow it, or whether it can); with "please" it is the change', () => {
    expect(read('let orders-web reach orders-api on 8080', SNAP).kind).toBe('ask');
    expect(read('please let orders-web reach orders-api on 8080', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
  });

  it('a description right before the name itself is not a second name', () => {
    const snap: Snapshot = { ...SNAP, inventories: { ...SNAP.inventories, 'aks-blue': { ...SNAP.inventories['aks-blue'], items: [...SNAP.inventories['aks-blue'].items, { name: 'edge-proxy-controller', namespace: 'orders', kind: 'Deployment' }] } } };
    const t = tagEntities(normaliseText('allow the proxy controller edge-proxy-controller to orders-web').tokens, snap, getScorer().vocabulary);
    expect(t.entities.filter((e) => e.type === 'NAME').map((e) => e.value)).toEqual(['edge-proxy-controller', 'orders-web']);
  });

  it("\"don't X, just tell me if it's on\" answers with the state of X", () => {
    expect(read("don't disable defender on green, just tell me if it's on", SNAP)).toMatchObject({ kind: 'sure', command: 'defender status on aks-green' });
  });

  it('wishes said as states: only a private IP, only I can open it, can X be limited, cancel the request, an IP limit on a Service', () => {
    const text = (s: string) => normaliseText(s).text;
    expect(text('change orders-web so it has only a private IP')).toBe('change orders-web so it internal');
    expect(text('can orders-web be limited so only I can open it')).toBe('limit orders-web so only my ip can reach it');
    expect(text('how do I cancel the request')).toBe('pending approval');
    expect(text('the IP limit on orders-web')).toBe('the source ranges on orders-web');
  });

  it('a statement read as a question is not the request when the message asks for a change', () => {
    expect(read('The IP limit on billing-gw is not needed any more, please delete it', { ...SNAP, inventories: { ...SNAP.inventories, 'aks-blue': { ...SNAP.inventories['aks-blue'], items: SNAP.inventories['aks-blue'].items.map((i) => (i.name === 'billing-gw' && i.kind === 'Service' ? { ...i, state: ['restricted' as const] } : i)) } } })).toMatchObject({ kind: 'sure', command: 'unrestrict billing-gw' });
  });
});

describe('round 5: off-topic asks for a thing we do not have', () => {
  it('an unknown thing asked for ("a joke about X", "a poem on Y") is not ours, even beside one word we know', () => {
    for (const text of ['tell me a joke about kubernetes', 'write a poem about clusters']) expect(read(text, SNAP).kind, text).toBe('lost');
    // a known word first is still ours; "ls" is the shell's list
    expect(read('ls clusters', SNAP)).toMatchObject({ kind: 'sure', command: 'clusters' });
  });
});

describe('round 5: the posture asked in other orders', () => {
  it('"how is X looking / doing" is its posture; "the security of cluster X" names the cluster once', () => {
    expect(read('how is the green cluster doing', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
    expect(read('please you show me how is the security of cluster aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
  });
});

describe('round 6: changes the words did not ask for', () => {
  const SUBS: Snapshot = { ...SNAP, subscriptions: [{ id: '11111111-1111-1111-1111-111111111111', name: 'Retail' }, { id: '22222222-2222-2222-2222-222222222222', name: 'Finance' }] };
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('"turn X off on <place>": the switch word is the direction, the "on" only says where', () => {
    expect(sure(read('flip defender off on aks-green, we are over budget', SUBS))).toBe('disable defender for containers on aks-green');
    expect(sure(read('turn defender off on the finance subscription', SUBS))).toBe('disable defender for containers in Finance');
  });

  it('a Defender change keeps the subscription the words name, or asks about one nobody manages', () => {
    expect(sure(read('switch defender off in finance, costs too much', SUBS))).toBe('disable defender for containers in Finance');
    expect(sure(read('is defender running in the retail sub?', SUBS))).toBe('defender status in Retail');
    expect(read('defender off in the marketing sub', SUBS).kind).toBe('ask');
    // a word called a subscription is one, even when it also names a cluster
    expect(sure(read('switch defender off for the aks-green subscription', { ...SUBS, subscriptions: [...SUBS.subscriptions!, { id: '33333333-3333-3333-3333-333333333333', name: 'aks-green' }] }))).toBe('disable defender for containers in aks-green');
    expect(sure(read('turn defender off on aks-green, in retail we keep it', SUBS))).toBe('disable defender for containers on aks-green');
  });

  it('a sentence the grammar took as a list of ranges is never planned; one mistyped value is left to its handler', () => {
    const u = read('Allowlist kindly the block 192.0.2.64/26 onto authorized addresses of aks-green', SUBS);
    expect(u.kind === 'sure' ? u.command : u.kind).not.toMatch(/kindly/);
    // round 7: an address no parser accepts is never read as understood; the answer names what is wrong precisely
    const bad = read('allowlist 192.0.2.1/33', SUBS);
    expect(bad.kind === 'lost' && bad.reply).toMatch(/invalid prefix length \/33/);
  });

  it('an address removed with nothing said about the allowlist is confirmed first; said, it is the removal', () => {
    const u = read('remove 192.0.2.0/28', SUBS);
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['remove 192.0.2.0/28 from allowlist']);
    expect(sure(read('drop 192.0.2.0/28 from the api server ranges', SUBS))).toBe('remove 192.0.2.0/28 from allowlist');
  });

  it('deleting a namespace, Service or cluster is nothing Palisade does, whatever policy words it resembles', () => {
    expect(read('delete namespace ledger on aks-green', SUBS).kind).toBe('lost');
    expect(sure(read('remove the namespace orders from zero trust', SUBS))).toBe('remove zero-trust orders');
  });

  it('"keep/leave X as it is" plans nothing', () => {
    expect(read('keep the zero-trust on orders as it is', SUBS).kind).toBe('lost');
  });

  it('"tcp/8080" is a port and its protocol, never dropped from a flow', () => {
    const u = read('allow orders-web to orders-api tcp/8080', SUBS);
    expect(u.kind === 'sure' ? u.command : u.kind === 'ask' ? u.options[0]?.command : '').toBe('allow orders-web to orders-api on 8080/tcp');
  });
});

describe('round 6: what "I don\'t know" offers', () => {
  it('never a button that opens access, whatever the unread words resembled', () => {
    const lostOnes = ['please could the orders lot be made much less reachable from outside somehow, thanks', 'wide open things billing public talk everyone']
      .map((words) => read(words, SNAP))
      .filter((u) => u.kind === 'lost');
    expect(lostOnes.length).toBeGreaterThan(0);
    for (const u of lostOnes) for (const s of u.suggestions) expect(s.command).not.toMatch(/^(?:make \S+ public|unrestrict|disable ip ranges|remove zero-trust|allow )/);
  });
});

describe('round 6b: the wrong writes a fifth writer found', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const offered = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('a change ordered on a condition is offered as one button, never planned', () => {
    for (const words of ['if the canary looks bad then make orders-web internal', 'In case the pentest finds anything, restrict billing-gw to 192.0.2.10', 'as soon as the release is out, turn on zero trust for orders'])
      expect(read(words, SNAP).kind, words).toBe('ask');
    expect(offered(read('if the canary looks bad then make orders-web internal', SNAP))).toEqual(['make orders-web internal']);
    // wherever the condition stands, after a filler or after the order
    for (const words of ['hmm if the canary looks fine tomorrow then make orders-web internal', 'make orders-web internal if it is still public'])
      expect(offered(read(words, SNAP)), words).toEqual(['make orders-web internal']);
    // courtesy is no condition, nor is "even if"; a question with an "if" stays a read
    expect(sure(read('restrict billing-gw to 192.0.2.10 if needed', SNAP))).toBe('restrict billing-gw to 192.0.2.10');
    expect(sure(read('let me know if orders-web is public', SNAP))).toMatch(/^exposure orders-web/);
    expect(sure(read('if possible, make orders-web internal on aks-blue', SNAP))).toBe('make orders-web internal on aks-blue');
    expect(sure(read('when you have a moment, make orders-web internal on aks-blue', SNAP))).toBe('make orders-web internal on aks-blue');
  });

  it('the end followed by "to <verb>" is the caller, even after a "to"', () => {
    const u = read('permit to orders-web to query orders-api on port 8080', SNAP);
    const first = u.kind === 'sure' ? u.command : offered(u)[0];
    expect(first).toBe('allow orders-web to orders-api on 8080');
    const reversed = read('grant to orders-api to call orders-web on 8080', SNAP);
    expect(reversed.kind === 'sure' ? reversed.command : offered(reversed)[0]).toBe('allow orders-api to orders-web on 8080');
  });

  it('a cluster flag or a word shaped like the fleet\'s names that no cluster has is asked about, never dropped', () => {
    for (const words of ['allowlist add 192.0.2.7 -c aks-purple', 'allowlist 192.0.2.7 --context aks-purple', 'make orders-web internal for aks-purple'])
      expect(read(words, SNAP).kind, words).toBe('ask');
  });
});

describe('round 7: addresses no parser accepts', () => {
  it('an address ipaddr.js rejects is answered "lost" with what is wrong, never read as understood', () => {
    for (const text of ['restrict orders-web to 256.10.0.1', 'allowlist 10.1.2.999 on green', 'set ip ranges 198.51.100.0/24, 198.51.100.300']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('lost');
      expect(u.kind === 'lost' && u.reply, text).toMatch(/is not an IPv4 address or CIDR range/);
      expect(u.kind === 'lost' && u.suggestions, text).toEqual([]);
    }
    // a valid address that is not a network's first one stays with the handler, which offers the right range
    expect(read('restrict orders-web to 198.51.100.9/24', SNAP)).toMatchObject({ kind: 'sure' });
  });
});

describe('round 7: context around the request', () => {
  it('a time said before the request, about what happened, is no value the change leaves out', () => {
    expect(read('198.51.100.40 went on the green allowlist yesterday; please take it off the allowlist', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 198.51.100.40 from allowlist on aks-green' });
    expect(read('the pilot finished on Tuesday, so please remove 198.51.100.41 from the blue allowlist', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 198.51.100.41 from allowlist on aks-blue' });
    // a day that says when to do it is not context: that change is confirmed first
    expect(read('on tuesday please remove 198.51.100.41 from the allowlist', SNAP).kind).toBe('ask');
  });

  it('a protocol beside a port is part of it; a protocol in a pasted error is no value of an allowlist change', () => {
    expect(read('please add an allow rule from orders-web to orders-api, UDP 5353', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 5353/udp' });
    expect(read('dial tcp 20.1.2.3:443: i/o timeout -- allowlist my ip on green', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip on aks-green' });
  });

  it('a clause that tells what happened is no request when another clause asks for something', () => {
    expect(read('argh, the zero trust on orders broke checkout 🙈 can we remove it again?', SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust orders' });
    // with no punctuation: the request starts at "can we"
    expect(read('making orders-web internal broke the partners can we make it public again', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web public' });
  });

  it('"it" / "them" in a request is the thing the clause before talks about', () => {
    expect(read('the zero-trust policies on orders are blocking my demo, could we roll them back?', SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust orders' });
    expect(read('defender was enabled on green for a trial. please turn it off', SNAP)).toMatchObject({ kind: 'sure', command: 'disable defender for containers on aks-green' });
  });

  it('"the app is not working" is a problem, not an instruction not to do the request', () => {
    expect(read('please remove the zero trust from orders on blue, the checkout is not working', SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust orders on aks-blue' });
    expect(read("don't remove the zero trust from orders", SNAP)).toMatchObject({ kind: 'ask', options: [{ command: 'network policies in orders' }] });
  });

  it('a question about a change already made, with when it happened or who did it, is the audit', () => {
    expect(read('did somebody make billing-gw internal last week?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since last week' });
    expect(read('who disabled the ranges on green?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit on aks-green' });
    expect(read('was orders-web restricted to some address yesterday?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since yesterday' });
    // without a time it asks about the state
    expect(read('has anybody restricted orders-web already?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
  });
});

describe('round 7: wishes said as states and vague nouns', () => {
  it('"we would like X isolated / restricted / enabled" is the change that makes it so', () => {
    expect(read("we'd like the store namespace on weave isolated so that only the flows it needs are allowed", SNAP)).toMatchObject({ kind: 'sure', command: 'zero-trust store on aks-weave' });
    expect(read('we want orders-web restricted to 198.51.100.0/24', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict orders-web to 198.51.100.0/24' });
    expect(read('I would like to know whether orders-web is restricted', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
  });

  it('"lock the X namespace down so nothing talks unless needed", "default deny everything but what is needed": zero trust', () => {
    expect(read('lock the ledger namespace on green down so nothing talks unless needed', SNAP)).toMatchObject({ kind: 'sure', command: 'zero-trust ledger on aks-green' });
    expect(read('please try the zero trust thing on orders, default deny everything but what is needed', SNAP)).toMatchObject({ kind: 'sure', command: 'zero-trust orders' });
  });

  it('"X can be switched off" after a reason is the polite request; asked as a question it is not', () => {
    expect(read('we read the numbers in the weekly call now, so the scheduled digests here can be switched off.', SNAP)).toMatchObject({ kind: 'sure', command: 'digest off' });
    expect(read('the digest can be disabled?', SNAP).kind).not.toBe('sure');
  });
});

describe('round 7: the digest said other ways', () => {
  it("o'clock, a summary posted here, spam, supposed to show up", () => {
    expect(read("each morning at 7 o'clock Vienna time send the summary here", SNAP)).toMatchObject({ kind: 'sure', command: 'digest daily at 07:00 Europe/Vienna' });
    expect(read('could we get a weekly summary posted here on mondays at 8am', SNAP)).toMatchObject({ kind: 'sure', command: 'digest cron "0 8 * * 1"' });
    expect(read("when is the digest supposed to arrive? I can't find it", SNAP)).toMatchObject({ kind: 'sure', command: 'digests' });
  });
});

describe('round 7: terminal habits and URLs', () => {
  it('kubectl contexts, az activity log, digest CronJobs, the API server access profile', () => {
    expect(fromToolSyntax('kubectl config get-contexts')).toBe('list clusters');
    expect(fromToolSyntax('az monitor activity-log list --offset 3d')).toBe('audit since 3d');
    expect(fromToolSyntax('kubectl get cj -n ops -l job=weekly-report')).toBe('list digests');
    expect(fromToolSyntax('kubectl create job now --from=cronjob/posture-digest')).toBe('digest now');
    expect(fromToolSyntax('kubectl create job now --from=cronjob/backup-job')).toBe('kubectl create job now --from=cronjob/backup-job');
    expect(read('az aks show -n aks-green --query apiServerAccessProfile', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
    expect(read('az aks show -n aks-green --query apiServerAccessProfile.enablePrivateCluster', SNAP)).toMatchObject({ kind: 'sure', command: 'private cluster on aks-green' });
  });

  it('a URL inside the cluster names the Service, its namespace and port; a port follows an address', () => {
    expect(read('curl http://orders-api.orders:9090/health from orders-web, does it work?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders/orders-api on 9090' });
    expect(read('shop-front -> 9.9.9.9 853 tcp on weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'can shop-front reach 9.9.9.9 on 853/tcp on aks-weave' });
  });

  it("a cluster followed by the sentence's comma is that cluster; a change's slip is asked about", () => {
    expect(read('vulnerabilities in ledger-db on aks-green, fixable only.', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities ledger-db fixable on aks-green' });
    expect(read('allowlist 198.51.100.9 on aks-gren', SNAP).kind).toBe('ask');
  });
});

describe('round 7: reads said other ways', () => {
  it('a trend over "the last N days", "the X situation changed"; a list of posture areas is the posture', () => {
    expect(read('exposure trend on green, last 10 days', SNAP)).toMatchObject({ kind: 'sure', command: 'trend exposure on aks-green for 10d' });
    expect(read('how has the image situation evolved over the past 3 weeks on blue?', SNAP)).toMatchObject({ kind: 'sure', command: 'trend images on aks-blue for 21d' });
    expect(read('summarize aks-green for me: api server, exposure, policies, images', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
  });

  it('scan results, running ones, authorized IPs, everything reachable from outside, what is public', () => {
    expect(read('results of the image scan on green, just the ones that are running', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities running on aks-green' });
    expect(read('please put 198.51.100.0/26 on the authorized IPs of green', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 198.51.100.0/26 on aks-green' });
    expect(read('list all on blue that is reachable from outside', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-blue' });
    expect(read('whats public on green', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-green' });
  });

  it('a time is no match on its own: words that meet an example only on "today" are off-topic', () => {
    expect(read('the coffee machine is broken today, anyone else?', SNAP).kind).toBe('lost');
    expect(read('what changed today?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since today' });
  });
});

describe('round 7: manager and junior framings', () => {
  it('"an overview of", "pull together", "covered by"; everything that has happened; how secure X is', () => {
    expect(read('could you put together an overview of which namespaces on green are covered by default deny policies?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies on aks-green' });
    expect(read('for the quarterly report, could you compile everything that has happened since last month?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since 30d' });
    expect(read('our auditor wanted to know this morning how safe the blue cluster is. anything I can send her?', SNAP)).toMatchObject({ kind: 'sure', command: 'status on aks-blue' });
  });

  it('hesitation in front ("um", "ok so") is no word of the request or the question', () => {
    expect(normaliseText('um ok so could you make orders-web internal').request).toBe(true);
    expect(normaliseText('uh is orders-web public?').question).toBe(true);
  });

  it('"could X only accept traffic from Y" restricts X to Y; "could it be allowed onto the API" allowlists it', () => {
    expect(read('um could orders-web maybe only accept traffic from my ip for now?', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict orders-web to my ip' });
    expect(read('the build agent is 20.30.40.50, could it be added to the green API for 2 hours?', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 20.30.40.50 for 2h on aks-green' });
  });
});

describe('round 7: the whole list, the public internet, a limit said as who may reach', () => {
  it('"X and nothing else", "remove all the others", "swap out whatever is there": the list is set to X', () => {
    expect(read('please make the green allowlist 198.51.100.0/25 and nothing else', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 198.51.100.0/25 on aks-green' });
    expect(read('set the blue allowlist to 198.51.100.0/25, drop the rest', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 198.51.100.0/25 on aks-blue' });
    // "put X on it and remove the others" is never only an addition: the replacement is offered first
    const u = read('put 198.51.100.0/25 on the blue allowlist and remove all the others', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)[0]).toBe('set ip ranges 198.51.100.0/25 on aks-blue');
  });

  it('an address allowed with nothing said about where is confirmed first; said, it is the allowlist', () => {
    expect(read('allow 172.16.0.0/12', SNAP)).toMatchObject({ kind: 'ask', options: [{ command: 'allowlist 172.16.0.0/12' }] });
    expect(read('allow 172.16.0.0/12 on the green cluster', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 172.16.0.0/12 on aks-green' });
    expect(read('add 172.16.0.0/12 to the api server allowlist', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 172.16.0.0/12' });
  });

  it('"take X off the public internet", "I want it taken off the internet": internal', () => {
    expect(read('could you take orders-web off the public internet please', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web internal' });
    expect(read('nobody outside uses billing-gw, so I would like it taken off the internet', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });

  it('"limit X so that only Y can reach it" restricts X; loadBalancerSourceRanges are its source ranges', () => {
    expect(read('for the pilot, could we limit billing-gw so that only 198.51.100.64/26 can reach it?', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict billing-gw to 198.51.100.64/26' });
    expect(read('drop the loadBalancerSourceRanges of orders-web', SNAP)).toMatchObject({ kind: 'sure', command: 'unrestrict orders-web' });
  });

  it('"how was the X score in the last N days" is its trend; an occasion said alone is context; "can it get access to the API"', () => {
    expect(read('how was the exposure score over the past 45 days on blue?', SNAP)).toMatchObject({ kind: 'sure', command: 'trend exposure on aks-blue for 45d' });
    expect(read('Ahead of the review: which addresses are permitted to reach the green API server?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
    expect(read('the jump host is 20.30.40.60, could it get access to the green api? thanks!', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 20.30.40.60 on aks-green' });
  });

  // round 8
  it("a clause's own flow ends win over a role borrowed from another clause; a button is never reversed", () => {
    const u = read('After the lockdown the web tier still has to fetch from the api. Please add a rule allowing orders-web to connect to orders-api on port 8080.', SNAP);
    expect(u).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
  });

  it('"A can be reached by B": the passive names the destination first', () => {
    expect(read('can orders-api be reached by orders-web on 8080?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders-api on 8080' });
  });

  it('with no role said, a flow\'s ends come in the order the message says them, even across clauses; one end said twice is one end', () => {
    expect(read('Can you check whether the shop, orders-web, is able to reach orders-api at all?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders-api' });
    expect(read('can the internet, I mean anyone on the internet, reach orders-web?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach orders-web' });
  });

  it('switching or listing clusters takes no workload, namespace or address: "…, cluster X" only says where', () => {
    const u = read('what about shop-back, store namespace, cluster aks-weave', SNAP);
    expect(u.kind === 'sure' && /^(?:use cluster|clusters)/.test(u.command)).toBe(false);
    expect(read('I want that the default cluster is aks-green from now', SNAP)).toMatchObject({ kind: 'sure', command: 'use cluster aks-green' });
  });

  it('"can X go / get (out) to the internet": whether X can reach it', () => {
    expect(read('backup-job can go out to internet? it is in store, cluster aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'can backup-job reach internet in store on aks-weave' });
    expect(read('is shop-front able to get to the internet on aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'can shop-front reach internet on aks-weave' });
  });

  it('"we don\'t use it", "nobody uses them": a reason to switch something off, not a "not" about the request', () => {
    expect(read('turn off Defender for Containers on aks-green, we do not use it', SNAP)).toMatchObject({ kind: 'sure', command: 'disable defender for containers on aks-green' });
    expect(read('do not turn off defender on aks-green, we use it', SNAP)).toMatchObject({ kind: 'ask', options: [{ command: 'defender status on aks-green' }] });
  });

  it('"X should no longer be exposed to the internet" beside a request wishes X internal; said alone it is no order', () => {
    expect(read('After the audit, billing-gw must not be exposed to the public internet any more. Could you move it behind the internal load balancer?', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
    expect(read('billing-gw should no longer be public', SNAP).kind).not.toBe('sure');
  });

  it('a plural severity ("highs", "mediums") is that severity', () => {
    expect(read('fixable mediums on blue', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities severity medium fixable on aks-blue' });
  });

  it("our own commands written with CLI flags: --off/--now, --clusters a,b, --limit N, --days N, --area, --to my-ip, svc/X", () => {
    expect(fromToolSyntax('digest --now --clusters aks-green,aks-weave')).toBe('digest now for aks-green, aks-weave');
    expect(fromToolSyntax('audit --since 7d --limit 15 -c aks-green')).toBe('audit 15 since 7d on aks-green');
    expect(fromToolSyntax('trend --area images --days 14')).toBe('trend images for 14d');
    expect(read('digest --off', SNAP)).toMatchObject({ kind: 'sure', command: 'digest off' });
    expect(read('restrict service/billing-gw --to my-ip', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict billing-gw to my ip' });
  });

  it('"name:port" is the name on that port', () => {
    expect(read('can orders/orders-web reach orders/orders-api:8080', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders/orders-web reach orders/orders-api on 8080' });
  });

  it('"my egress / outbound / external ip" is my ip; "cant kubectl" is a problem, not a "not"; "the api allowlist" is the cluster\'s', () => {
    expect(read('put my outbound IP on the green authorized ranges for 2 hours', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip for 2h on aks-green' });
    expect(read('allowlist my ip on aks-weave for 45m, cant kubectl from the train', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip for 45m on aks-weave' });
    expect(read('add 192.0.2.44 to api allowlist blue', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 192.0.2.44 on aks-blue' });
  });

  it('beside a request, "we no longer need X" is the reason and "A should no longer have access to the API" wants A off the list', () => {
    expect(read('The pilot is over and we no longer need the ip limits on the green control plane. Please turn the authorized ranges off.', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
    expect(read('After the contract ended, 192.0.2.0/28 should no longer have access to the blue API server. Could you remove it?', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 192.0.2.0/28 from allowlist on aks-blue' });
    // (said alone, or before a state that opens something, the "not" stays)
    expect(read('we no longer need the ip limits on green', SNAP).kind).not.toBe('sure');
    expect(read('we no longer need orders-web public, could you check who did it', SNAP)).not.toMatchObject({ command: 'make orders-web public' });
  });

  it('"they can\'t get in / log in" is a problem someone has, not a "not" about the request', () => {
    expect(read('we put a source range on billing-gw this morning and now the partners can\'t get in. Could you lift the restriction?', SNAP)).toMatchObject({ kind: 'sure', command: 'unrestrict billing-gw' });
  });

  it('"permit A to reach B" is the order to allow it', () => {
    expect(read('Permit orders-web to reach orders-api on 8080/tcp.', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080/tcp' });
  });

  it('"someone put X on the list …, can we take it off" tells the past: no button ever adds X again', () => {
    const u = read('I believe someone put 192.0.2.99 on the allowlist of aks-green by accident, can we take it off again?', SNAP);
    const offered = u.kind === 'sure' ? [u.command] : u.kind === 'ask' ? u.options.map((o) => o.command) : [];
    expect(offered.some((c) => c.startsWith('allowlist '))).toBe(false);
    expect(offered).toContain('remove 192.0.2.99 from allowlist on aks-green');
  });

  it('a report removed is stopped, one pushed or triggered is sent; "the hour of <city>" is its zone', () => {
    expect(read('get rid of the security digests', SNAP)).toMatchObject({ kind: 'sure', command: 'digest off' });
    expect(read('trigger a digest for aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'digest now for aks-weave' });
    expect(read('send the digest every day at 07:15 hour of Lisbon', SNAP)).toMatchObject({ kind: 'sure', command: 'digest daily at 07:15 Europe/Lisbon' });
  });

  it('"did someone X … last night" is the audit since yesterday, whatever else the words match; "walk me through" shows', () => {
    expect(read('did somebody switch on something on green last night?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since yesterday on aks-green' });
    expect(read('can you talk us through what changed on aks-weave this week?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since this week on aks-weave' });
  });

  it('a vague object ("show me what we have", "if there are any") is about the topic of the clause before', () => {
    expect(read('Security wants the network policies written down. Could you show me what we have on aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies on aks-weave' });
  });

  it('a subnet is a value a reading must use; the opposite change is no rival of a reading ahead of it', () => {
    expect(read('Move billing-gw onto the internal load balancer, subnet snet-ilb-2.', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal subnet snet-ilb-2' });
  });

  it('"at the end of the X" / "once we are done" is when, not a word of the request; the ARM property path is the allowlist', () => {
    expect(read('The runbook says at the end of the lab we switch off the authorized ranges on aks-green, could you do that for me?', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
    expect(read('what is in apiServerAccessProfile.authorizedIpRanges for aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-weave' });
  });

  it('"cannot" is a "not": no button for the change it names; "they cannot open the site" is a problem said', () => {
    expect(read('our users cannot open the site since this morning, could you unrestrict billing-gw', SNAP)).toMatchObject({ kind: 'sure', command: 'unrestrict billing-gw' });
    for (const t of ['we cannot make orders-web public', 'you cannot disable the ip ranges on green']) {
      const u = read(t, SNAP);
      expect(u.kind, t).not.toBe('sure');
      // (round 11c: only the state of what was not to be changed is offered)
      expect(u.kind === 'ask' ? u.options.filter((o) => proposesChange(o.command)) : [], t).toEqual([]);
    }
  });
});

describe('round 7b: the wrong writes a sixth writer found', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  // an internal LoadBalancer Service, so "make it public" would change something
  const green = SNAP.inventories['aks-green']!;
  const WITH_INTERNAL: Snapshot = { ...SNAP, inventories: { ...SNAP.inventories, 'aks-green': { ...green, items: [...green.items, { name: 'ledger-web', namespace: 'ledger', kind: 'Service', type: 'LoadBalancer', state: ['internal'] }] } } };

  it('a pasted change with a question or a "would this" around it is offered, never planned', () => {
    for (const words of ['az aks update -n aks-green -g rg-green --api-server-authorized-ip-ranges 0.0.0.0/0 ?? safe', "az aks update -n aks-green --api-server-authorized-ip-ranges '' would this lock us out"]) {
      const u = read(words, SNAP);
      expect(u.kind, words).toBe('ask');
      expect(u.kind === 'ask' && u.options.length).toBe(1);
    }
    expect(sure(read('az aks update -n aks-green -g rg-green --api-server-authorized-ip-ranges 192.0.2.0/24', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
  });

  it('a message that starts with "check/verify/show" asks for a read, whatever its list of things to look at names', () => {
    expect(sure(read('Verify ledger-web on aks-green: public IP, listeners, NSG rules.', WITH_INTERNAL))).toBe('exposure ledger-web on aks-green');
    expect(sure(read("check ledger-web's exposure on aks-green: public ip and ports", WITH_INTERNAL))).toBe('exposure ledger-web on aks-green');
  });

  it('a clause stating a fact is context when another clause asks: the asking clause says which change', () => {
    expect(sure(read('The authorized ranges on aks-green are obsolete now. Please replace them with 198.51.100.0/25.', WITH_INTERNAL))).toBe('set ip ranges 198.51.100.0/25 on aks-green');
  });
});

describe('names on a cluster whose inventory could not be read', () => {
  // a private API server, or a first message before the inventory came back: the names are unknown, not absent
  const BLIND: Snapshot = { ...SNAP, inventories: {} };

  it('a hyphenated word with a part no command uses is a name: the change is offered, never planned, never dropped', () => {
    const u = read('could you make the billing-gw internal', BLIND);
    expect(u.kind).toBe('ask');
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['make billing-gw internal']);
  });

  it('plain words joined by a hyphen stay words', () => {
    const u = read('is anything internet-facing on aks-blue?', BLIND);
    expect(u.kind === 'sure' ? u.command : u.kind).toBe('exposure on aks-blue');
  });
});

describe('a flow wished with "should be allowed to"', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('"A should be allowed to call B" asks for the flow; "should A be allowed …?" asks whether it can', () => {
    expect(sure(read('orders-web should be allowed to call orders-api on 8080, please set it up', SNAP))).toBe('allow orders-web to orders-api on 8080');
    expect(sure(read('should orders-web be allowed to call orders-api on 8080?', SNAP))).toBe('can orders-web reach orders-api on 8080');
    // "only A should be allowed …" and "A should not be allowed …" are no such wish
    expect(sure(read('only orders-web should be allowed to call orders-api', SNAP))).not.toMatch(/^allow /);
    expect(sure(read('orders-web should not be allowed to call orders-api', SNAP))).not.toMatch(/^allow /);
  });
});

describe('round 9a: what-if, advice and "not … I only want to know" are asked, never run', () => {
  const got = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a what-if about a change asks, with the state of that change first and no button for the change', () => {
    for (const text of ['what would the impact be if we removed 198.51.100.0/24 from the aks-green allowlist?', 'what would the blast radius be if we disabled the authorized ranges on aks-green?']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u)[0], text).toBe('ip ranges on aks-green');
      expect(options(u).filter(isChange), text).toEqual([]);
    }
  });

  it('advice asked about a change asks: its state, and the plan to look at unless the message says not', () => {
    const u = read('should we make billing-gw internal, or is that a bad idea?', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['exposure billing-gw', 'make billing-gw internal']);
    const v = read('what do you recommend, zero-trust store on aks-weave?', SNAP);
    expect(v.kind).toBe('ask');
    expect(options(v)).toContain('network policies in store on aks-weave');
    // (a "not" in it: the state only)
    const w = read("I'm not sure whether we should restrict billing-gw to my ip, what do you think?", SNAP);
    expect(w.kind).toBe('ask');
    expect(options(w).filter(isChange)).toEqual([]);
    // advice about what to read is that read
    expect(got(read('what should we fix first on aks-blue?', SNAP))).not.toBe('ask');
  });

  it('advice the words only half match still asks with the state, never "I don\'t know" and never the change', () => {
    const u = read('our architect wants billing-gw restricted to the vpn range, but which range is that? what should I do?', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['exposure billing-gw']);
  });

  it('"do not X, I only want to know what it would break" asks with the state of X; "… whether it is" answers it', () => {
    const u = read('please do not make billing-gw internal, I only want to know what it would break', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['exposure billing-gw']);
    expect(got(read('do not make billing-gw internal; I only want to know is it internal right now', SNAP))).toBe('exposure billing-gw');
  });

  it('a condition whose order is to be told is the question: "if X is public, let me know"', () => {
    for (const text of ['if billing-gw is public, let me know', 'in case orders-web is exposed, tell me']) {
      const u = read(text, SNAP);
      expect(got(u), text).toMatch(/^exposure /);
    }
  });

  it('the words of a condition are one list: each holds the order back, and the order is found after it', () => {
    for (const w of CONDITION_WORDS) {
      const text = `${w} the canary is green, make billing-gw internal`;
      expect(normaliseText(text).conditional, text).toBe(true);
      expect(orderOf(text), text).toBe('make billing-gw internal');
      expect(read(text, SNAP).kind, text).toBe('ask');
    }
  });
});

describe('round 9a: near reads told apart', () => {
  const got = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a trend needs a word of time: "right now" is the current state', () => {
    expect(got(read('who can get to the control plane of green at the moment?', SNAP))).not.toMatch(/^trend/);
  });

  it('a trend takes the area its words name, and none named is the overall trend', () => {
    expect(got(read('trend green 30d', SNAP))).toBe('trend on aks-green for 30d');
    expect(got(read('the network policy score trend for green over the last 2 weeks', SNAP))).toMatch(/^trend network policy on aks-green/);
  });

  it('"would it be ok to X" is a polite request for X; "is it ok if I look at X" is a read', () => {
    expect(got(read('would it be ok to put 198.51.100.23 on the aks-green allowlist?', SNAP))).toBe('allowlist 198.51.100.23 on aks-green');
    const u = read('is it alright if I look at what is exposed on aks-weave?', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });

  it('a question about who made a change is the audit, "who has …" too', () => {
    expect(got(read('who has made billing-gw internal? show me the log', SNAP))).toMatch(/^audit/);
  });

  it('a greeting said as "how are you" or "you there?" is a greeting, never an opening change', () => {
    for (const text of ['morning palisade, how are you doing?', 'you there?', 'hey bot you up']) expect(got(read(text, SNAP)), text).toBe('hello');
  });

  it('a short message that thanks anywhere is a thank-you', () => {
    expect(got(read('noted, thanks!', SNAP))).toBe('thanks');
  });

  it('a how-to whose verb no command uses is not about our commands', () => {
    const u = read('how do I reinstall helm on my laptop?', SNAP);
    expect(u.kind).toBe('lost');
  });

  it('an opening change read weakly from words that name nothing is "I don\'t know", with no opening button', () => {
    const u = read('stepping out for lunch, will be back in an hour or so', SNAP);
    expect(u.kind).not.toBe('sure');
    const offered = u.kind === 'ask' ? options(u) : u.kind === 'lost' ? u.suggestions.map((s) => s.command) : [];
    expect(offered.filter((c) => /public|unrestrict|disable ip ranges|remove zero-trust|^allow /.test(c))).toEqual([]);
  });
});

describe('round 9a: the request around context', () => {
  const got = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a ticket reference in parentheses is context', () => {
    expect(normaliseText('make billing-gw internal (ticket OPS-5521)').text).toBe('make billing-gw internal');
    expect(got(read('allowlist 198.51.100.23 on aks-green for 2 hours (INC-20931)', SNAP))).toBe('allowlist 198.51.100.23 for 2h on aks-green');
  });

  it('one quoted value is that value, and "go ahead and" starts the request', () => {
    const u = read('the terraform plan for aks-green is just + "198.51.100.23/32" in the ranges, go ahead and add it', SNAP);
    const offered = u.kind === 'sure' ? [u.command] : options(u);
    expect(offered).toContain('allowlist 198.51.100.23/32 on aks-green');
    expect(offered.filter((c) => c.includes('my ip'))).toEqual([]);
  });

  it('who told me to is context: the reported order is the request', () => {
    expect(got(read('I believe our architect said to zero-trust store, can you do that on aks-weave?', SNAP))).toBe('zero-trust store on aks-weave');
  });

  it('a problem said with "not" beside a request is no "not"; said alone nothing changes', () => {
    expect(got(read('I think my ip is not allowed on aks-green, could you add me for 30 minutes', SNAP))).toBe('allowlist my ip for 30m on aks-green');
    const u = read('my ip is not allowed on aks-green', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });

  it('"X should no longer have API server access, please remove it" takes X off the allowlist', () => {
    expect(got(read('the 198.51.100.0/24 range should no longer have api server access on aks-green. Please remove it.', SNAP))).toBe('remove 198.51.100.0/24 from allowlist on aks-green');
  });

  it('a policy stated as a state beside a request wishes it; said alone it changes nothing', () => {
    expect(got(read('Partner-facing apps must not be reachable from the internet. Please move billing-gw to an internal load balancer.', SNAP))).toBe('make billing-gw internal');
    const u = read('billing-gw must not be reachable from the internet', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });

  it('the frame of a request ("under the zero-trust policy set", "as part of our baseline") is context', () => {
    expect(got(read('allow orders-web to call orders-api on 8080 as part of our zero trust baseline', SNAP))).toBe('allow orders-web to orders-api on 8080');
  });

  it('"remove X out of the allowlist" is from it', () => {
    expect(got(read('please remove 198.51.100.0/24 out of the allowlist of aks-green', SNAP))).toBe('remove 198.51.100.0/24 from allowlist on aks-green');
  });
});

describe('round 9a: a clause never reads the opposite of what the whole message wishes', () => {
  it('a clause whose "not" the whole message explains is not read alone (it would be the opposite change)', () => {
    const u = read("I reckon billing-gw shouldn't be public, the runbook says to move it to an internal load balancer. Can you do that?", SNAP);
    expect(u.kind === 'sure' ? u.command : options(u)).not.toContain('make billing-gw public');
    expect(u.kind === 'sure' ? u.command : u.kind).toBe('make billing-gw internal');
    // said alone, the "not" stands: nothing changes
    const v = read("billing-gw shouldn't be public", SNAP);
    expect(v.kind === 'sure' && isChange(v.command)).toBe(false);
  });
});

describe('round 9a: "not" with a read asked beside it, and an order to change nothing', () => {
  it('"don\'t X, only check / just show me Y" answers the read, nothing changes', () => {
    const u = read('do not lock down store on aks-weave, just show me the policies there', SNAP);
    expect(u.kind === 'sure' ? u.command : u.kind).toBe('network policies in store on aks-weave');
    const v = read('billing-gw must not be public, right? only check, do not change anything', SNAP);
    expect(v.kind === 'sure' ? v.command : v.kind).toBe('exposure billing-gw');
  });

  it('an order not to make any change changes nothing and offers nothing to run', () => {
    const u = read('please do not apply anything on aks-green this week, the release is frozen', SNAP);
    expect(u.kind).toBe('lost');
    expect(u.kind === 'lost' && u.suggestions).toEqual([]);
  });

  it('"considering whether we should X" is advice asked about X', () => {
    const u = read('we are considering whether we should make billing-gw internal. thoughts?', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)[0]).toBe('exposure billing-gw');
  });
});

describe('round 9a: polite forms never turn a report or a request for leave into an order', () => {
  it('"I think someone said to X" alone reports an instruction: nothing runs', () => {
    const u = read('I think the architect said to disable the authorized ranges on aks-green', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });

  it('"is it ok if I make X public?" asks leave: it is a question, never the change', () => {
    const u = read('is it ok if I make billing-gw public?', SNAP);
    expect(u.kind === 'sure' && isChange(u.command)).toBe(false);
  });
});

describe('round 9a: what a change broke, and the opposite change behind', () => {
  const got = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a name said as what broke is why, not a value of the request', () => {
    expect(got(read('undo the zero trust in store on weave, it broke backup-job', SNAP))).toBe('remove zero-trust store on aks-weave');
  });

  it('the opposite change clearly behind the reading is no doubt: "someone put X on the list by mistake, can we take it off?"', () => {
    expect(got(read('I believe a colleague put 198.51.100.0/24 on the allowlist of aks-green by accident, can we take it off again?', SNAP))).toBe('remove 198.51.100.0/24 from allowlist on aks-green');
  });

  it('a name said as what a change disrupted, after an article, is why too', () => {
    expect(got(read('the lockdown of store on weave has disrupted the backup-job; could you please revert those policies?', SNAP))).toBe('remove zero-trust store on aks-weave');
  });

  it('a default deny "keeping DNS and the flows it needs" is zero trust (it keeps them anyway)', () => {
    expect(got(read('apply default-deny to store on aks-weave, keeping dns and the flows it needs', SNAP))).toBe('zero-trust store on aks-weave');
  });
});

describe('round 9a: hedges about the asking are courtesy', () => {
  it('"sorry if this is a dumb question but", "not sure if I\'m asking right but" are dropped', () => {
    expect(normaliseText('sorry if this is a dumb question but is billing-gw public?').text).toBe('is billing-gw public');
    expect(normaliseText("not sure if I'm asking this right but could you list the clusters").text).toBe('list the clusters');
    expect(normaliseText("not sure if I'm asking this right but could you list the clusters").hypothetical).toBe(false);
  });

  it('a reason of cost is context', () => {
    expect(normaliseText('turn off defender on aks-green to save money').text).toBe('disable defender on aks-green');
  });

  it('"is it safe to X", "can I X without breaking anything?" ask advice about X: its state, nothing runs', () => {
    for (const text of ['is it safe to zero-trust store on aks-weave?', 'can I make billing-gw internal without breaking anything?']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u)[0], text).toMatch(/^(?:network policies|exposure) /);
    }
  });
});

describe('round 9a: a change beside a question whether something is so is that question', () => {
  it('a reported change with "can you tell me / check if …" asks about its state, never plans it', () => {
    for (const [text, state] of [
      ['the architect wants us to switch off defender on aks-green, can you tell me if it is on?', /^defender status/],
      ['I think our lead said to remove 198.51.100.0/24 from the aks-green allowlist, could you check whether it is there?', /^ip ranges/],
    ] as const) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' && isChange(u.command), text).toBe(false);
      expect(u.kind === 'sure' ? u.command : u.kind, text).toMatch(state);
    }
  });
});

describe('round 9a: a change asked about with its effect, or to be left alone', () => {
  it('"X, or would that break Y?" asks advice about X: nothing runs', () => {
    const u = read('allow orders-web to call orders-api on 8080 as part of the baseline, or would that break the policy?', SNAP);
    expect(u.kind).toBe('ask');
    expect(u.kind === 'ask' && u.question).toMatch(/can't advise/);
  });

  it('"…, please leave it like that" offers no change, not even as a button', () => {
    const u = read('my ip is not allowed on aks-green and that is fine, please leave it like that', SNAP);
    expect(u.kind).toBe('lost');
  });
});

describe('round 9a: an order followed by a question about it', () => {
  it('"X, right?", "X. can the partners still reach it?", "X, is that safe?" offer X as one button, never plan it', () => {
    for (const text of ['make billing-gw public, right?', 'zero-trust store on aks-weave. will the backup-job still run?', 'remove 198.51.100.0/24 from the aks-green allowlist, is that safe?']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u).length, text).toBe(1);
    }
  });

  it('a request put as a question, or a clause that continues the order, is still the order', () => {
    expect(read('the zero trust on store on weave broke backup-job, can we remove it again?', SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust store on aks-weave' });
    expect(read('could you let 198.51.100.23, into the aks-green API for 2 hours?', SNAP)).toMatchObject({ kind: 'sure' });
  });
});

describe('round 9b: recognising more ways of asking', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const r = (words: string) => sure(read(words, SNAP));

  it('an apology or a doubt in front of the request is no word of it: its "if" is no condition, its "not" no negation', () => {
    expect(r('sorry if this is a silly question, but how can I see which clusters there are?')).toBe('clusters');
    expect(r("not sure whether I'm asking this correctly, but could you show the network policies in orders?")).toBe('network policies in orders');
    expect(normaliseText('sorry if this is a basic question but is orders-web public?').conditional).toBe(false);
    // a doubt about the change itself stays: nothing is planned
    expect(r('not sure if this is a good idea but make orders-web public')).not.toMatch(/^make /);
  });

  it('a bare acknowledgement is a thank-you; "how are you", "you there?" and "is this the right bot" are a hello', () => {
    expect(r('Noted, thanks!')).toBe('thanks');
    expect(r('roger that')).toBe('thanks');
    expect(r('noted, now show the clusters')).toBe('clusters');
    expect(r('evening! how are you doing?')).toBe('hello');
    expect(r('you there?')).toBe('hello');
    expect(r('is this the right bot for cluster security questions?')).toBe('hello');
  });

  it('formal verbs: "enumerate / itemise" list, "decommission / retire" remove (deleting a cluster stays nothing we do)', () => {
    expect(r('Itemise the clusters you have visibility into across all subscriptions.')).toBe('clusters');
    expect(r('enumerate the network policies of namespace store on aks-weave')).toBe('network policies in store on aks-weave');
    expect(r('Please decommission the zero trust policies in orders on aks-blue.')).toBe('remove zero-trust orders on aks-blue');
    // (a whole cluster is nothing we remove: no change is planned or offered)
    const gone = read('decommission aks-green', SNAP);
    expect(gone.kind).not.toBe('sure');
    expect(options(gone)).toEqual([]);
  });

  it('a digest wanted now is sent now, never the list; the plural, a question or a stop stay what they were', () => {
    expect(r('digest for green right now')).toBe('digest now for aks-green');
    expect(r('fire off a one-time digest for aks-blue')).toBe('digest now for aks-blue');
    expect(r('could I have the digest in this chat immediately? only once')).toBe('digest now');
    expect(r('which digests do we have now?')).toBe('digests');
    expect(r('list digests now')).toBe('digests');
    expect(r('stop the digest now')).toBe('digest off');
    expect(r("we'd like the team to receive a digest every friday at 16:00")).toBe('digest cron "0 16 * * 5"');
    expect(r('Please arrange for the posture digest to be delivered here each Tuesday at 07:30 UTC.')).toBe('digest cron "30 7 * * 2" UTC');
  });

  it('a cron expression written without quotes is one value; one no cron accepts is never scheduled', () => {
    expect(r('schedule the digest on cron 15 6 * * 1-5 Europe/Paris')).toBe('digest cron "15 6 * * 1-5" Europe/Paris');
    expect(r('digests via cron 0 18 * * fri for aks-green')).toBe('digest cron "0 18 * * fri" for aks-green');
    expect(normaliseText('set digest cron 0 7 * * 1').tokens).toContain('"0 7 * * 1"');
    expect(r('schedule the digest on cron 99 6 * * 1-5')).not.toMatch(/^digest cron/);
  });

  it('image filters in words: "severity or higher", "that have a fix", "only what is deployed", a slip in the filter word', () => {
    expect(r('show image findings of critical severity or higher that have a fix available on aks-blue')).toBe('vulnerabilities severity critical fixable on aks-blue');
    expect(r('fixable image vulns runnig on aks-blue')).toBe('vulnerabilities fixable running on aks-blue');
    // a filter in a list after the clause that names images is still that filter
    expect(r('image cves on aks-blue: critical and up, only what is deployed')).toBe('vulnerabilities severity critical running on aks-blue');
  });

  it('the order after business context, a ticket or a policy name: read from the request, not from the story', () => {
    expect(r('After the partner left, 192.0.2.0/28 should no longer have control plane access on aks-green. Please take it off.')).toBe('remove 192.0.2.0/28 from allowlist on aks-green');
    expect(r('Permit orders-web to call orders-api on port 8080 in line with the zero-trust baseline.')).toBe('allow orders-web to orders-api on 8080');
    expect(r('Allowlist 192.0.2.33 on aks-blue for 2 hours (ticket INC-55120)')).toBe('allowlist 192.0.2.33 for 2h on aks-blue');
    expect(r('We are moving to a zero trust model. Please start with the orders namespace on aks-blue.')).toBe('zero-trust orders on aks-blue');
    expect(r('I believe our architect said to put store on zero trust, can you do that on aks-weave?')).toBe('zero-trust store on aks-weave');
    expect(r('default-deny for orders on aks-blue, but keep DNS working')).toBe('zero-trust orders on aks-blue');
    expect(r('The security board is clear that services must not be reachable from the internet without controls. Please put billing-gw on an internal load balancer.')).toBe('make billing-gw internal');
  });

  it('non-native order and courtesy: "not more public", "only X can enter, configure so", "do the needful", "would it be ok to"', () => {
    expect(r('please billing-gw not more public')).toBe('make billing-gw internal');
    expect(r('For orders-web only 198.51.100.9 can enter, configure it accordingly please.')).toBe('restrict orders-web to 198.51.100.9');
    expect(r('kindly do the needful and put my ip on the aks-blue allowlist for 1 hour')).toBe('allowlist my ip for 1h on aks-blue');
    expect(r('would it be ok to add 192.0.2.10 to the api server allowlist on aks-green? it is our runner')).toBe('allowlist 192.0.2.10 on aks-green');
    expect(r('is it ok if I look at what is exposed on aks-blue?')).toBe('exposure on aks-blue');
    expect(r("Don't touch orders-web, I only want to know is it public now.")).toBe('exposure orders-web');
  });

  it('"my IP is not allowed" beside a request is the problem, not a "not"; after "make sure" it is no request to add it', () => {
    expect(r('kubectl hangs on aks-green, maybe my address is not allowlisted? can you add me for 2 hours')).toBe('allowlist my ip for 2h on aks-green');
    expect(r('make sure my ip is not allowed on aks-green')).not.toMatch(/^allowlist/);
  });

  it('a past change asked with "has" is the audit; installing a tool is nothing we do; area trends said as a score', () => {
    expect(r('who has removed the restriction on billing-gw?')).toBe('audit');
    expect(r('how do I install kubectl on my laptop?')).toBe('lost');
    expect(r('control plane score trend for aks-green over the past 3 weeks')).toBe('trend control plane on aks-green for 21d');
    expect(r('img trend for aks-blue, 10d')).toBe('trend images on aks-blue for 10d');
  });
});

describe('round 9b: formal nouns, lengths said in words, wishes said as states', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const r = (words: string) => sure(read(words, SNAP));

  it('the formal voice names the act: "requesting removal of X", "the addition of Y", "provide", "an executive summary of"', () => {
    expect(r('Requesting removal of 192.0.2.128/25 from the aks-green allowlist.')).toBe('remove 192.0.2.128/25 from allowlist on aks-green');
    expect(r('We request the addition of 198.51.100.40 to the aks-blue authorized ranges.')).toBe('allowlist 198.51.100.40 on aks-blue');
    expect(r('Provide the authorized ranges of aks-green.')).toBe('ip ranges on aks-green');
    expect(r('Give me an executive summary of the security posture of aks-weave.')).toBe('status on aks-weave');
  });

  it('reads said roundabout: "what is going on with security", "what does the trend look like", "are we compliant", "what is zero trust"', () => {
    expect(r("what's going on with security on aks-green")).toBe('status on aks-green');
    expect(r('What does the trend look like for network policies on aks-weave over 45 days?')).toBe('trend network policy on aks-weave for 45d');
    expect(r('are we compliant on aks-blue?')).toBe('status on aks-blue');
    expect(r('what is zero trust?')).toBe('help');
    expect(r('show fixable crits on aks-blue')).toBe('vulnerabilities severity critical fixable on aks-blue');
  });

  it('a stopped digest named by how often it comes is still the digest; a question to the room is no request', () => {
    expect(r('cancel the weekly scheduled digest')).toBe('digest off');
    expect(r('kill the recurring digest in this chat')).toBe('digest off');
    expect(r('the printer on floor 3 is jammed again, anyone else?')).toBe('lost');
    expect(r('good afternoon to everyone')).toBe('hello');
    expect(r('anybody home?')).toBe('hello');
  });

  it('lengths in words: "half an hour", "an hour and a half"; "for the afternoon" is asked unless a length is also said', () => {
    expect(r('allowlist my ip on aks-green for half an hour')).toBe('allowlist my ip for 30m on aks-green');
    expect(r('allowlist 192.0.2.50 on aks-blue for an hour and a half')).toBe('allowlist 192.0.2.50 for 90m on aks-blue');
    expect(r('allowlist my ip on aks-green for the afternoon')).toBe('ask');
    expect(r('allowlist my ip on aks-green for the afternoon, say 3 hours')).toBe('allowlist my ip for 3h on aks-green');
    // "this morning" says when something happened, never how long a change lasts
    expect(normaliseText('it broke this morning').tokens).toContain('morning');
  });

  it('a wish said as a state: "I need my laptop\'s ip allowed on the API", "we want A allowed to call B"; a "not" or a question stays', () => {
    expect(r("I need my laptop's ip allowed on the aks-green api for 2 hours")).toBe('allowlist my ip for 2h on aks-green');
    expect(r('we want orders-web allowed to call orders-api on 8080')).toBe('allow orders-web to orders-api on 8080');
    expect(r('do we want orders-web allowed to call orders-api on 8080?')).not.toMatch(/^allow /);
    expect(r("we don't want orders-web allowed to call orders-api")).not.toMatch(/^allow /);
  });
});

describe('round 9b: non-native forms of a request or a question', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const r = (words: string) => sure(read(words, SNAP));

  it('"You can put X …?" and "It is possible to …?" ask for it to be done; "you can not …" keeps its "not"', () => {
    expect(r('You can put my IP in the list of aks-green for three hours?')).toBe('allowlist my ip for 3h on aks-green');
    expect(r('It is possible to remove 192.0.2.77 from the allow list of aks-blue?')).toBe('remove 192.0.2.77 from allowlist on aks-blue');
    expect(r('you can not make orders-web public')).not.toMatch(/^make /);
  });

  it('"which IP can enter the API" is the cluster\'s API; "the state of defender" its status; "close X to internet" makes it internal', () => {
    expect(r('For the cluster aks-blue, which IP can enter to the API?')).toBe('ip ranges on aks-blue');
    expect(r('what is the state of defender on aks-green?')).toBe('defender status on aks-green');
    expect(r('Close billing-gw to internet.')).toBe('make billing-gw internal');
  });
});

describe('round 9: the wrong writes a seventh writer found', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('a condition of time or approval at the start ("once …, ", "when …, ") holds the change back; courtesy does not', () => {
    const held = read('once the release manager approves, make billing-gw internal', SNAP);
    expect(held.kind).toBe('ask');
    expect(buttons(held)).toEqual(['make billing-gw internal']);
    expect(read('when the load test is finished, zero-trust orders', SNAP).kind).toBe('ask');
    expect(sure(read('when you get a chance, make billing-gw internal', SNAP))).toBe('make billing-gw internal');
  });

  it('"should we <change>?" asks for advice, even when another sentence asks for something: the change is never run', () => {
    for (const text of ['Should we disable the ip ranges on aks-green during the upgrade? List the risks.', 'should I unrestrict billing-gw for the partner? thoughts welcome']) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' && proposesChange(u.command)).toBe(false);
    }
  });

  it('an added range where the words want it alone ("only", "the rest", "replace") is offered both ways, never planned', () => {
    const u = read('on aks-green change the allowed ranges: keep only 192.0.2.0/26 and drop the rest', SNAP);
    expect(u.kind).toBe('ask');
    expect(buttons(u)).toContain('set ip ranges 192.0.2.0/26 on aks-green');
    expect(sure(read('add 192.0.2.9 to the allowlist on aks-green only for 3 hours', SNAP))).toBe('allowlist 192.0.2.9 for 3h on aks-green');
  });

  it('an API-server change is never run from words about a workload ("the shop site should only be visible from …")', () => {
    expect(read('the billing site should only be visible from our branch, 192.0.2.0/26. can you set that up?', SNAP).kind).not.toBe('sure');
    // a closing "can you set that up?" carries out what was said before it; its "set" is no order of its own
    expect(sure(read('billing-gw should only be reachable from 192.0.2.0/26, can you set that up?', SNAP))).toBe('restrict billing-gw to 192.0.2.0/26');
  });
});

describe('round 10b: outcome words, architect terms, non-native and terse requests', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const r = (words: string) => sure(read(words, SNAP));

  it('a reason with "not" before ", so please …" is context; "internal until <an event>" is internal; a "not" in the request stays', () => {
    expect(r("The audit hasn't finished, so please take billing-gw off the public internet until go-live.")).toBe('make billing-gw internal');
    expect(r("we aren't ready, so please don't make billing-gw public")).not.toMatch(/^make /);
  });

  it('a correction naming what was not meant is dropped; "do the zero trust for namespace X" is zero trust for X', () => {
    expect(r('from today please work on green cluster, not on blue one')).toBe('use cluster aks-green');
    expect(r('do the zero trust for namespace orders on aks-blue')).toBe('zero-trust orders on aks-blue');
  });

  it('terse: "ranges off <cluster>" switches the ranges off there; "defender <cluster>" is its status', () => {
    expect(r('ranges off green')).toBe('disable ip ranges on aks-green');
    expect(r('defender green')).toBe('defender status on aks-green');
  });

  it('the posture report sent now is the digest; "getting more secure over time" is the trend; the overall posture with its areas listed is the status', () => {
    expect(r('Post the security summary right now please, the board is waiting.')).toBe('digest now');
    expect(r('Is the team getting more secure over time? Show the last 60 days.')).toBe('trend for 60d');
    expect(r('Please report the overall posture of aks-green: exposure, images and network policies.')).toBe('status on aks-green');
  });

  it('architect terms: ILB/SLB, a private IP in the VNet, the ILB frontend subnet, enablePrivateCluster, a fixed version available', () => {
    expect(r('billing-gw should sit behind the ILB instead of the public SLB.')).toBe('make billing-gw internal');
    expect(r('Move billing-gw onto the internal LB, frontend in subnet edge-subnet.')).toBe('make billing-gw internal subnet edge-subnet');
    expect(r('Is aks-green built with enablePrivateCluster?')).toBe('private cluster on aks-green');
    expect(r('list critical image vulnerabilities with a fixed version available on aks-blue')).toBe('vulnerabilities severity critical fixable on aks-blue');
    expect(r('Which CVEs does the orders-api repository carry?')).toBe('vulnerabilities orders-api');
  });

  it('who may see it, said as an outcome, is a restriction; the "<name> site" is that name\'s -web Service only if it exists', () => {
    expect(r('Only our pilot users at 192.0.2.64/26 should be able to see billing-gw.')).toBe('restrict billing-gw to 192.0.2.64/26');
    expect(r('is the orders site open to the public?')).toBe('exposure orders-web');
    expect(read('make the ledger site internal please', SNAP).kind).not.toBe('sure');
  });

  it('access asked for oneself is my address on the allowlist; an address that "needs access to" a cluster is that address', () => {
    expect(r('please give me access to aks-green for two hours')).toBe('allowlist my ip for 2h on aks-green');
    expect(r('I need temporary cluster access from my laptop for 3 hours to finish the upgrade on aks-blue.')).toBe('allowlist my ip for 3h on aks-blue');
    expect(r('The auditor works from 192.0.2.45 and needs access to aks-green for a day')).toBe('allowlist 192.0.2.45 for 1d on aks-green');
  });

  it('plain words: scanning images is Defender, "critical or high" is high, what protects a namespace from the other apps is its policies', () => {
    expect(r('Is anyone scanning our container images at all?')).toBe('defender status');
    expect(r('how many critical or high security holes do the images on aks-blue have?')).toBe('vulnerabilities severity high on aks-blue');
    expect(r('list the findings with CVSS critical on aks-blue')).toBe('vulnerabilities severity critical on aks-blue');
    expect(r('Is anything protecting the orders data from the other apps on aks-blue?')).toBe('network policies in orders on aks-blue');
  });

  it('non-native order "the authorized range of X change to only Y" sets it; "throw out X from allowlist" removes it; "let it through" allows', () => {
    expect(r('authorized range of aks-green change to only 192.0.2.0/25 please')).toBe('set ip ranges 192.0.2.0/25 on aks-green');
    expect(r('please throw out 192.0.2.0/27 from allowlist of aks-blue')).toBe('remove 192.0.2.0/27 from allowlist on aks-blue');
    expect(r('orders-web has to pull data from orders-api on port 8080, please let it through.')).toBe('allow orders-web to orders-api on 8080');
  });

  it('"a default-deny ingress and egress baseline" is zero trust; "can X be reached from the internet at all?" is the reach question', () => {
    expect(r('Apply a default-deny ingress and egress baseline to orders on aks-blue.')).toBe('zero-trust orders on aks-blue');
    expect(r('Could orders-api on aks-blue be reached from the internet at all?')).toBe('can internet reach orders-api on aks-blue');
  });

  it('"the release is tomorrow! <request>" sets the scene; "keeping DNS and the flows the app really needs" is what zero trust keeps', () => {
    expect(r('The demo is today! Make billing-gw public on aks-blue.')).toBe('make billing-gw public on aks-blue');
    expect(r('Put a default-deny baseline on orders on aks-blue, keeping DNS and the flows the app really needs.')).toBe('zero-trust orders on aks-blue');
  });

  it('"kick X out of the allowlist" removes it; "visible to the outside world" is exposure; "email the security summary now" is the digest', () => {
    expect(r('kick 192.0.2.19 out of the allowlist on aks-green')).toBe('remove 192.0.2.19 from allowlist on aks-green');
    expect(r('please remove 192.0.2.21 of the allowlist on aks-green')).toBe('remove 192.0.2.21 from allowlist on aks-green');
    expect(r('Is billing-gw visible to the outside world?')).toBe('exposure billing-gw');
    expect(r('could you email the posture overview right now')).toBe('digest now');
  });

  it('"<address> add to the authorized ranges of X" adds it; "is the API server reachable over a public FQDN" is the private-cluster question', () => {
    expect(r('our partner proxy 192.0.2.128/26 add to authorized ranges of aks-green')).toBe('allowlist 192.0.2.128/26 on aks-green');
    expect(r('is the API server of aks-green exposed over a public FQDN?')).toBe('private cluster on aks-green');
  });

  it('a short order with a question mark ("disable ranges?") offers the change beside the read, and runs nothing', () => {
    for (const text of ['switch off ranges?', 'disable ranges on aks-green?']) {
      const u = read(text, SNAP);
      expect(u.kind).toBe('ask');
      expect(u.kind === 'ask' && u.options.map((o) => o.command).some((c) => proposesChange(c))).toBe(true);
    }
    expect(sure(read('are the ip ranges on aks-green disabled?', SNAP))).toBe('ip ranges on aks-green');
  });

  it('"before I raise the change:" frames a what-if question; the change is never run', () => {
    const u = read('Before I file the change request: what would break if we disabled authorized IP ranges on aks-green?', SNAP);
    expect(u.kind).toBe('ask');
    expect(u.kind === 'ask' && u.options.some((o) => proposesChange(o.command))).toBe(false);
  });
});

describe('round 10a: pasted runbooks, tickets and YAML; requests passed on by someone else', () => {
  const said = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const plain = (u: Understanding) => u.kind !== 'sure' || !proposesChange(u.command);

  it('a fenced terminal line is read as its words, and "do the same here" orders it', () => {
    expect(readPasted('```\n$ kubectl config use-context aks-green\nSwitched to context "aks-green".\n```\nmirror that please, do the same for this thread')).not.toMatch(/Switched/);
    expect(said(read('```\n$ kubectl config use-context aks-green\nSwitched to context "aks-green".\n```\ndo the same for this thread', SNAP))).toBe('use cluster aks-green');
  });

  it('a paste nobody can read (tool output, an error) leaves the message as it was: no reading is made up from the ask alone', () => {
    const text = '```\nE0101 12:00:00 reflector.go: failed to list: connection refused\n```\nwhat causes this?';
    expect(readPasted(text)).toBe(text);
    expect(read(text, SNAP).kind).toBe('lost');
  });

  it('a fenced delete is still a delete: nothing is planned', () => {
    const u = read('```\nkubectl delete deployment orders-api -n orders\n```\nrun this on aks-blue', SNAP);
    expect(plain(u)).toBe(true);
  });

  it('YAML keys carry the values (names, namespaces, address lists, the internal-LB annotation); the ask around decides', () => {
    expect(readPasted('```yaml\nspec:\n  loadBalancerSourceRanges:\n  - 192.0.2.0/26\n```')).toContain('192.0.2.0/26');
    expect(readPasted('```yaml\nmetadata:\n  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n```')).toContain('internal load balancer');
    expect(said(read('Apply this to service billing-gw in orders:\n```yaml\nspec:\n  loadBalancerSourceRanges:\n  - 192.0.2.0/26\n```', SNAP))).toBe('restrict billing-gw to 192.0.2.0/26 in orders');
    // a value the ask already names is said once
    expect(readPasted('```yaml\nmatchLabels:\n  app: orders-web\n```\nallow orders-web to orders-api on 8080 please')).toBe('allow orders-web to orders-api on 8080 please');
  });

  it('a quoted runbook step with "do that / execute / go" around it is the order; where it is filed is context', () => {
    expect(said(read('Runbook OPS-7 step 2: "Put zero trust on the orders namespace before the cutover." Execute on aks-blue.', SNAP))).toBe('zero-trust orders on aks-blue');
    expect(readPasted('Runbook step 3: "Add the operator\'s public IP to the authorized ranges (2h)." Do that for me on aks-green.')).toBe('Add my public IP to the authorized ranges for 2h on aks-green.');
    // a question about a quoted step is no order to carry it out
    expect(plain(read('From the wiki: "make billing-gw public on aks-blue" - does that need a second approver?', SNAP))).toBe(true);
  });

  it('ticket and change ids, "Step N", "Checklist item N" and a rollback section are context only', () => {
    expect(readPasted('INC-7781 (aks-green): who changed the allowlist?')).toBe('(aks-green): who changed the allowlist?');
    expect(readPasted('is CVE-2021-44228 in orders-web?')).toBe('is CVE-2021-44228 in orders-web?');
    expect(readPasted('CR-5521 (tidy-up): remove 192.0.2.9/32 from the aks-green allowlist')).toBe('remove 192.0.2.9/32 from the aks-green allowlist');
    expect(readPasted('Step 12 rollback - remove the internal-LB annotation from billing-gw')).toBe('make billing-gw public');
    expect(readPasted('Monthly patch checklist:\n- severity: high\n- fix available: yes\nfill it in')).not.toMatch(/monthly/i);
  });

  it('a reported request ("X asks us to …", "the ops team asks to …") is what we are asked: still a plan a human approves', () => {
    expect(secondHand('the billing team asks us to make billing-gw internal')).toBe('please make billing-gw internal');
    expect(said(read('Priya from finance asks to make billing-gw internal on aks-blue', SNAP))).toBe('make billing-gw internal on aks-blue');
    expect(secondHand('Jonas needs his laptop 192.0.2.9 allowed on aks-green')).toBe('we need his laptop 192.0.2.9 allowed on aks-green');
    // (a capitalised thing is no person: its name stays)
    expect(secondHand('Orders needs a lockdown on aks-blue')).toBe('Orders needs a lockdown on aks-blue');
  });

  it('a reported question is the question; "I asked to …" is no report', () => {
    expect(secondHand('the auditor wants to know if orders-web can reach the internet')).toBe('can you check if orders-web can reach the internet');
    expect(secondHand('Mia asks: is aks-green private?')).toBe('is aks-green private?');
    expect(secondHand('I accidentally asked to zero-trust orders')).toBe('I accidentally asked to zero-trust orders');
  });

  it('a reported purpose ("to debug") and complaint ("is reachable and shouldn\'t be") are context; a wanted state is the request', () => {
    expect(secondHand('Jonas needs his laptop 192.0.2.9 allowed on aks-green for 3 hours to troubleshoot')).toBe('we need his laptop 192.0.2.9 allowed on aks-green for 3 hours');
    expect(said(read("ops says billing-gw is exposed to the internet and shouldn't be, they want it internal only", SNAP))).toBe('make billing-gw internal');
    // (the same words with no reporter are not rewritten)
    expect(secondHand('billing-gw is open to the world and shouldn\'t be')).toBe('billing-gw is open to the world and shouldn\'t be');
  });

  it('"need the equivalent:" refers to the paste; our own read quoted and asked about ("what\'s in there?") is that read', () => {
    expect(said(read('```yaml\nmatchLabels:\n  app: orders-web\n```\nwe need the equivalent: orders-web -> orders-api on 8080, please add it', SNAP))).toBe('allow orders-web to orders-api on 8080');
    expect(said(read('the onboarding doc only says `palisade approvals` - what does that show?', SNAP))).toBe('approvals');
    // a change quoted the same way is only offered, never planned
    expect(plain(read('the onboarding doc says `palisade make billing-gw public` - what does it do?', SNAP))).toBe(true);
  });

  it('a markdown quote is a quoted step; "can you do that on X?" carries it out; "#1234" and "is asking us to" are read too', () => {
    expect(said(read('> Step 3: make billing-gw internal\ncan you do that on aks-blue?', SNAP))).toBe('make billing-gw internal on aks-blue');
    expect(said(read("Runbook says: 'Put zero trust on the orders namespace.' Could you do that on aks-blue?", SNAP))).toBe('zero-trust orders on aks-blue');
    expect(secondHand('ops is asking us to make billing-gw internal')).toBe('please make billing-gw internal');
    expect(readPasted('make billing-gw internal, #4411')).toBe('make billing-gw internal,');
  });

  it('a pasted manifest with no ask to carry it out, or a question about it, is never planned; a quoted delete stays refused', () => {
    const manifest = '```yaml\nmetadata:\n  name: billing-gw\n  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n```\n';
    for (const text of [`${manifest}fyi`, `${manifest}what does this do?`, 'here is the svc yaml for billing-gw\n```yaml\nspec:\n  loadBalancerSourceRanges:\n  - 192.0.2.0/26\n```', "Runbook step 9: 'Delete the orders namespace.' Execute on aks-blue."])
      expect(plain(read(text, SNAP))).toBe(true);
  });

  it('a pasted terminal line\'s own target is kept: a change that would run elsewhere is asked about', () => {
    expect(pastedToolTargets('```\naz aks update -g rg -n aks-green --api-server-authorized-ip-ranges ""\n```\ndo the same')).toEqual(['aks-green']);
    expect(plain(read('```\naz aks update -g rg -n aks-green --api-server-authorized-ip-ranges ""\n```\ndo the same on aks-blue', SNAP))).toBe(true);
  });

  it('"do step N" of a pasted numbered list orders that step; "go ahead" carries out a quoted step introduced by a label', () => {
    expect(said(read('Cutover list:\n1. show exposure\n2. make billing-gw internal\nplease do step 2 on aks-blue', SNAP))).toBe('make billing-gw internal on aks-blue');
    expect(plain(read('Cutover list:\n1. make billing-gw public\n2. show exposure\nrun step 2 on aks-blue', SNAP))).toBe(true);
    expect(said(read('Section 4 of the playbook: "Turn on Defender for Containers for the cluster." Go ahead on aks-green.', SNAP))).toBe('enable defender for containers on aks-green');
  });

  it('a reported "don\'t touch X" is never a change', () => {
    for (const text of ["fyi the client said 'please do NOT touch the ranges on aks-green this week'", 'user asks us not to make billing-gw public']) expect(plain(read(text, SNAP))).toBe(true);
  });
});

describe('round 10: the wrong writes a ninth writer found', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('a dry run ("--dry-run", "dry run:") is a preview: the change is one button, never planned; a read is answered', () => {
    for (const text of ['unrestrict billing-gw --dry-run', 'dry run: make billing-gw internal on aks-blue', 'zero-trust orders (dry-run)']) {
      const u = read(text, SNAP);
      expect(u.kind).toBe('ask');
      expect(buttons(u)).toHaveLength(1);
    }
    expect(sure(read('exposure billing-gw --dry-run', SNAP))).toBe('exposure billing-gw');
  });

  it('a number before "ns" is a port, never a namespace a name is put in', () => {
    expect(sure(read('allow orders-web -> orders-api :8080 ns orders', SNAP))).toBe('allow orders-web to orders-api on 8080 in orders');
  });
});

describe('chat noise: emoji, emoticons, interjections, a shrugging "even", held letters', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('is no word of the request: the read or the change is what the rest says', () => {
    expect(sure(read('so which clusters can u even see haha', SNAP))).toBe('clusters');
    expect(sure(read('is defender even enabled tbh 🤔', SNAP))).toBe('defender status');
    expect(sure(read('hiii 😊', SNAP))).toBe('hello');
    expect(sure(read('zero-trust orders on aks-blue pls 🔐🙏', SNAP))).toBe('zero-trust orders on aks-blue');
  });

  it('an emoji that says no is a "not": never an order', () => {
    const u = read('🚫 make billing-gw public', SNAP);
    expect(u.kind === 'sure' && /public/.test(u.command)).toBe(false);
  });
});

describe('a thank-you with what it thanks for', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('is a thank-you; one followed by a request or a question is that request', () => {
    expect(sure(read('Brilliant, thank you for sorting that out so quickly.', SNAP))).toBe('thanks');
    expect(sure(read('thanks, that did the trick for the billing issue', SNAP))).toBe('thanks');
    expect(sure(read('thanks! could you also zero-trust orders on aks-blue', SNAP))).toBe('zero-trust orders on aks-blue');
    expect(sure(read('cheers, now make billing-gw internal', SNAP))).toBe('make billing-gw internal');
  });
});

describe('round 11: the wrong writes a tenth and an eleventh writer found', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('a change asked for on several targets ("both clusters", "every subscription") is asked about, one button per target', () => {
    for (const text of ['switch defender off for every subscription', 'make billing-gw internal on both clusters', 'allowlist my ip everywhere for 1h']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(buttons(u).length, text).toBeGreaterThan(1);
    }
    expect(sure(read('make billing-gw internal on aks-blue', SNAP))).toBe('make billing-gw internal on aks-blue');
  });

  it('"restrict it to X" does not say whether "it" is the API server or a Service: asked, never planned', () => {
    for (const text of ['restrict it to 192.0.2.0/24', 'lock that down to 192.0.2.0/24']) expect(read(text, SNAP).kind, text).toBe('ask');
    expect(sure(read('restrict the api server to 192.0.2.0/24', SNAP))).toBe('set ip ranges 192.0.2.0/24');
  });

  it('ranges given with "=" are their whole value: replacing them is offered first, adding is never planned', () => {
    const u = read('aks-green allowlist = 192.0.2.0/24, 198.51.100.0/25', SNAP);
    expect(u.kind).toBe('ask');
    expect(buttons(u)[0]).toBe('set ip ranges 192.0.2.0/24, 198.51.100.0/25 on aks-green');
  });

  it('a message with more words of its own than ours is still read when two of ours say what it asks', () => {
    expect(sure(read('grateful if you could list the clusters you have oversight of', SNAP))).toBe('clusters');
    // (an order of our own verb is not: "upgrade" is nothing Palisade does)
    expect(read('upgrade aks-green to kubernetes 1.33 tonight', SNAP).kind).toBe('lost');
  });
});

describe('round 11a: reads people ask in their own words', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a fix said as a noun or with a qualifier, or as a version bump, is the fixable filter', () => {
    for (const text of ['list image findings that have an upstream fix', 'findings with a vendor patch available please', 'show the vulnerabilities for which a patch is available', 'which cves could we close just by upgrading the base image?'])
      expect(sure(read(text, SNAP)), text).toBe('vulnerabilities fixable');
    expect(sure(read('what cves in orders-api could we patch', SNAP))).toBe('vulnerabilities orders-api fixable');
  });

  it('a level said after "rated" or "anything" is the severity filter when the message is about images', () => {
    expect(sure(read('which image findings are rated high on aks-green?', SNAP))).toBe('vulnerabilities severity high on aks-green');
    expect(sure(read('anything high in the green images?', SNAP))).toBe('vulnerabilities severity high on aks-green');
  });

  it('"what can this bot / Palisade do (for X)?" is the help, whatever reason follows', () => {
    for (const text of ['what can the bot do for platform folks?', 'What could Palisade actually do? it is my first week', 'which things can you do', 'what can palisade do, i need to onboard the team'])
      expect(sure(read(text, SNAP)), text).toBe('help');
  });

  it('the internet as the one who reaches ("can the outside world hit X", "X can be reached from the internet") is the reach question', () => {
    for (const text of ['can the outside world get to orders-web?', 'orders-web can be reached from the internet?', 'Could orders-web accept connections from the internet?', 'please verify that nobody on the public internet can reach orders-web'])
      expect(sure(read(text, SNAP)), text).toBe('can internet reach orders-web');
    // (whether it is reachable, exposed or public stays its exposure)
    expect(sure(read('is orders-web reachable from the internet?', SNAP))).toBe('exposure orders-web');
  });

  it('whether a workload can reach the internet is its way out: never asked against a Service\'s exposure', () => {
    expect(sure(read('can backup-job in store reach the internet on aks-weave?', SNAP))).toBe('can store/backup-job reach internet on aks-weave');
  });

  it('a score over time in other verbs ("more or less safe", "has trended", "why did it drop", "how it has moved") is the trend', () => {
    expect(sure(read('is the cluster getting better or worse secure over time?', SNAP))).toBe('trend');
    expect(sure(read('are things becoming more or less safe?', SNAP))).toBe('trend');
    expect(sure(read('how has the image posture of aks-green trended over the last 30 days?', SNAP))).toBe('trend images on aks-green for 30d');
    expect(sure(read('why did the posture of aks-green fall? show me how it has developed', SNAP))).toBe('trend on aks-green');
  });

  it('"…, how do I see it?" after the thing named asks for that thing; "take a look at X" shows X; a closing "whatever" is no word', () => {
    expect(sure(read('my lead wants the posture trend, how do I see it?', SNAP))).toBe('trend');
    expect(sure(read('take a look at the network policies in orders', SNAP))).toBe('network policies in orders');
    expect(sure(read('trend green last 3 weeks or whatever', SNAP))).toBe('trend on aks-green for 21d');
  });

  it('the conversation\'s cluster asked for oneself, with the reason beside it, is `use cluster`', () => {
    for (const text of ['move me over to green, tired of typing it', 'could you set my default to aks-green so we no longer need to type it every time', 'all my work today is on aks-green, please make that my default'])
      expect(sure(read(text, SNAP)), text).toBe('use cluster aks-green');
  });

  it('a list asked as a document, and what it is for, is the list', () => {
    for (const text of ['I need the complete list of clusters we operate, for the annual audit', 'teach me what clusters exist', 'kindly provide the list of clusters within scope of the pen test'])
      expect(sure(read(text, SNAP)), text).toBe('clusters');
  });

  it('firewall or traffic rules between pods or namespaces are the network policies; "per namespace" names no namespace', () => {
    expect(sure(read('which traffic rules exist between the namespaces?', SNAP))).toBe('network policies');
    expect(sure(read('list the policies per namespace on aks-weave', SNAP))).toBe('network policies on aks-weave');
  });

  it('a read asked for as a deliverable, with a deadline, is that read (a digest asked so is still the digest)', () => {
    expect(sure(read('could we have the exposure overview for aks-green by end of day?', SNAP))).toBe('exposure on aks-green');
    expect(sure(read('netpol rundown for green', SNAP))).toBe('network policies on aks-green');
    expect(sure(read('can we get a posture summary sent here every friday at 8?', SNAP))).not.toMatch(/^(?:status|exposure|network)/);
  });

  it('"is X zero-trusted yet?" asks for X\'s network policies, never the change', () => {
    expect(sure(read('is orders on aks-blue zero-trusted yet?', SNAP))).toBe('network policies in orders on aks-blue');
  });

  it('a question about who reaches the API server is its ranges, never the exposure of Services it does not name', () => {
    expect(sure(read('can anybody on the internet hit our control plane?', SNAP))).toBe('ip ranges');
    expect(sure(read('who can connect to the control plane? is it open to the world?', SNAP))).toBe('ip ranges');
    expect(sure(read('can anyone out on the internet hit the kubernetes api of aks-green', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('from which ips can I use kubectl against the cluster?', SNAP))).toBe('ip ranges');
    expect(sure(read('what entries are in the temporary allowlist of aks-green, and when will they expire?', SNAP))).toBe('ip ranges on aks-green');
    // (a Service named beside it is still asked about)
    expect(sure(read('is orders-web exposed to the internet?', SNAP))).toBe('exposure orders-web');
  });

  it('an API server "not publicly reachable" is whether the cluster is private', () => {
    expect(sure(read('please show evidence that the apiserver of aks-green is not publicly accessible', SNAP))).toBe('private cluster on aks-green');
  });

  it('an external IP is a public one; "how are we looking" is the posture', () => {
    expect(sure(read('does anything have an external IP on aks-blue?', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('how are things looking on aks-green?', SNAP))).toBe('status on aks-green');
  });

  it('"can A hit B?" between two workloads, "is it possible for A to go to B?", "A -> B, blocked or not" ask whether A reaches B', () => {
    expect(sure(read('on aks-blue can orders-web hit orders-api?', SNAP))).toBe('can orders-web reach orders-api on aks-blue');
    expect(sure(read('It is possible for orders-web to go to orders-api on 8080?', SNAP))).toBe('can orders-web reach orders-api on 8080');
    expect(sure(read('orders-web -> orders-api 8080, allowed or not', SNAP))).toBe('can orders-web reach orders-api on 8080');
    // (the people on the internet doing it stay the exposure question)
    expect(sure(read('can anyone hit orders-web?', SNAP))).toBe('exposure orders-web');
  });

  it('"Defender is running / active" is its status (how it is billed is context); "pull (up) the posture" shows it', () => {
    expect(sure(read('is Defender for Containers active on aks-green? it is charged per node', SNAP))).toBe('defender status on aks-green');
    expect(sure(read('could you pull up the security posture of aks-green', SNAP))).toBe('status on aks-green');
    // (pulling a Service off the internet is still that change, asked or planned, never a read)
    expect(read('pull orders-web off the internet', SNAP)).not.toMatchObject({ kind: 'sure', command: expect.stringMatching(/^status/) });
  });

  it('what still waits for approval, and has to be cleared first, is the approvals list', () => {
    expect(sure(read('release at noon; anything still waiting for approval needs to be handled first, show them', SNAP))).toBe('approvals');
  });

  it('"what are X exactly, and do we have any?" asks whether we have X', () => {
    expect(sure(read('what are vulnerabilities actually, and do we have any on aks-green?', SNAP))).toBe('vulnerabilities on aks-green');
  });

  it('a thank-you reporting what it fixed is a thank-you, even naming a workload; one that asks for more is not', () => {
    expect(sure(read('thanks, that solved the orders-api problem', SNAP))).toBe('thanks');
    expect(sure(read('thanks, that fixed orders-web, can you also restrict it', SNAP))).not.toBe('thanks');
  });

  it('an area asked about as better or worse, or "safer than last month", is that trend', () => {
    expect(sure(read('has the exposure on aks-green gotten worse?', SNAP))).toBe('trend exposure on aks-green');
    expect(sure(read('have our images improved?', SNAP))).toBe('trend images');
    expect(sure(read('is the cluster more secure than last quarter?', SNAP))).toBe('trend');
  });

  it('appreciation without "thanks", "what are you capable of", environments, "what do we expose", "the rundown on X"', () => {
    expect(sure(read('perfect, that is just what I was looking for!', SNAP))).toBe('thanks');
    expect(sure(read('what is this bot good for?', SNAP))).toBe('help');
    expect(sure(read('list all the environments you can see', SNAP))).toBe('clusters');
    expect(sure(read('what do we expose to the internet on aks-green?', SNAP))).toBe('exposure on aks-green');
    expect(sure(read('quick rundown on aks-weave please', SNAP))).toBe('status on aks-weave');
  });

  it('the posture asked as worries, the current score or the big picture; segmentation is the network policies', () => {
    expect(sure(read('is there anything we ought to be concerned about on aks-green?', SNAP))).toBe('status on aks-green');
    expect(sure(read('what is our latest security score?', SNAP))).toBe('status');
    expect(sure(read('just the big picture please', SNAP))).toBe('status');
    expect(sure(read('how is the network segmentation on aks-weave?', SNAP))).toBe('network policies on aks-weave');
  });

  it('"which clusters can I work with", "how do I talk to you", "any tips on using the bot", "is anybody there?"', () => {
    expect(sure(read('which clusters are we allowed to use?', SNAP))).toBe('clusters');
    expect(sure(read('how should we talk to the bot?', SNAP))).toBe('help');
    expect(sure(read('any pointers on working with palisade?', SNAP))).toBe('help');
    expect(sure(read('hey, is someone there?', SNAP))).toBe('hello');
  });

  it('a read handed over ("share the list of ranges", "document the policies applied to X") is shown; "the API of kubernetes" is the API server', () => {
    expect(sure(read('Please share the list of authorised IP ranges for the aks-green API server.', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('Please document the network policies applied to the orders namespace.', SNAP))).toBe('network policies in orders');
    expect(sure(read('Who has access to the API of the cluster?', SNAP))).toBe('ip ranges');
  });

  it('modifications are changes (the audit); "the evolution of the posture" is its trend', () => {
    expect(sure(read('all modifications on aks-green during the last 3 days', SNAP))).toBe('audit since 3d on aks-green');
    expect(sure(read('show the evolution of the security posture of aks-green', SNAP))).toBe('trend on aks-green');
  });

  it('"how do I use you for X?" is the help; "how do I see which X?" shows X', () => {
    expect(sure(read('how can we use you for the allowlist stuff?', SNAP))).toBe('help');
    expect(sure(read('someone said the API server is locked to a few IPs. how can I check which IPs are allowed today?', SNAP))).toBe('ip ranges');
  });

  it('the NSG rules behind LoadBalancer Services are their exposure; a comparison with another cluster is context', () => {
    expect(sure(read('list the LoadBalancer services with their NSG rules on aks-blue', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('is aks-green really private? wondering how it differs from the blue one', SNAP))).toBe('private cluster on aks-green');
  });

  it('"in the last day", "does X have a public API endpoint?", "set X as my cluster", the security history', () => {
    expect(sure(read('what changed on aks-green in the past day?', SNAP))).toBe('audit since 24h on aks-green');
    expect(sure(read('does aks-green still expose a public api endpoint?', SNAP))).toBe('private cluster on aks-green');
    expect(sure(read('pick aks-weave as our cluster', SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('can I see the security history?', SNAP))).toBe('trend');
  });

  it('what one is starting, said after a greeting, is the greeting\'s context', () => {
    expect(sure(read('good morning! beginning the blue lab today', SNAP))).toBe('hello');
  });

  it('non-native forms of reads: "what is possible to do with you?", "the rules of network", "A can speak with B?", "which have correction"', () => {
    expect(sure(read('what is possible to do with palisade?', SNAP))).toBe('help');
    expect(sure(read('show the rules of network in orders', SNAP))).toBe('network policies in orders');
    expect(sure(read('orders-web can communicate with orders-api?', SNAP))).toBe('can orders-web reach orders-api');
    expect(sure(read('list vulnerabilities that have patch', SNAP))).toBe('vulnerabilities fixable');
  });

  it('why a workload needs the way out ("it calls the ledger provider") is context, never a namespace', () => {
    expect(sure(read('can shop-front in store reach the internet on 443 on aks-weave? it talks to the ledger vendor', SNAP))).toBe('can store/shop-front reach internet on 443 on aks-weave');
  });
});

describe('round 11c: lines that must not become the change they mention', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('an order not to change something is a question card offering its state, never the change', () => {
    for (const [text, state] of [
      ['never put 0.0.0.0/0 on the allowlist of green', 'ip ranges on aks-green'],
      ['do NOT switch off the authorized ranges on aks-blue', 'ip ranges on aks-blue'],
      ["don't make billing-gw public", 'exposure billing-gw'],
      ['we should never turn off defender on green without a ticket', 'defender status on aks-green'],
    ]) {
      const u = read(text, SNAP);
      expect(u, text).toMatchObject({ kind: 'ask', options: [{ command: state }] });
      expect(u.kind === 'ask' && u.question, text).toMatch(/^You said not to, so I won't/);
    }
    // (a bare "not X" corrects a name: no change, nothing offered)
    expect(read('not orders-web', SNAP)).toMatchObject({ kind: 'lost', negated: true });
  });

  it('a "not" beside a wish to see the state answers that state', () => {
    expect(sure(read("lol don't make orders-web internal, I was only asking if it's public", SNAP))).toBe('exposure orders-web');
    expect(sure(read('I did not mean to restrict billing-gw - can you check what it is set to now?', SNAP))).toBe('exposure billing-gw');
    expect(sure(read('we never wanted to disable defender on green, is it still on? I just want to see', SNAP))).toBe('defender status on aks-green');
    // ("just asking if that is possible" asks no state: nothing is read for it)
    expect(read("could you make billing-gw public? just asking if that's possible, don't do it", SNAP).kind).not.toBe('sure');
  });

  it('a question about a past change is the audit, with the time said', () => {
    expect(sure(read('did anybody turn off defender on green lately?', SNAP))).toBe('audit on aks-green');
    expect(sure(read('did somebody restrict orders-web?? my tests fail', SNAP))).toBe('audit');
    expect(sure(read('ref CHG-118: was billing-gw made internal before the release went out?', SNAP))).toBe('audit');
    expect(sure(read('someone removed the zero trust from orders. who signed off on that?', SNAP))).toBe('audit');
    expect(sure(read('Send me the log of the allowlist changes on aks-blue this month', SNAP))).toBe('audit since this month on aks-blue');
    // (without "did", with "already": the state of the thing)
    expect(sure(read('has anybody restricted orders-web already?', SNAP))).toBe('exposure orders-web');
    // (a question whether I did it already, "I don't want to do it twice", is its state; so is "already limited to X?")
    expect(sure(read('hmm, did we already zero-trust orders? I do not want to do it twice', SNAP))).toBe('network policies in orders');
    expect(sure(read('is billing-gw already limited to 198.51.100.0/24, or is that still to do?', SNAP))).toBe('exposure billing-gw');
    expect(sure(read('has orders been zero-trusted already?', SNAP))).toBe('network policies in orders');
  });

  it('a "not" in the reason, or about someone else, never negates the request', () => {
    expect(sure(read("switch billing-gw back to a public address, the partners can't open it any more", SNAP))).toBe('make billing-gw public');
    expect(sure(read('billing-gw on aks-blue must not have an external IP. Move it behind the internal load balancer.', SNAP))).toBe('make billing-gw internal on aks-blue');
    expect(sure(read('orders-web should not be on the public internet, put it on an internal lb', SNAP))).toBe('make orders-web internal');
    expect(sure(read('could you set my default cluster to aks-green so I do not have to type it each time', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('make billing-gw internal so that we never have to think about it again', SNAP))).toBe('make billing-gw internal');
    // (said alone, the wish changes nothing; said to us, "you can't open it" is still a "not")
    expect(read('billing-gw must not have an external IP', SNAP).kind === 'sure' && isChange(sure(read('billing-gw must not have an external IP', SNAP)))).toBe(false);
    expect(options(read("you can't open billing-gw to the internet", SNAP)).filter(isChange)).toEqual([]);
  });

  it('a line met only on a time word is not ours; what Palisade does, for anyone, is the help', () => {
    for (const text of ['is the canteen open late tonight?', 'whats the forecast for tomorrow', 'who is presenting today?']) expect(read(text, SNAP).kind, text).toBe('lost');
    // (a time word beside words of ours is still read: "anything new today?" is the audit)
    expect(sure(read('anything new today?', SNAP))).toBe('audit since today');
    expect(sure(read('what changed on green this week?', SNAP))).toBe('audit since this week on aks-green');
    for (const text of ['what can this bot do for platform engineers?', 'What could Palisade really do for a tester like me?', 'What can you even do? Asking for my new team.', 'which things do you know how to do'])
      expect(sure(read(text, SNAP)), text).toBe('help');
    // (a target named asks about it)
    expect(sure(read('what can you do for orders-web?', SNAP))).not.toBe('help');
  });

  it('the effect asked of a change is a "what if": nothing runs, its state is offered', () => {
    for (const [text, state] of [
      ['what would removing the zero trust from orders really do?', 'network policies in orders'],
      ['purely curious: what would be the impact of making billing-gw internal? do not do it', 'exposure billing-gw'],
      ["the guide says turn off defender on green later but I don't want to yet - what does that do?", 'defender status on aks-green'],
    ]) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(options(u), text).toContain(state);
      expect(options(u).filter(isChange), text).toEqual([]);
    }
    // (what a thing of ours does is the help, no "what if")
    expect(sure(read('what does zero trust do', SNAP))).toBe('help');
    expect(sure(read('what does that do', SNAP))).toBe('help');
  });
});

describe('round 11b: changes asked in plain words', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('"<address> …, they need to get to the API server of X": that address on X\'s allowlist; with no address it is asked', () => {
    expect(sure(read('our auditor sits at 192.0.2.44, and she needs to reach the api server of green for 6 hours', SNAP))).toBe('allowlist 192.0.2.44 for 6h on aks-green');
    expect(read('the vendor needs to get to the api server of green for a day', SNAP).kind).toBe('ask');
  });

  it('"open the API server back up (on X)" switches its ranges off; ", the API must be open again" restates the wish', () => {
    expect(sure(read('open the api server back up on green', SNAP))).toBe('disable ip ranges on aks-green');
    expect(sure(read('please clear every authorized range on weave, the api server must be reachable to everyone', SNAP))).toBe('disable ip ranges on aks-weave');
    // (said not to, or asked about, it is never planned)
    for (const text of ["don't open the api server back up on green", 'should we open the api server of green again?']) expect(read(text, SNAP).kind, text).not.toBe('sure');
  });

  it('an entry that "should come out of" / "has to go off" the ranges is removed from them; ", it is the old X" says why', () => {
    expect(sure(read('192.0.2.128/25 was the old branch office, it should come out of the authorized ranges on green', SNAP))).toBe('remove 192.0.2.128/25 from allowlist on aks-green');
    expect(sure(read('take 192.0.2.128/25 off the weave allowlist please, that is the former vpn', SNAP))).toBe('remove 192.0.2.128/25 from allowlist on aks-weave');
    // (said beside a date it is still only offered, and never as the opposite change)
    expect(options(read('192.0.2.128/25 has to come off the green allowlist today, the CTO agreed', SNAP))).not.toContain('allowlist 192.0.2.128/25 on aks-green');
  });

  it('non-native and formal orders: "pass the service X in internal", "permit A to connect to B", "moved to a deny-by-default posture"', () => {
    expect(sure(read('please pass the service billing-gw to internal', SNAP))).toBe('make billing-gw internal');
    expect(normaliseText('could you permit shop-front to connect to shop-back on 8080').text).toBe('allow shop-front to connect to shop-back on 8080');
    expect(sure(read("we'd like the store namespace on weave moved to a deny-by-default network posture, please", SNAP))).toBe('zero-trust store on aks-weave');
  });

  it('formal register ("I would be grateful if you could X", "might you X") asks for X; "if X could be moved onto an internal LB" makes X internal', () => {
    expect(sure(read('We would be most grateful if you could put 198.51.100.20 on the authorised ranges of aks-green for one day.', SNAP))).toBe('allowlist 198.51.100.20 for 1d on aks-green');
    expect(sure(read('I would be delighted if billing-gw could be placed behind an internal load balancer.', SNAP))).toBe('make billing-gw internal');
    expect(normaliseText('might you switch on defender for containers on aks-green').request).toBe(true);
    // (a request we cannot do stays unknown, however politely asked)
    expect(read('Might you draft the minutes of the meeting for me?', SNAP).kind).toBe('lost');
  });

  it('a change said by what it should achieve: "add a rule so A can get to B", "restrict X so only Y can enter", "so the pods only talk to what they need"', () => {
    expect(sure(read('add a rule so shop-front can get to shop-back on 8443 in store on weave', SNAP))).toBe('allow shop-front to shop-back on 8443 in store on aks-weave');
    expect(sure(read('restrict billing-gw so that only 192.0.2.64/26 can connect', SNAP))).toBe('restrict billing-gw to 192.0.2.64/26');
    expect(sure(read('the store namespace on weave: please lock it down so the pods only talk to what they actually need', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('can we get zero trust rolled out to store on weave this sprint?', SNAP))).toBe('zero-trust store on aks-weave');
  });

  it('when the occasion ends is why ("until the pen test is over", ", demo in 5"), never for the API server, whose entries are kept by time', () => {
    expect(sure(read('lock billing-gw down to 203.0.113.0/28 until the load test is over', SNAP))).toBe('restrict billing-gw to 203.0.113.0/28');
    expect(sure(read('billing-gw back to public, call in 5', SNAP))).toBe('make billing-gw public');
    expect(normaliseText('allowlist my ip until the pen test is over').text).toContain('until');
    expect(normaliseText('allowlist my ip for the demo').text).toContain('demo');
  });

  it('"kill / drop the ip allowlist" with no address switches the ranges off; with one it removes that entry', () => {
    expect(sure(read('drop the whole ip allowlist on weave', SNAP))).toBe('disable ip ranges on aks-weave');
    expect(normaliseText('drop 192.0.2.9 from the ip allowlist').text).not.toContain('disable');
  });

  it('the digest said plainly: "we no longer want to get the posture summary in this channel", "drop a digest in here", "so the team sees it"', () => {
    expect(sure(read('we no longer want to get the posture summary anymore in this channel', SNAP))).toBe('digest off');
    expect(sure(read('please pause the weekly security digests here', SNAP))).toBe('digest off');
    expect(sure(read('drop us a fresh digest in here now', SNAP))).toBe('digest now');
    expect(sure(read('post a digest for green now so the night shift sees it', SNAP))).toBe('digest now for aks-green');
  });

  it('ranges changed "to just X", "replaced with only X", "set the <cluster> ranges to X": the whole list is set, never added to', () => {
    expect(sure(read('please update the control plane authorized ranges on aks-green to just 192.0.2.0/26', SNAP))).toBe('set ip ranges 192.0.2.0/26 on aks-green');
    expect(sure(read('we want the weave allowlist replaced with only 198.51.100.128/25', SNAP))).toBe('set ip ranges 198.51.100.128/25 on aks-weave');
    expect(sure(read('set the green ranges to only 192.0.2.0/26. ugh, I am sick of this', SNAP))).toBe('set ip ranges 192.0.2.0/26 on aks-green');
    // (an added range whose words want it alone is still asked about: adding keeps the others)
    expect(read('add 192.0.2.0/26 to the allowlist of aks-green and drop the rest', SNAP).kind).toBe('ask');
  });

  it('who needs a change and what has ended are why: "the load test is over, …", "Finance needs X internal", "oops, …"', () => {
    expect(sure(read('the load test is over, so please make billing-gw internal again', SNAP))).toBe('make billing-gw internal');
    expect(normaliseText('the load test is over, so please make billing-gw public').text).toBe('please make billing-gw public');
    expect(normaliseText('we are done checking it from the office, make billing-gw public').text).toBe('make billing-gw public');
    expect(sure(read('Finance needs billing-gw internal before the audit', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('whoops, I need billing-gw public again', SNAP))).toBe('make billing-gw public');
    // (a condition is never an ending: "if / once the test is over, X" holds X back)
    for (const text of ['if the load test is over, make billing-gw internal', 'once the pen test is done, make billing-gw public']) expect(read(text, SNAP).kind, text).toBe('ask');
    // (a department that needs something other than a Service state is not rewritten)
    expect(normaliseText('sales needs a report').text).toContain('sales');
  });

  it('"X is blocking Y, can we remove it": "it" is X, the one blocked is why', () => {
    expect(sure(read('the zero trust in store on weave is breaking the backup job, please roll it back', SNAP))).toBe('remove zero-trust store on aks-weave');
    expect(normaliseText('the default deny in store is blocking our release, could we drop it?')).toMatchObject({ text: 'drop the defaultdeny in store', request: true });
    // (without a request for it, a complaint orders nothing)
    expect(normaliseText('the default deny in store is blocking our release').text).toContain('blocking');
  });

  it('a purpose or occasion said around a change ("so I can…", "while I test", "for the demo", "by Friday") is why, never the request', () => {
    expect(sure(read('put my ip on the allowlist of aks-green so I can run the smoke tests for the next 3 hours', SNAP))).toBe('allowlist my ip for 3h on aks-green');
    expect(sure(read('restrict billing-gw to my ip while we debug the checkout', SNAP))).toBe('restrict billing-gw to my ip');
    expect(sure(read('switch off the ip ranges on green, the vendor needs it open for the onboarding demo', SNAP))).toBe('disable ip ranges on aks-green');
    expect(sure(read('make billing-gw public again for the launch tomorrow please', SNAP))).toBe('make billing-gw public');
    // (a value after the purpose stays: the duration is still read)
    expect(normaliseText('add my ip so I can reach the cluster for 2 hours').text).toContain('for 2 hours');
    // (a cluster after "for the" is a target, never an occasion; "so only X can reach it" is the request itself)
    expect(normaliseText('allowlist 192.0.2.7 for the workshop cluster').text).toContain('workshop cluster');
    expect(normaliseText('restrict billing-gw so only my ip can reach it').text).toContain('only my ip');
  });

  it('plain phrasings of a change: shut off, pull/rip the zero trust out of, hide from the internet, the restriction of IP, curl the API server', () => {
    expect(sure(read('shut off the authorized ranges on aks-weave', SNAP))).toBe('disable ip ranges on aks-weave');
    expect(sure(read('pull the default deny policies out of store on weave', SNAP))).toBe('remove zero-trust store on aks-weave');
    expect(sure(read('please hide billing-gw from the internet', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('take the restriction of IP off orders-web', SNAP))).not.toBe('make orders-web internal');
    expect(normaliseText('remove the limit on IP from orders-web').text).toContain('source ranges');
    expect(sure(read('I need to curl the api server of aks-green from my laptop for 30 minutes', SNAP))).toBe('allowlist my ip for 30m on aks-green');
    expect(sure(read('we need our public IP allowed on aks-green for the next hour', SNAP))).toBe('allowlist my ip for 1h on aks-green');
  });
});

describe("round 11d: the bot's own syntax half-remembered, and words the grammar took as ranges", () => {
  const said = (text: string) => {
    const u = read(text, SNAP);
    return u.kind === 'sure' ? u.command : `${u.kind}: ${options(u).join(' | ')}`;
  };

  it('a usage\'s words glued, split or in another order are that usage, its values in the slots in order', () => {
    expect(said('canreach orders-web orders-api 8080')).toBe('can orders-web reach orders-api on 8080');
    expect(said('ip-ranges disable green')).toBe('disable ip ranges on aks-green');
    expect(said('ipranges off green')).toBe('disable ip ranges on aks-green');
    expect(said('make public svc/billing-gw blue')).toBe('make billing-gw public on aks-blue');
    expect(said('restrict billing-gw 198.51.100.0/24')).toBe('restrict billing-gw to 198.51.100.0/24');
    expect(said('remove zerotrust ledger green')).toBe('remove zero-trust ledger on aks-green');
  });

  it("our own options said as flags are the words their usage spells", () => {
    expect(said('restrict --service billing-gw --to my-ip')).toBe('restrict billing-gw to my ip');
    expect(said('vulns --sev critical --fixable green')).toBe('vulnerabilities severity critical fixable on aks-green');
    expect(said('netpol -n ledger green')).toBe('network policies in ledger on aks-green');
  });

  it('short forms: a page, a manual, a bare length, period or level', () => {
    expect(said('vulns orders-web pg3')).toBe('vulnerabilities orders-web page 3');
    expect(said('vulns sev crit running')).toBe('vulnerabilities severity critical running');
    expect(said('man restrict')).toBe('help restrict');
    expect(said('zero-trust --help')).toBe('help zero-trust');
    expect(said('allowlist myip 90m blue')).toBe('allowlist my ip for 90m on aks-blue');
    expect(said('trend green past 3 weeks')).toBe('trend on aks-green for 21d');
    expect(said('audit 6h green')).toBe('audit since 6h on aks-green');
    expect(said('digest now blue green')).toBe('digest now for aks-blue, aks-green');
    expect(said('stauts green')).toBe('status on aks-green');
    expect(said('restrict?')).toBe('help restrict');
    expect(said('syntax zero-trust')).toBe('help zero-trust');
    expect(said('help for restrict')).toBe('help restrict');
  });

  it('a schedule said without "at" or a cron expression', () => {
    expect(said('digest weekly mon 07:30 UTC')).toBe('digest cron "30 7 * * 1" UTC');
    expect(said('digest weekdays 8:15')).toBe('digest weekdays at 08:15');
    expect(said('digest every thursday 6pm')).toBe('digest cron "0 18 * * 4"');
    expect(said('digest daily 9am for blue')).toBe('digest daily at 09:00 for aks-blue');
    expect(said('digest monthly 9:00')).not.toMatch(/\* \* 1"/);
  });

  it('a word no usage spells, a question, a slip in a change or one value too many leaves the message to its words', () => {
    for (const text of ['iprange disable blue?', 'dont make public orders-web', 'maek public orders-web', 'make public orders-web billing-gw', 'disable ip ranges blue green', 'ipranges off weave'])
      expect(read(text, SNAP).kind, text).not.toBe('sure');
  });

  it('words the grammar took as ranges never make its command; a mistyped address keeps its precise answer', () => {
    // (round 11b reads "add a rule so A can get to B" as the allow itself; never the grammar's list of ranges)
    const rule = read('add a rule so orders-web can get to orders-api on 8080', SNAP);
    expect(rule).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    const mine = read('remove my ip from allowlist on aks-green', SNAP);
    expect(mine.kind === 'sure' ? mine.command : options(mine).join()).not.toMatch(/my, ip/);
    const bad = read('allowlist 300.1.2.3', SNAP);
    expect(bad.kind === 'lost' && bad.reply).toMatch(/is not an IPv4 address or CIDR range/);
  });

  it("subcommand style, the tool's other verbs, `=` flags, host:port, arrows and a listing's no-op flags", () => {
    expect(said('allowlist add 203.0.113.5 blue')).toBe('allowlist 203.0.113.5 on aks-blue');
    expect(said('allowlist remove 203.0.113.5 --cluster=green')).toBe('remove 203.0.113.5 from allowlist on aks-green');
    expect(said('digest stop')).toBe('digest off');
    expect(said('digest mon-fri 07:00 Europe/Berlin')).toBe('digest weekdays at 07:00 Europe/Berlin');
    expect(said('digest fri 16:00')).toBe('digest cron "0 16 * * 5"');
    expect(said('allow orders-web -> orders-api 8080')).toBe('allow orders-web to orders-api on 8080');
    expect(said('can orders-web reach orders-api:8080')).toBe('can orders-web reach orders-api on 8080');
    expect(said('exposure -A blue')).toBe('exposure on aks-blue');
    expect(said('ip ranges --cluster=green -o json')).toBe('ip ranges on aks-green');
    expect(said('zero-trust ns/ledger green')).toBe('zero-trust ledger on aks-green');
    expect(said('exposure orders-web -n orders')).toBe('exposure orders-web in orders');
    expect(said('audit 20 24h')).toBe('audit 20 since 24h');
    expect(said('/allowlist myip 2h')).toBe('allowlist my ip for 2h');
    expect(said('restrict orders-web to me')).toBe('restrict orders-web to my ip');
    expect(said('netpols green')).toBe('network policies on aks-green');
    expect(said('exposure svc orders-web')).toBe('exposure orders-web');
    expect(said('allowlist 203.0.113.5 198.51.100.7 blue')).toBe('allowlist 203.0.113.5, 198.51.100.7 on aks-blue');
  });

  it('the ranges by any name the grammar gives them, beside a word of the usage; never a change from the name alone', () => {
    expect(said('ip ranges add 203.0.113.5 green')).toBe('allowlist 203.0.113.5 on aks-green');
    expect(said('ip ranges remove 203.0.113.5 green')).toBe('remove 203.0.113.5 from allowlist on aks-green');
    expect(said('authorized ranges disable blue')).toBe('disable ip ranges on aks-blue');
    expect(said('show allowlist green')).toBe('ip ranges on aks-green');
    const bare = read('ip ranges 203.0.113.5 green', SNAP);
    expect(bare.kind === 'sure' && isChange(bare.command)).toBe(false);
  });

  it("a cluster's name one slip away is never rewritten: the exact command's handler names the clusters", () => {
    expect(said('status --context aks-gren')).toBe('status on aks-gren');
    expect(read('make orders-web internal on aks-bleu', SNAP).kind).toBe('ask');
  });

  it('a pasted line that reads only without the remark after its comma is read with the remark after it', () => {
    expect(said("az security pricing show -n Containers, for aks-green's subscription")).toBe('defender status on aks-green');
  });
});

describe('round 11: an exact change typed with a question mark', () => {
  it('is asked about, one button, never planned; without the mark it is planned', () => {
    for (const text of ['enable defender?', 'zero trust orders?', 'make billing-gw internal on aks-blue?']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(u.kind === 'ask' && u.options.length, text).toBe(1);
    }
    expect(read('make billing-gw internal on aks-blue', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal on aks-blue' });
  });
});

describe('round 11: a change wanted later, or taken back in the same message', () => {
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('a change for later ("tonight", "in 3 hours", "next week") is one button to press when it is time, never planned now', () => {
    for (const text of ['unrestrict billing-gw tonight', 'in 3 hours, disable the ip ranges on aks-green', 'zero-trust orders next week', 'allowlist my ip starting tomorrow']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(buttons(u), text).toHaveLength(1);
    }
  });

  it('a time that ends the change, or belongs to something else, is no later: "until tomorrow", "the demo is in 10 min"', () => {
    expect(read('allowlist my ip for 2h, the demo is in 10 minutes', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip for 2h' });
    expect(read('our auditors connect tomorrow. please remove 192.0.2.9 from the allowlist on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'remove 192.0.2.9 from allowlist on aks-green' });
  });

  it('a change taken back ("jk", "never mind", "… no, wait", "? no") changes nothing and says so', () => {
    for (const text of ['make billing-gw public lol jk', 'unrestrict billing-gw... actually no, wait', 'disable ip ranges on aks-green? no', 'zero-trust orders, never mind'])
      expect(read(text, SNAP).kind, text).toBe('lost');
    expect(read('allowlist my ip for 1h - no rush', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip for 1h' });
  });
});

describe('round 11: an exact change on a word that only stands for a target', () => {
  it('"make them public", "unrestrict everything": which target is asked, nothing is planned', () => {
    for (const text of ['make them public', 'unrestrict everything', 'make those internal on aks-blue']) expect(read(text, SNAP).kind, text).toBe('ask');
  });
});

describe('round 11: a change the words leave in doubt', () => {
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('"make X not internal" says what X should not be: the opposite change is offered, never planned', () => {
    const u = read('make billing-gw not public', SNAP);
    expect(u.kind).toBe('ask');
    expect(buttons(u)).toEqual(['make billing-gw internal']);
  });

  it('a second change after the first ("… and also unrestrict it") is asked about; "go ahead and X" is one change', () => {
    expect(read('zero-trust orders and then make billing-gw internal', SNAP).kind).toBe('ask');
    expect(read('please go ahead and make billing-gw internal', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });
});

describe('round 11: a workshop step passed on with an ask to do it', () => {
  it('is the step asked for: "the lab says to X, can you do that?", "step 2.3 wants A to reach B, please allow that"', () => {
    expect(read('the lab says to make orders-web internal, can you do that for me?', SNAP)).toMatchObject({ kind: 'sure', command: 'make orders-web internal' });
    expect(read('step 2.3 wants orders-web to be able to reach orders-api on port 8080, please allow that', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    expect(read('module 4 says disable the ip ranges on aks-blue, do that please', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-blue' });
  });

  it('a step with no ask to do it, or one asked about or refused, is never planned', () => {
    for (const text of ['the guide says to zero-trust orders, what does that do?', 'the runbook says to remove zero trust from orders. don\'t do that']) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' && proposesChange(u.command), text).toBe(false);
    }
  });
});

describe('round 12a: reads asked in business, evidence or long-winded words', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('the posture asked "as evidence" for a review, or with the record asked beside it, is the posture', () => {
    expect(sure(read('Please give the security posture of aks-green as evidence for the quarterly control assessment.', SNAP))).toBe('status on aks-green');
    expect(sure(read('I need the status of aks-green for the audit file. Provide the record.', SNAP))).toBe('status on aks-green');
  });

  it('Kubernetes "environments under management" are the clusters', () => {
    for (const text of ['Which k8s environments are under our management?', 'list the kubernetes environments we have'])
      expect(sure(read(text, SNAP)), text).toBe('clusters');
  });

  it('what an assistant or tool does, which controls it covers, an overview of its capabilities: the help', () => {
    for (const text of ['What can this tool do for our team?', 'which features does this assistant offer?', 'Give me a short overview of your capabilities.', 'Which checks does this bot cover? Describe its main features.'])
      expect(sure(read(text, SNAP)), text).toBe('help');
  });

  it('Defender for Containers in plain words ("container threat protection", "are we paying for it") is its status', () => {
    for (const text of ['Is the container threat protection from Microsoft switched on?', 'are we still paying for defender at the moment?', 'do we have runtime protection for our kubernetes clusters?'])
      expect(sure(read(text, SNAP)), text).toBe('defender status');
  });

  it('rules governing or controlling the traffic between our apps are the network policies', () => {
    expect(sure(read('Which rules control the traffic between our services on aks-green?', SNAP))).toBe('network policies on aks-green');
    expect(sure(read('show me the rules governing network traffic between the pods in store on aks-weave', SNAP))).toBe('network policies in store on aks-weave');
  });

  it('the document one is writing is why one asks, never a word of the request', () => {
    expect(sure(read("I'm preparing the architecture document and need to know which network policies exist in store on aks-weave, if any", SNAP))).toBe('network policies in store on aks-weave');
  });

  it('every service the public can reach, in plain English, is the exposure', () => {
    for (const text of ['List every app on aks-green that the public can reach', 'a plain-English list of all the services on aks-green that anyone can access, please'])
      expect(sure(read(text, SNAP)), text).toBe('exposure on aks-green');
  });

  it('"not sure which … could you show me" is the question, never a "not"; unsure whether to change something is not', () => {
    expect(sure(read("honestly I'm not sure which load balancers are exposed publicly on aks-blue, could you show me?", SNAP))).toBe('exposure on aks-blue');
    expect(read("I'm not sure which service to make public on aks-blue", SNAP).kind).not.toBe('sure');
  });

  it('a cluster hidden from the internet, or its API server confirmed not public, is the private-cluster question', () => {
    expect(sure(read('Is aks-green hidden from the internet or not?', SNAP))).toBe('private cluster on aks-green');
    expect(sure(read('please verify that public access to the api server of aks-weave has been turned off', SNAP))).toBe('private cluster on aks-weave');
    expect(sure(read('we set up aks-weave yesterday, can you confirm its API server really is private?', SNAP))).toBe('private cluster on aks-weave');
    // (a Service hidden from the internet stays its exposure)
    expect(sure(read('is orders-web hidden from the internet?', SNAP))).not.toBe('private cluster on aks-blue');
  });

  it('whether an entry was removed from the allowlist, or temporary entries are left on it, is the allowlist', () => {
    expect(sure(read('Has 192.0.2.44 been removed from the allowlist of aks-green?', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('were there any expired or temporary entries left on the allowlist of aks-weave?', SNAP))).toBe('ip ranges on aks-weave');
  });

  it('a change asked about "at any point" in a period, everything that changed, changes from a date: the audit', () => {
    expect(sure(read('Was orders-web made public at any point in the last 14 days?', SNAP))).toBe('audit since 14d');
    expect(sure(read('show me everything that was modified in the past 6 hours', SNAP))).toBe('audit since 6h');
    expect(sure(read('what happened on aks-green starting 2026-11-02', SNAP))).toBe('audit since 2026-11-02 on aks-green');
  });

  it('something stuck in the approval queue, asked before one leaves: the approvals', () => {
    for (const text of ['is something stuck in the approval queue?', 'before I log off, anything sitting in the approval queue I need to review?'])
      expect(sure(read(text, SNAP)), text).toBe('approvals');
  });

  it('flaws in the software actually running are the running filter', () => {
    expect(sure(read('security flaws in the software actually running on aks-green', SNAP))).toBe('vulnerabilities running on aks-green');
    // (findings of the images are their vulnerabilities; how they changed stays the trend)
    expect(sure(read('show me the container findings on aks-green', SNAP))).toBe('vulnerabilities on aks-green');
  });

  it('"do not modify anything" beside a question is answered with the read; a change beside it is never run', () => {
    expect(sure(read('Confirm that orders-web is still restricted; do not modify anything.', SNAP))).toBe('exposure orders-web');
    expect(sure(read('check whether aks-green is private, and please don\'t change anything yet', SNAP))).toBe('private cluster on aks-green');
    for (const text of ['make orders-web internal; do not change anything', 'restrict billing-gw to 192.0.2.0/24, do not modify anything else']) {
      const u = read(text, SNAP);
      expect(u.kind === 'sure' && isChange(u.command), text).toBe(false);
    }
    // (a guard about one thing, said before a question about it: that thing's state)
    expect(sure(read("don't change green's allowlist just yet, what is on it?", SNAP))).toBe('ip ranges on aks-green');
  });

  it('a compliance snapshot, the current posture, "for the auditors", "need it for a slide": the posture', () => {
    for (const text of ['Provide a compliance snapshot of aks-green for the regulators.', 'could you pull the latest posture for aks-green? need it for the board deck'])
      expect(sure(read(text, SNAP)), text).toBe('status on aks-green');
  });

  it('clusters under our remit, what a bot covers, the attack surface, traffic restrictions inside a namespace', () => {
    expect(sure(read('Which AKS clusters fall within your purview?', SNAP))).toBe('clusters');
    expect(sure(read('What does this bot cover?', SNAP))).toBe('help');
    expect(sure(read('What is our external attack surface on aks-blue?', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('What east-west traffic controls are in place inside the store namespace on aks-weave?', SNAP))).toBe('network policies in store on aks-weave');
  });

  it('a change "ever" made in a period, and the history said as a git log: the audit', () => {
    expect(sure(read('Was billing-gw ever made public during the last 60 days?', SNAP))).toBe('audit since 60d');
    expect(sure(read('like git log but for the cluster, last 3h', SNAP))).toBe('audit since 3h');
    expect(sure(read('was the allowlist on aks-weave ever switched off this month?', SNAP))).toBe('audit since this month on aks-weave');
  });

  it('who asked for a read and when, what one is about to do, what the answer is kept for: context of the read', () => {
    expect(sure(read('Hi all, our director asked me yesterday for an overview of where we stand security-wise on aks-green. Could you put that together?', SNAP))).toBe('status on aks-green');
    expect(sure(read("I'm joining the team next week and would like to know which clusters exist here.", SNAP))).toBe('clusters');
    expect(sure(read('What is the current state of the API server allowlist on aks-weave, for our records?', SNAP))).toBe('ip ranges on aks-weave');
  });

  it('policies controlling traffic between namespaces, everything the internet can see, entries that have expired', () => {
    expect(sure(read('What policies control network traffic between namespaces on aks-weave?', SNAP))).toBe('network policies on aks-weave');
    expect(sure(read('show me everything on aks-blue the internet can see', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('Could you confirm whether the temporary entries on the aks-green allowlist have expired?', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('At any point in the last 45 days, was defender switched off?', SNAP))).toBe('audit since 45d');
  });

  it('a cluster with no public API endpoint is a private cluster (a Service with no public IP stays its exposure)', () => {
    expect(sure(read('I need to confirm for the auditors that aks-weave has no public API endpoint.', SNAP))).toBe('private cluster on aks-weave');
    expect(sure(read('does orders-web have no public ip?', SNAP))).toBe('exposure orders-web');
  });

  it('two reads asked in one message are each a button, the second on the first one\'s cluster when it names none', () => {
    const u = read('posture of aks-green and also show me the vulnerabilities there please', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u)).toEqual(['status on aks-green', 'vulnerabilities on aks-green']);
    expect(options(read('list the clusters; also, what is pending approval?', SNAP))).toEqual(['clusters', 'approvals']);
    // (one read with two nouns stays that read; a change beside a read is never offered from here)
    expect(sure(read('show the exposure on aks-blue and the load balancers', SNAP))).toBe('exposure on aks-blue');
  });

  it('"are we compliant / OK if X stays public?" asks whether X is public now, never for a change', () => {
    for (const text of ["Would we still be compliant if billing-gw remains public? Don't change anything yet.", 'are we ok if orders-web stays public?'])
      expect(sure(read(text, SNAP)), text).toMatch(/^exposure (?:billing-gw|orders-web)$/);
  });

  it('who one is, what one was told to look at, an excused question, an evidence folder: context of the read', () => {
    expect(sure(read('so I recently joined the data team and my manager asked me to find out which IPs can reach the aks-green API server, how do I see that?', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('ok this may be a silly question but do we have Defender switched on at all?', SNAP))).toBe('defender status');
    expect(sure(read('For our ISO evidence pack: which images running on aks-green have critical vulnerabilities?', SNAP))).toBe('vulnerabilities severity critical running on aks-green');
  });

  it('the same classes said tersely: "envs?", "features?", "control plane allowlist X"', () => {
    expect(sure(read('k8s envs?', SNAP))).toBe('clusters');
    expect(sure(read('features?', SNAP))).toBe('help');
    expect(sure(read('control plane allowlist aks-green', SNAP))).toBe('ip ranges on aks-green');
    // (with an address it stays the change's question, never the read)
    expect(read('control plane allowlist aks-green 192.0.2.9', SNAP).kind).not.toBe('lost');
  });

  it('an auditor\'s verbs: demonstrate / state whether / identify / report on / a confirmation that the allowlist contains A', () => {
    expect(sure(read('Demonstrate that billing-gw is not exposed to the public internet.', SNAP))).toBe('exposure billing-gw');
    expect(sure(read('State whether aks-weave is configured as a private cluster.', SNAP))).toBe('private cluster on aks-weave');
    expect(sure(read('Identify every publicly reachable service on aks-blue.', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('Report on the network segmentation in the store namespace on aks-weave.', SNAP))).toBe('network policies in store on aks-weave');
    expect(sure(read('We require written confirmation that the allowlist of aks-green contains 192.0.2.0/24.', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('please verify whether 192.0.2.9 is still on the allowlist of aks-green', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('List all changes to aks-green between 2026-11-01 and now.', SNAP))).toBe('audit since 2026-11-01 on aks-green');
    expect(sure(read('Kindly share an overview of the clusters under your responsibility.', SNAP))).toBe('clusters');
  });

  it('a manager\'s words: protection against container threats, controls on who administers a cluster, rules that stop apps talking', () => {
    expect(sure(read('What is our present level of defence against kubernetes threats?', SNAP))).toBe('defender status');
    expect(sure(read('Are there restrictions on who can administer the aks-green cluster?', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('Do we have policies that prevent one workload from talking to another in store on aks-weave?', SNAP))).toBe('network policies in store on aks-weave');
    expect(sure(read("I'd like an overview of which teams' services are reachable from outside on aks-blue.", SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('How is our vulnerability remediation going on aks-green?', SNAP))).toBe('vulnerabilities on aks-green');
  });

  it('"do we have any like that?" after a sentence about load balancers asks for them; an "it" there stays the Service', () => {
    expect(sure(read('Someone told me LoadBalancer services get a public IP. Are there any of those on aks-blue?', SNAP))).toBe('exposure on aks-blue');
    expect(sure(read('the load balancer of billing-gw is open to everyone, restrict it to 192.0.2.0/24', SNAP))).toBe('restrict billing-gw to 192.0.2.0/24');
  });

  it('whether anything on a cluster is exposed to the internet, and whether someone touched something', () => {
    expect(sure(read('is anything on aks-green exposed to the internet?', SNAP))).toBe('exposure on aks-green');
    expect(sure(read('wait, has anybody touched the aks-green allowlist since 2026-11-20??', SNAP))).toBe('audit since 2026-11-20 on aks-green');
  });

  it('an API server hidden from the internet is a private cluster', () => {
    expect(sure(read('Is the API server of aks-green hidden from the internet?', SNAP))).toBe('private cluster on aks-green');
    expect(sure(read("is green's control plane hidden from the internet or what", SNAP))).toBe('private cluster on aks-green');
  });

  it('whether a Service is reachable from the public internet is its exposure, as from the internet', () => {
    expect(sure(read('Is orders-web on aks-blue reachable from the public internet? I need the supporting evidence.', SNAP))).toBe('exposure orders-web on aks-blue');
  });
});

describe('round 12b: changes asked in business words, or inside a longer message', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);
  // (never planned: at most a read, a question or a button to press)
  const notPlanned = (text: string) => {
    const u = read(text, SNAP);
    expect(u.kind === 'sure' && isChange(u.command), text).toBe(false);
  };

  it('a length said bare after the addresses ("allowlist A 2h") is the length of the entry, never a range', () => {
    expect(sure(read('whitelist 192.0.2.15 3h', SNAP))).toBe('allowlist 192.0.2.15 for 3h');
    expect(sure(read('allowlist 192.0.2.15, 198.51.100.0/28 45m on green', SNAP))).toBe('allowlist 192.0.2.15, 198.51.100.0/28 for 45m on aks-green');
  });

  it('the "management endpoint / plane" is the API server; "grant them access to it" puts the entry said before on its allowlist', () => {
    expect(sure(read('The auditors work from 198.51.100.128/27. Please grant them access to the blue cluster management endpoint for 3 days.', SNAP))).toBe('allowlist 198.51.100.128/27 for 3d on aks-blue');
    expect(sure(read('give that range temporary access to the management plane of green: 192.0.2.0/28, for 2 hours', SNAP))).toBe('allowlist 192.0.2.0/28 for 2h on aks-green');
  });

  it('"whatever IP I\'m on (right now)" is my address; "for like an hour", "for the shift, like 6 hours" are the length', () => {
    expect(sure(read('my vpn dropped, could you add whatever IP I am on at the moment to green for like 30 minutes?', SNAP))).toBe('allowlist my ip for 30m on aks-green');
    expect(sure(read('add the address I am using right now to the blue allowlist for the shift, like 6 hours', SNAP))).toBe('allowlist my ip for 6h on aks-blue');
  });

  it('why an entry goes ("; it is no longer an approved network") is no "not"; "doesn\'t need the allowlist anymore, turn it off" keeps its cluster', () => {
    expect(sure(read('Remove 192.0.2.0/26 from the authorized IP ranges of green; it is no longer an approved site.', SNAP))).toBe('remove 192.0.2.0/26 from allowlist on aks-green');
    expect(sure(read('the migration is done so the api server on weave does not need the ip allowlist any more, switch the authorized ranges off', SNAP))).toBe('disable ip ranges on aks-weave');
    // (a "not" about the change itself still stops it)
    notPlanned('do not remove 192.0.2.0/26 from the allowlist of green, it is no longer approved though');
  });

  it('"stop limiting who can reach the X control plane (and open it up again)" switches the ranges off', () => {
    expect(sure(read("let's stop restricting who can reach the green control plane and open it up again", SNAP))).toBe('disable ip ranges on aks-green');
    notPlanned("don't stop limiting who can reach the green control plane");
  });

  it('"the strictest traffic rules" are zero trust; "drop the strict traffic rules", "pull the policies back out" remove it; the namespace named after what it holds', () => {
    expect(sure(read('Please apply the tightest possible traffic rules to the store namespace on weave.', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read("apply the strictest traffic rules to the orders team's namespace, orders", SNAP))).toBe('zero-trust orders');
    expect(sure(read('Drop the strict network rules from store on the weave cluster.', SNAP))).toBe('remove zero-trust store on aks-weave');
    expect(sure(read('the load test is finished, please take the zero-trust policies back out of store on weave', SNAP))).toBe('remove zero-trust store on aks-weave');
  });

  it('"only <who> (A) should be able to open X" restricts X to A; with "can" it may state a fact, and the API server is left to its own rules', () => {
    expect(sure(read('Only the branch office (198.51.100.0/25) should be able to reach billing-gw.', SNAP))).toBe('restrict billing-gw to 198.51.100.0/25');
    expect(isChange(sure(read('only 198.51.100.0/25 can reach billing-gw?', SNAP)))).toBe(false);
    expect(sure(read('nobody except 198.51.100.0/25 should reach billing-gw', SNAP))).toBe('restrict billing-gw to 198.51.100.0/25');
    expect(sure(read('only I should be able to open billing-gw', SNAP))).toBe('restrict billing-gw to my ip');
    // (the API server keeps its own rules: "only I" there is asked, never my address added)
    notPlanned('only I should be able to reach the api server on green');
    expect(sure(read('only 198.51.100.0/25 should reach the api server of green', SNAP))).toBe('set ip ranges 198.51.100.0/25 on aks-green');
  });

  it('"un-restrict" is one word', () => {
    expect(sure(read('please un-restrict billing-gw', SNAP))).toBe('unrestrict billing-gw');
  });

  it('asides that hedge the wording or a detail ("I think that\'s the right term?", "not sure if I need the /32 bit") are no question about the change', () => {
    expect(sure(read('my lead asked me to put 192.0.2.77 on the api server allowlist of green, I think that is the right word?', SNAP))).toBe('allowlist 192.0.2.77 on aks-green');
    expect(sure(read('could you restrict billing-gw so only 192.0.2.9 can connect? not sure whether I need the /32 part', SNAP))).toBe('restrict billing-gw to 192.0.2.9');
    // (a doubt about the change itself is never an aside)
    notPlanned('restrict billing-gw to 192.0.2.9? not sure if we should');
  });

  it('"I think I need to <change>?" and a suggestion passed on with "can you set that up?" are the change asked for', () => {
    expect(sure(read('I think I need to replace the allowed ranges on green with just 192.0.2.0/24? the current ones are stale', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
    expect(sure(read("a colleague suggested 'zero trust' for the store namespace on weave, could you set that up?", SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('my vpn is down, somebody told me I need my IP allowlisted on green? can you do that for 2 hours', SNAP))).toBe('allowlist my ip for 2h on aks-green');
    // ("should we …?" is still advice)
    notPlanned('should we replace the allowed ranges on green with just 192.0.2.0/24?');
  });

  it("a ticket's heading before the order is no word of it; a dry run or a condition stays what it is", () => {
    expect(sure(read('Action item 7: remove 192.0.2.0/26 from the allowlist of blue.', SNAP))).toBe('remove 192.0.2.0/26 from allowlist on aks-blue');
    notPlanned('dry run: make billing-gw internal');
    notPlanned('INC-12: if the scan is clean, remove 192.0.2.0/26 from the allowlist of blue');
  });

  it('a period told of the past ("it was made internal last week") or "today" after the order sets the scene; a read with a time keeps it', () => {
    expect(sure(read('put billing-gw back on the public internet, it was made internal last week by mistake', SNAP))).toBe('make billing-gw public');
    expect(sure(read('192.0.2.0/26 has to come off the allowlist of green today, Priya agreed', SNAP))).toBe('remove 192.0.2.0/26 from allowlist on aks-green');
    expect(sure(read('what changed on green today?', SNAP))).toBe('audit since today on aks-green');
  });

  it('ranges "redundant; please disable them", "X approved turning the ranges off", "accept API traffic only from A": said in business words', () => {
    expect(sure(read('Since the private link went live, the authorized IP ranges on green are obsolete; please remove them.', SNAP))).toBe('disable ip ranges on aks-green');
    expect(sure(read('the blue allowlist blocks the build agents, the platform lead approved switching the authorized ranges off', SNAP))).toBe('disable ip ranges on aks-blue');
    notPlanned('the platform lead has not approved switching the authorized ranges on blue off');
    notPlanned('once the lead approved turning the ranges on blue off, go ahead');
  });

  it('"we no longer need to restrict who can reach the X API server, please open it up" and "bring X back onto the public internet"', () => {
    expect(sure(read('we no longer need to limit who can reach the green api server, so please turn it off', SNAP))).toBe('disable ip ranges on aks-green');
    expect(sure(read('could you bring billing-gw back onto the public internet', SNAP))).toBe('make billing-gw public');
    // (the need alone states a fact; nothing is planned)
    notPlanned('we no longer need to restrict who can reach the green api server');
  });

  it('outcomes and architect words: "nothing in X can talk except what it needs", "network segmentation", "container threat protection", "roll out"', () => {
    expect(sure(read('please ensure nothing in store can talk to anything except what it needs, on weave', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('Please enforce network isolation for the orders namespace.', SNAP))).toBe('zero-trust orders');
    expect(sure(read('roll out zero trust to store on weave please', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('Please turn on container threat protection for blue.', SNAP))).toBe('enable defender for containers on aks-blue');
    // (asked about, the same words are a read)
    expect(sure(read('how is the network segmentation on aks-weave?', SNAP))).toBe('network policies on aks-weave');
    notPlanned('should we enforce network isolation for the orders namespace?');
  });

  it('"X should no longer be reachable from the internet; move it to an internal LB" is the order; asked or on a condition it is not', () => {
    expect(sure(read('billing-gw should no longer be reachable from the internet; please move it to an internal load balancer.', SNAP))).toBe('make billing-gw internal');
    notPlanned('billing-gw should no longer be reachable from the internet, right?');
    notPlanned('if billing-gw should not be reachable from the internet, move it to an internal lb');
  });

  it('a mandate before the request ("For compliance,", "Per CHG-12,", "As agreed in the CAB,") is context; a lab\'s step is not dropped', () => {
    expect(sure(read('For compliance, billing-gw must be restricted to the corporate network 10.0.0.0/8.', SNAP))).toBe('restrict billing-gw to 10.0.0.0/8');
    expect(sure(read('Per CHG-4410, disable public access to billing-gw.', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('Please ensure the green API endpoint only accepts connections from 192.0.2.0/24.', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
    expect(normaliseText('per the lab, make billing-gw internal').text).toContain('lab');
  });

  it('a complaint or the same wish said again after the request ("the customers cannot enter", "it is not for public") is no "not"', () => {
    expect(sure(read('please lift the restriction of billing-gw, our partners cannot connect', SNAP))).toBe('unrestrict billing-gw');
    expect(sure(read('could you make billing-gw internal? my manager says it should not be public', SNAP))).toBe('make billing-gw internal');
    notPlanned('do not make billing-gw internal, it is not public anyway');
  });

  it('"I was told to ask you to X, is that ok?" asks about X; "pop my ip on the allowlist" adds it; "someone restricted it, open it back up" lifts the restriction', () => {
    const told = read('I was told to ask you to allowlist 192.0.2.31 on green, is that ok?', SNAP);
    expect(told.kind === 'ask' && told.options.map((o) => o.command)).toEqual(['allowlist 192.0.2.31 on aks-green']);
    expect(sure(read('could you pop my ip on the green allowlist for an hour? cheers', SNAP))).toBe('allowlist my ip for 1h on aks-green');
    expect(sure(read('billing-gw stopped answering, I think someone restricted it. could you open it back up?', SNAP))).toBe('unrestrict billing-gw');
  });

  it('"today" beside a change is when to act; "A can\'t reach the X API, please allow it" puts A on its allowlist', () => {
    expect(sure(read('we need billing-gw public again asap, the campaign starts today', SNAP))).toBe('make billing-gw public');
    expect(sure(read('what changed on green today?', SNAP))).toBe('audit since today on aks-green');
    // (an entry added "today" or "for today" may be for today: never an entry for ever)
    for (const text of ['allowlist my ip for today', 'add 192.0.2.5 to the blue allowlist today']) notPlanned(text);
    expect(sure(read('the build agent at 192.0.2.90 cannot reach the green API, could you allow it?', SNAP))).toBe('allowlist 192.0.2.90 on aks-green');
    // (with no address, which one is asked)
    notPlanned('the build agent cannot reach the green API, please allow it');
  });

  it('an entry wished off the list ("I need that A is not anymore in the allowlist") is removed; a fact to confirm is read', () => {
    expect(sure(read('we need that 192.0.2.0/26 is not anymore in the allowlist of blue', SNAP))).toBe('remove 192.0.2.0/26 from allowlist on aks-blue');
    // (an obligation said alone stays a wish that is asked about: round 5)
    notPlanned('192.0.2.0/26 should no longer be on the green allowlist');
    notPlanned('192.0.2.0/26 is not on the green allowlist anymore, right?');
  });

  it('"is it possible to X?", "would it be possible to X?" are polite requests; "make X more secure with zero trust" applies it', () => {
    expect(sure(read('would it be possible to add my IP to the blue allowlist for 2 hours?', SNAP))).toBe('allowlist my ip for 2h on aks-blue');
    expect(sure(read('is possible to make the namespace orders more secure with zero trust?', SNAP))).toBe('zero-trust orders');
    notPlanned('what would happen if it were possible to make billing-gw public?');
  });

  it('a "so" that opens the message tells the story: it never swallows the request and its address (a wrong write before)', () => {
    // (before: "so we … 192." was dropped as a purpose, leaving `set ip ranges 0.2.0/24` on the default cluster)
    expect(sure(read('so we had an outage this morning and billing-gw got exposed, can you lock it down to 192.0.2.0/24?', SNAP))).toBe('restrict billing-gw to 192.0.2.0/24');
    expect(sure(read('hey, so we had a scare, please make billing-gw internal', SNAP))).toBe('make billing-gw internal');
    // (a purpose after the request is still why: "so we can test")
    expect(normaliseText('allowlist my ip on green so we can test the release').text).toBe('allowlist my ip on green');
  });

  it('an auditor\'s forms: "Finding 9: …" before the story, "the following entry must be removed from …: A", "give my colleague at A access to the X cluster"', () => {
    expect(sure(read('Finding 9: billing-gw on blue is open to the internet. Restrict it to 192.0.2.0/24.', SNAP))).toBe('restrict billing-gw to 192.0.2.0/24 on aks-blue');
    expect(sure(read('The following range must be removed from the authorized IP ranges of green: 192.0.2.128/25.', SNAP))).toBe('remove 192.0.2.128/25 from allowlist on aks-green');
    expect(sure(read('please give our consultant at 198.51.100.61 access to the green cluster for 5 hours', SNAP))).toBe('allowlist 198.51.100.61 for 5h on aks-green');
    notPlanned('Finding 9: if the retest fails, restrict billing-gw to 192.0.2.0/24');
  });

  it('a cluster named as the example ("like we did on X", "same as on X") is not the target: which cluster is asked (a wrong write before)', () => {
    for (const text of ['please make billing-gw internal like we did on green', 'restrict billing-gw to 192.0.2.0/24, same as on aks-green']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(buttons(u).every((b) => !b.includes('aks-green')), text).toBe(true);
    }
    // (the target said as well is no doubt)
    expect(sure(read('make billing-gw internal on blue, exactly like we did on blue', SNAP))).toBe('make billing-gw internal on aks-blue');
  });

  it('an old value and its new one ("replace A with B", "change A to B", "remove A and add B", "from A to B") are steps: never one change with both (a wrong write before)', () => {
    const steps = (text: string) => {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      return buttons(u);
    };
    expect(steps('please replace 192.0.2.0/26 with 198.51.100.0/26 in the authorized ranges of green')).toEqual(['remove 192.0.2.0/26 from allowlist on aks-green', 'allowlist 198.51.100.0/26 on aks-green']);
    expect(steps('change 192.0.2.10 to 192.0.2.11 on the blue allowlist')).toEqual(['remove 192.0.2.10 from allowlist on aks-blue', 'allowlist 192.0.2.11 on aks-blue']);
    expect(steps('remove my old address 192.0.2.10 from blue and add 192.0.2.11')).toEqual(['remove 192.0.2.10 from allowlist on aks-blue', 'allowlist 192.0.2.11 on aks-blue']);
    expect(steps('billing-gw is restricted to 192.0.2.0/24, please change it to 198.51.100.0/24')).toEqual(['restrict billing-gw to 198.51.100.0/24']);
    // (two new values are no replacement)
    expect(sure(read('restrict billing-gw to 192.0.2.0/24 and 198.51.100.0/24', SNAP))).toBe('restrict billing-gw to 192.0.2.0/24, 198.51.100.0/24');
  });

  it('"all but A": removing all entries but A keeps only A (the ranges set to A); opening X to everyone but A is never "only A" (wrong writes before)', () => {
    expect(sure(read('remove all entries but 192.0.2.0/24 from the green allowlist', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
    expect(sure(read('please delete everything except 192.0.2.0/24 from the authorized ranges of blue', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-blue');
    notPlanned('restrict billing-gw to everything but 192.0.2.0/24');
    notPlanned('open billing-gw to everyone except 198.51.100.0/24');
    // (round 2: blocking everyone except A still leaves only A)
    expect(sure(read('block everyone except 192.0.2.0/24 from billing-gw', SNAP))).toBe('restrict billing-gw to 192.0.2.0/24');
  });

  it('"put the restriction back on X" restricts X again (which sources is asked), never opens it (a wrong write before)', () => {
    const u = read('put the restriction back on billing-gw', SNAP);
    expect(u.kind).toBe('ask');
    expect(buttons(u).every((b) => b.startsWith('restrict billing-gw'))).toBe(true);
    expect(sure(read('please turn the zero trust back on for store on weave', SNAP))).toBe('zero-trust store on aks-weave');
  });

  it('"…, within the X namespace on Y?" continues the request before it (a polite request, not a question)', () => {
    expect(sure(read('Might you permit shop-front to connect to shop-back on 8443, within the store namespace on weave?', SNAP))).toBe('allow shop-front to shop-back on 8443 in store on aks-weave');
  });
});

describe('round 12c: housekeeping and small talk in plain words', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('removing or stopping a cluster or a workload itself is refused ("I don\'t know"), never a card for another change', () => {
    for (const text of ['please delete the cluster aks-green, the pilot is over', 'rm billing-gw', 'tear down the ledger-db database, we migrated', 'can you shut down orders-web for the weekend? back on monday', 'nuke the aks-weave cluster'])
    {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('lost');
      expect(u.kind === 'lost' ? u.suggestions.filter((o) => proposesChange(o.command)) : [], text).toEqual([]);
    }
    // (a removal of something we do remove stays that change)
    expect(sure(read('delete the api server ip restrictions of aks-green', SNAP))).toBe('disable ip ranges on aks-green');
    expect(read('remove the zero trust from store on weave', SNAP).kind).not.toBe('lost');
  });

  it('a digest schedule that says the digest, how often and the time is that schedule, in any word order', () => {
    expect(sure(read('could you post a posture summary in this channel every working day at 7:45?', SNAP))).toBe('digest weekdays at 07:45');
    expect(sure(read('our team wants the security report dropped in here each morning at 10, Lisbon time', SNAP))).toBe('digest daily at 10:00 Europe/Lisbon');
    expect(sure(read('we would like to get the digest every day at 7h15 for green', SNAP))).toBe('digest daily at 07:15 for aks-green');
    expect(sure(read('please send us the digest every friday at 16:00', SNAP))).toBe('digest cron "0 16 * * 5"');
    // (a zone said but not read is no schedule at that time)
    expect(sure(read('please post the digest every monday at 9:00 CEST', SNAP))).not.toMatch(/^digest cron/);
    // (a how-to that gives every value asks for it)
    expect(sure(read('how can we get a weekday summary here? around 8:15 each weekday, Europe/Madrid', SNAP))).toBe('digest weekdays at 08:15 Europe/Madrid');
    // (not when it stops, questions, says "not" or gives two times)
    for (const text of ['do not send the daily digest at 9 any more', 'is the daily digest at 9 posted here?', 'the daily digest at 8 is too early, make it 9:30', 'we used to get the summary every day at 9', 'we get the digest each weekday at 8, can you show me its settings'])
      expect(sure(read(text, SNAP)), text).not.toMatch(/^digest (?:daily|weekdays)/);
  });

  it('a stop verb right before the digest is `digest off`, whatever the words around it', () => {
    expect(sure(read('would you stop sending the digests to this room please? nobody reads them', SNAP))).toBe('digest off');
    expect(sure(read('thanks for the weekly summaries so far, but we would like to stop getting them here', SNAP))).toBe('digest off');
    expect(read("don't stop the digest", SNAP).kind).not.toBe('sure');
    // (stopping in formal verbs)
    expect(sure(read('please discontinue the weekly security reports here', SNAP))).toBe('digest off');
  });

  it('the conversation\'s cluster, chosen by a bare switch or by pointing the chat at it', () => {
    expect(sure(read('switch green', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('ok move over to the weave cluster', SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('for the rest of the day, point this conversation at aks-green', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('green is all I care about today, keep this chat on that one please', SNAP))).toBe('use cluster aks-green');
    // (a workload or a second cluster named is something else)
    // (a persistent time with words that only say where to look: even a read is replaced; a read asked beside it is not)
    expect(sure(read("let's stick with weave from now on", SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('going forward, all my questions are about aks-green', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('from now on, what is exposed on green?', SNAP))).not.toMatch(/^use cluster/);
    expect(sure(read('kindly set aks-weave as the current context for this thread', SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('going forward please route all my questions to the green cluster', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('is green the default cluster?', SNAP))).not.toMatch(/^use cluster/);
    expect(sure(read('switch orders-web', SNAP))).not.toMatch(/^use cluster/);
    expect(sure(read('point this chat at green and blue', SNAP))).not.toMatch(/^use cluster/);
  });

  it('how a cluster is doing, asked casually, is its status', () => {
    expect(sure(read('before the sync I just want a quick read on how aks-green is doing security-wise, nothing fancy', SNAP))).toBe('status on aks-green');
    expect(sure(read('is there a way to check whether our clusters are secure overall?', SNAP))).toBe('status');
    expect(sure(read('sorry, new here - is there any way to see if green is secure?', SNAP))).toBe('status on aks-green');
    // (a cluster shown with nothing else named is its overall posture; a list named beside it is that list)
    expect(sure(read('show weave', SNAP))).toBe('status on aks-weave');
    expect(sure(read('could I get a high-level overview of the green cluster', SNAP))).toBe('status on aks-green');
    expect(sure(read('show the allowlist of green', SNAP))).toBe('ip ranges on aks-green');
  });

  it('a thank-you after a report that it worked is a thank-you; who is on call, or whether the bot understands, is not ours', () => {
    expect(sure(read('brilliant, that did the trick, thanks a lot!! 🙌', SNAP))).toBe('thanks');
    expect(sure(read('it works now, thank you', SNAP))).toBe('thanks');
    for (const text of ["who's on-call for the platform team next week?", 'do you even understand me? sorry for my english'])
      expect(read(text, SNAP).kind, text).toBe('lost');
  });

  it("a workload's logs, and jokes however good, are not ours; the audit log still is the audit", () => {
    for (const text of ['can I get the logs of billing-gw', 'orders-web log output please', 'know any funny jokes?', 'tell me a good riddle about clusters'])
      expect(read(text, SNAP).kind, text).toBe('lost');
    expect(sure(read('the audit logs for green, please', SNAP))).toBe('audit on aks-green');
  });

  it('clusters joined by a plus or an ampersand are each named', () => {
    expect(sure(read('digest pls, green + weave', SNAP))).toBe('digest now for aks-green, aks-weave');
    expect(sure(read('status blue & green', SNAP))).not.toBe('status on aks-blue');
  });
});

describe('round 12: the wrong writes a thirteenth and a fourteenth writer found', () => {
  it('a question followed by a few words of context ("? aks-weave", "? thx") is still a question: the read, never the change', () => {
    expect(read('in the store namespace, can shop-front reach shop-back on 9000? aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'can shop-front reach shop-back on 9000 in store on aks-weave' });
    const thanked = read('so, could shop-front talk to shop-back on 9000 on aks-weave? thx', SNAP);
    expect(thanked).toMatchObject({ kind: 'sure', command: 'can shop-front reach shop-back on 9000 on aks-weave' });
  });

  it('clusters written as one word ("green+weave", "aks-blue/aks-green") are each named: one write asks which', () => {
    for (const text of ['internal billing-gw blue+green', 'make billing-gw internal on aks-blue/aks-green']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(u.kind === 'ask' && u.options.map((o) => o.command).sort(), text).toEqual(['make billing-gw internal on aks-blue', 'make billing-gw internal on aks-green']);
    }
  });
});

describe('round 12: a change quoted as what someone else typed or ran', () => {
  it('is one button, never planned; a reason that names who asked for it is still a request', () => {
    for (const text of ['unrestrict billing-gw is what the intruder typed in the chat', 'disable ip ranges on aks-green was the command in the outage']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(u.kind === 'ask' && u.options.length, text).toBe(1);
    }
    expect(read('make billing-gw internal, that is what the review asked for', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });
});

describe('round 12: a hyphenated name is never rewritten in part', () => {
  it('"orders-lb", "billing-svc", a subnet "edge-internal-lb" keep their spelling; whole words are still read', () => {
    for (const name of ['orders-lb', 'billing-svc', 'ledger-netpol', 'edge-whitelist', 'shop-k8s']) expect(normaliseText(`make ${name} internal`).text.split(' '), name).toContain(name);
    expect(read('move billing-gw to the internal load balancer in subnet edge-internal-lb', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal subnet edge-internal-lb' });
    expect(normaliseText('show the load-balancer services').text).toContain('loadbalancer');
  });
});

describe('round 12: how long, said loosely', () => {
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('"a couple of days" is 2d; "for a few hours", "for a while" ask how long, never an entry that stays for ever', () => {
    expect(read('please allowlist 192.0.2.44 on aks-green for a couple of days', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 192.0.2.44 for 2d on aks-green' });
    expect(buttons(read('allowlist my ip for a few hours', SNAP))).toEqual(['allowlist my ip for 2h', 'allowlist my ip for 4h', 'allowlist my ip for 8h']);
    expect(buttons(read('add 192.0.2.44 to the allowlist for several days', SNAP))).toEqual(['allowlist 192.0.2.44 for 2d', 'allowlist 192.0.2.44 for 3d', 'allowlist 192.0.2.44 for 1w']);
    expect(read('allowlist my ip for a while', SNAP).kind).toBe('ask');
  });

  it('"X on or not", "X yes or no" ask for the state, never change it', () => {
    expect(read('defender on or not', SNAP)).toMatchObject({ kind: 'sure', command: 'defender status' });
    expect(read('billing-gw public or not', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure billing-gw' });
  });
});

describe('round 12: changes talked about, taken back or left open, from an attack list of my own', () => {
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);
  const notPlanned = (text: string) => {
    const u = read(text, SNAP);
    expect(u.kind === 'sure' && /billing-gw|aks-green|defender|192\.0\.2/.test(u.command) && !/^(?:exposure|ip ranges|defender status|audit)/.test(u.command), `${text} → ${JSON.stringify(u).slice(0, 120)}`).toBe(false);
  };

  it('sarcasm and a refusal of your own take the change back: "what could go wrong", "said no one ever", "but I refuse"', () => {
    for (const text of ['sure, unrestrict billing-gw, what could go wrong', 'turn off defender, said no one ever', 'they told me to disable ip ranges on aks-green but I refuse', 'make billing-gw public? haha no', 'remove 192.0.2.8 from the allowlist on aks-green, or actually keep it'])
      notPlanned(text);
    expect(read('turn off defender, said no one ever', SNAP).kind).toBe('lost');
  });

  it('a sample, a step quoted from a document or a judged change is only mentioned: one button, never planned', () => {
    for (const text of ['for example: make billing-gw public', 'e.g. unrestrict billing-gw', 'the playbook step says: disable ip ranges on aks-green', 'allowlist 0.0.0.0/0 on aks-green would be reckless', 'unrestrict billing-gw would expose the admin page']) {
      notPlanned(text);
      expect(buttons(read(text, SNAP)).length, text).toBeLessThanOrEqual(1);
    }
    expect(read('make billing-gw internal, that would be great', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });

  it('two opposite states ("internal and public") and ranges joined by "or" are asked, never both planned', () => {
    notPlanned('make billing-gw internal and public');
    expect(buttons(read('allowlist 192.0.2.10 or 192.0.2.11 on aks-green', SNAP))).toEqual(['allowlist 192.0.2.10 on aks-green', 'allowlist 192.0.2.11 on aks-green']);
    expect(read('allowlist 192.0.2.10 and 192.0.2.11 on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist 192.0.2.10, 192.0.2.11 on aks-green' });
  });

  it('"temporarily", "until I am done" ask how long; a change that cannot expire says so in its one button', () => {
    expect(buttons(read('temporarily allowlist my ip on aks-green', SNAP))).toHaveLength(3);
    expect(read('allowlist my ip until I am done', SNAP).kind).toBe('ask');
    const u = read('make billing-gw public temporarily', SNAP);
    expect(u.kind === 'ask' && u.question).toMatch(/does not expire/);
    expect(read('as a temporary measure, please remove zero trust from orders', SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust orders' });
  });
});

describe('round 12d: the two ends of a flow said the short way', () => {
  // aks-weave also runs a `web` and an `api` of its own; the conversation is on aks-blue
  const TWIN: Snapshot = {
    ...SNAP,
    inventories: {
      ...SNAP.inventories,
      'aks-blue': { ...SNAP.inventories['aks-blue'], items: [...SNAP.inventories['aks-blue'].items, { name: 'orders-mongodb', namespace: 'orders', kind: 'StatefulSet' }] },
      'aks-weave': { ...SNAP.inventories['aks-weave'], items: [...SNAP.inventories['aks-weave'].items, { name: 'web', namespace: 'store', kind: 'Deployment' }, { name: 'api', namespace: 'store', kind: 'Service', type: 'ClusterIP' }] },
    },
  };

  it('short names at both ends of a flow are the conversation cluster\'s neighbours, before another cluster\'s namesakes', () => {
    expect(read('allow web to api on 8080', TWIN)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    expect(read('please let web talk to api on port 8080', TWIN)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    expect(read('orders-api has to talk to mongo again, can you allow that? it listens on 27017', TWIN)).toMatchObject({ kind: 'sure', command: 'allow orders-api to orders-mongodb on 27017' });
  });

  it('a cluster named says where the short names are; a lone short name for a change is still asked about', () => {
    expect(read('allow web to api on 8080 on aks-weave', TWIN)).toMatchObject({ kind: 'sure', command: 'allow web to api on 8080 on aks-weave' });
    for (const text of ['make web internal', 'make the web thing internal', 'allow web to ledger-db on 5432']) {
      const u = read(text, TWIN);
      expect(u.kind === 'sure' && proposesChange(u.command), text).toBe(false);
    }
  });
});

describe('round 12d: the internet as one end of a flow', () => {
  it('the internet said as the subject of "can" asks whether its flow gets through, not what the Service exposes', () => {
    expect(read('can the internet hit billing-gw?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach billing-gw' });
    expect(read('could the outside world actually get to orders-api?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach orders-api' });
    expect(read('can internet access orders-web', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach orders-web' });
  });

  it('"reachable from the public internet", "reachable by anyone on the internet" ask the Service\'s exposure', () => {
    expect(read('is billing-gw reachable from the public internet?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure billing-gw' });
    expect(read('is orders-web reachable by just anyone on the internet?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
  });

  it('the internet as the subject of the reaching verb is the source, even when the Service was named first', () => {
    expect(read('billing-gw serves our partners over the internet. can the internet really reach it on 443?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach billing-gw on 443' });
  });
});

describe('round 12d: a flow asked with its purpose restated, and a name said twice', () => {
  it('"can A resolve names, i.e. reach B over udp 53?" is whether A can reach B, never a change', () => {
    expect(read('can shop-front resolve names, i.e. reach backup-job in store over udp 53, on aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'can shop-front reach store/backup-job on 53/udp on aks-weave' });
    expect(read('can orders-web look up names, that is reach billing-gw on 53/udp?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach billing-gw on 53/udp' });
  });

  it('a name said alone before the question and again as what is reached stays the far end', () => {
    expect(read('ugh, billing-gw 🙄 can orders-web in orders reach billing-gw in orders on 443?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders/orders-web reach orders/billing-gw on 443' });
    expect(read('billing-gw again… can orders-api reach billing-gw in orders on 443?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-api reach orders/billing-gw on 443' });
  });
});

describe('round 12d: a how-to followed by an ask to put it in place', () => {
  it('"how do I let A reach B? can you add that rule" asks for the change (a plan to approve)', () => {
    expect(read('how do i let orders-web reach orders-api on port 8080? can you add that rule', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 8080' });
    expect(read('how can we allow orders-web to talk to billing-gw on 443? could you create it for us please', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to billing-gw on 443' });
  });

  it('a how-to alone, or followed by anything but an ask to add it, is answered with the help', () => {
    for (const text of ['how do i let orders-web reach orders-api on port 8080?', 'how do i let orders-web reach orders-api on port 8080? can you explain that rule']) expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command: 'help allow' });
  });
});

describe('round 12d: "which one do I …?" asks for a choice', () => {
  it('a message that ends asking which one is never run as sure: each named workload is offered, or named back', () => {
    const u = read('the guide says to make the orders one internal, but we have orders-web and orders-api, which one should I pick?', SNAP);
    expect(u.kind).toBe('ask');
    expect(options(u).sort()).toEqual(['make orders-api internal in orders', 'make orders-web internal in orders']);
    const v = read('orders-web or billing-gw, which one do I restrict?', SNAP);
    expect(v.kind).toBe('ask');
    expect(options(v).some(isChange)).toBe(false);
  });

  it('"which ones are …" is a read of a list, not a choice', () => {
    expect(read('which ones are exposed?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure' });
  });
});

describe('round 12d: namespaces said apart from the ends of a flow', () => {
  const EDGE: Snapshot = {
    ...SNAP,
    inventories: { ...SNAP.inventories, 'aks-blue': { namespaces: [...SNAP.inventories['aks-blue'].namespaces, 'edge'], items: [...SNAP.inventories['aks-blue'].items, { name: 'edge-proxy', namespace: 'edge', kind: 'Deployment' }] } },
  };

  it('each namespace goes to the end that lives in it ("it\'s ns1 to ns2", "anything outside ns …")', () => {
    expect(read("the edge proxy can't get to orders-api anymore since the lockdown, can we allow that? it's edge to orders", EDGE)).toMatchObject({ kind: 'sure', command: 'allow edge/edge-proxy to orders/orders-api' });
    expect(read('is anything outside the orders namespace able to reach billing-gw? for a start, can edge-proxy reach it on 443?', EDGE)).toMatchObject({ kind: 'sure', command: 'can edge-proxy reach orders/billing-gw on 443' });
  });

  it('a namespace both ends live in stays the flow\'s', () => {
    expect(read('can orders-web reach orders-api in orders on 8080', EDGE)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders-api on 8080 in orders' });
  });
});

describe('round 12d: a loose name beside the exact name it stands for', () => {
  const TWO_DBS: Snapshot = {
    ...SNAP,
    inventories: { ...SNAP.inventories, 'aks-blue': { namespaces: [...SNAP.inventories['aks-blue'].namespaces, 'edge'], items: [...SNAP.inventories['aks-blue'].items, { name: 'edge-proxy', namespace: 'edge', kind: 'Deployment' }, { name: 'orders-db', namespace: 'orders', kind: 'StatefulSet' }, { name: 'edge-redis', namespace: 'edge', kind: 'StatefulSet' }] } },
  };

  it('"its database, edge-redis" is edge-redis, not another database the word could mean', () => {
    expect(read('could you open a path so that edge-proxy can reach its database, edge-redis, on 6379?', TWO_DBS)).toMatchObject({ kind: 'sure', command: 'allow edge-proxy to edge-redis on 6379' });
  });

  it('"the database" alone, with two of them, is still asked about', () => {
    expect(read('can edge-proxy reach the database on 6379?', TWO_DBS).kind).toBe('ask');
  });
});

describe('round 12: a change told as what happened', () => {
  const buttons = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('"X was made internal by mistake, switch it back" offers the opposite as one button; the story alone plans nothing', () => {
    // (round 13b: an undoing that names the state in an order of its own is read: "…, switch it back to public")
    expect(read('billing-gw was made internal by mistake, switch it back to public', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw public' });
    expect(buttons(read('billing-gw was made internal by mistake, switch it back', SNAP))).toEqual(['make billing-gw public']);
    expect(read('billing-gw got switched to internal during the migration, please put it back to a public lb', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw public' });
    const story = read('billing-gw was made public on friday', SNAP);
    expect(story.kind).not.toBe('sure');
    expect(read('billing-gw was made internal by mistake', SNAP)).toMatchObject({ kind: 'ask', options: [{ command: 'make billing-gw internal' }] });
    expect(read('billing-gw is public, make it internal', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });
});

describe('round 12: a question about who made a change, or whether someone did, is the audit', () => {
  it('"who took A off X this week?", "did I remove A yesterday?", "has someone disabled defender?" read the audit, with the time said', () => {
    expect(read('who took 192.0.2.0/24 off aks-green this week?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since this week on aks-green' });
    expect(read('did I accidentally remove 192.0.2.0/24 from aks-green yesterday??', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since yesterday on aks-green' });
    expect(read('has someone disabled defender?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit' });
    // (the state, not the history: "already", and no one and no time)
    expect(read('Has 192.0.2.44 been removed from the allowlist of aks-green?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
    expect(read('who is whitelisted on green', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
  });
});

describe('round 12: a how-to whose verb only looks', () => {
  it('"how do I see / where can I view X?" is X read; a change verb after it keeps the how-to', () => {
    expect(read('sorry, how do I see the network policies in orders?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in orders' });
    expect(read('where can I view the audit log?', SNAP)).toMatchObject({ kind: 'sure', command: 'audit' });
    expect(read('how do I check the allowlist on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
    const u = read('how can I check before I disable ip ranges on aks-green', SNAP);
    expect(u.kind === 'sure' && u.command.startsWith('disable')).toBe(false);
  });
});

describe('round 12: short and tool-flavoured forms', () => {
  it('"a fortnight" is 14 days, "ctx X" chooses the cluster, "digest ls" lists the digests', () => {
    expect(read('how has the posture been trending on aks-weave over the past fortnight?', SNAP)).toMatchObject({ kind: 'sure', command: 'trend on aks-weave for 14d' });
    expect(read('ctx aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'use cluster aks-green' });
    expect(read('digest ls', SNAP)).toMatchObject({ kind: 'sure', command: 'digests' });
  });
});

describe('round 12: the Service field and the default cluster said the tool way', () => {
  it('"X loadBalancerSourceRanges=myip" restricts X; "the default cluster is fine" is no namespace; "alright palisade?" greets', () => {
    expect(read('billing-gw loadBalancerSourceRanges=myip', SNAP)).toMatchObject({ kind: 'sure', command: 'restrict billing-gw to my ip' });
    expect(read('which services are exposed? the default cluster is fine', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure' });
    expect(read('alright palisade?', SNAP)).toMatchObject({ kind: 'sure', intent: 'greet' });
  });
});

describe('round 12: the undoing offered when the names are not known yet', () => {
  it('a one-button ask for the change told as what happened offers its undoing instead', () => {
    const unknown: Snapshot = { ...SNAP, inventories: {} };
    const u = read('edge-lb was made internal by mistake, switch it back to public', unknown);
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['make edge-lb public']);
  });
});

describe('round 12: a message far longer than any request', () => {
  it('is not read as free text: it gets a clear answer to send the request on its own', () => {
    const u = read(`orders\nin\n80\non\norders-api\n${'x'.repeat(50_000)}`, SNAP);
    expect(u.kind).toBe('lost');
    expect(u.kind === 'lost' && u.reply).toMatch(/commands are short/);
  });
});

describe('round 13b: where the request sits in a message', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('a ticket or work-item id before or after the request only files it', () => {
    for (const text of ['SEC-3310: make billing-gw internal', 'Incident 4471 — make billing-gw internal', '[OPS0099] make billing-gw internal', 'PLAT#118 make billing-gw internal', 'make billing-gw internal (ref TASK-77)'])
      expect(sure(read(text, SNAP)), text).toBe('make billing-gw internal');
    expect(sure(read('story 5120: list the network policies in store on weave', SNAP))).toBe('network policies in store on aks-weave');
  });

  it('an id alone asks for nothing, and a cluster or a CVE id is never taken for a ticket id', () => {
    expect(read('REQ-5512', SNAP).kind).not.toBe('sure');
    expect(withoutTicketRef('OPS-42: status', ['aks-blue', 'OPS-42'])).toBe('OPS-42: status');
    expect(withoutTicketRef('CVE-2024-3094 fixable?')).toBe('CVE-2024-3094 fixable?');
    expect(withoutTicketRef('web001 status')).toBe('web001 status');
  });

  it('after a retraction, the one request that follows is what is asked ("it" stands for the value before)', () => {
    expect(sure(read('take 192.0.2.77 off the allowlist? no wait, ADD it. green', SNAP))).toBe('allowlist 192.0.2.77 on aks-green');
    expect(sure(read('nope, actually: make billing-gw internal', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('scratch that, show me the exposure on aks-weave', SNAP))).toBe('exposure on aks-weave');
    expect(sure(read('unrestrict orders-web. nvm, restrict it to 198.51.100.0/25', SNAP))).toBe('restrict orders-web to 198.51.100.0/25');
  });

  it('a retraction followed by more retraction, or by nothing that is a request, changes nothing', () => {
    for (const text of ['make billing-gw public. no wait, don\'t', 'make billing-gw public... actually no, hold on', 'unrestrict orders-web, scratch that'])
      expect(read(text, SNAP).kind, text).toBe('lost');
  });

  it('a change turned down, then "just" another request: the chosen one is read, with the cluster and topic before', () => {
    expect(sure(read("I'd rather we didn't switch off the allowlist on aks-green, could you just list them?", SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('we thought about opening the aks-weave api server for the vendor, but ruled that out; just show me the authorized ranges as they are', SNAP))).toBe('ip ranges on aks-weave');
  });

  it('background, then "so" and the request: the background\'s "not" and values are no part of it', () => {
    expect(sure(read("The load test can't run from our office and the window is short, so please turn the authorized ranges off on aks-green.", SNAP))).toBe('disable ip ranges on aks-green');
    expect(sure(read('Finance posted the billing portal link on a forum, which it should not be, so make billing-gw internal.', SNAP))).toBe('make billing-gw internal');
  });

  it('background that imagines, names several clusters or leaves "it" unclear keeps the message\'s own reading', () => {
    expect(read('if we made billing-gw internal, would anything break, so make it internal?', SNAP).kind).not.toBe('sure');
    expect(read('we run aks-blue and aks-green side by side, so please lock down the ranges', SNAP).kind).not.toBe('sure');
    expect(read('orders-web and billing-gw were flagged by the audit, which is not great, so please make it internal', SNAP).kind).not.toBe('sure');
  });

  it('a handover note: "X done -> next step", "TODO …", a trailing "(needed for …)" aside', () => {
    expect(sure(read('load test done -> make billing-gw internal', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('TODO list the network policies in store on weave', SNAP))).toBe('network policies in store on aks-weave');
    expect(sure(read('allow shop-front to shop-back on 8080 in store on weave (needed after the lockdown)', SNAP))).toBe('allow shop-front to shop-back on 8080 in store on aks-weave');
    // (an aside with a "not" or a value in it is part of the request)
    expect(read('make billing-gw internal (not on blue)', SNAP).kind).not.toBe('sure');
  });
});

describe('round 13b: what happened, or background sentences, then the order in a sentence of its own', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"X was made internal by mistake, put it back on a public IP": the order names the state, so it is read', () => {
    expect(sure(read('billing-gw got switched to internal during the freeze, put it back on a public address', SNAP))).toBe('make billing-gw public');
  });

  it('"… switch it back" with no state named stays the one-button undoing', () => {
    const u = read('billing-gw got switched to internal during the freeze, switch it back', SNAP);
    expect(u.kind).toBe('ask');
  });

  it('sentences of background, then an order: "it" is the one target before (my address too)', () => {
    expect(sure(read('deploys from my laptop to aks-weave time out, it seems my home address is not on the list. add it for 2 hours', SNAP))).toBe('allowlist my ip for 2h on aks-weave');
    expect(sure(read('Customers keep landing on the billing portal from search. Make billing-gw internal.', SNAP))).toBe('make billing-gw internal');
  });

  it('background that doubts the order leaves the doubt with it', () => {
    expect(read("I'm not sure the portal should be public at all. Make billing-gw internal.", SNAP).kind).not.toBe('sure');
  });
});

describe('round 13b: a note of a step to do', () => {
  it('"the drill is over, <request>": a status said in a few words is no request of its own', () => {
    expect(read('freeze over, show me the exposure on aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-weave' });
    expect(read('pentest finished, make billing-gw internal', SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
  });

  it('"TODO <read>" is the read; "TODO <change>" may be meant for later, so it is one button', () => {
    expect(read('todo: show the exposure on aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-weave' });
    const u = read('TODO make billing-gw internal', SNAP);
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['make billing-gw internal']);
  });
});

describe('round 13b: what the words before the last order still decide', () => {
  it('"I can\'t decide." or a bare "Please don\'t." before the order keeps the message\'s own reading', () => {
    expect(read("I can't decide. make billing-gw public", SNAP).kind).not.toBe('sure');
    expect(read("Please don't. Make billing-gw internal", SNAP).kind).not.toBe('sure');
  });

  it('"should we?" before the order keeps the message\'s own reading', () => {
    const asked = read('the runbook says to drop the allowlist on aks-green. should we? not sure. drop it', SNAP);
    expect(asked.kind).not.toBe('sure');
  });

  it('"there" in the last request is the one namespace named before', () => {
    expect(read('we talked about zero trust for store on aks-weave but ruled it out; just list the network policies there', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in store on aks-weave' });
  });
});

describe('round 13a: the domain in business and executive words', () => {
  const WITH_SUBS: Snapshot = { ...SNAP, subscriptions: [{ id: '0a0a0a0a-0000-4000-8000-000000000001', name: 'Retail Live' }, { id: '0a0a0a0a-0000-4000-8000-000000000002', name: 'Sandbox' }] };

  it('"threat protection" is Defender for Containers, on a cluster said as an environment or a subscription', () => {
    expect(read('Please switch on threat protection for the green environment.', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'enable defender for containers on aks-green' });
    expect(read('Is Microsoft threat protection active on aks-weave?', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'defender status on aks-weave' });
    expect(read('Report the Defender for Containers plan state on aks-green', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'defender status on aks-green' });
    // the usual safety still holds: a "not" or a question about the change plans nothing
    for (const text of ["Don't turn off threat protection on the blue environment.", 'Should we turn off threat protection for the weave environment?']) {
      const u = read(text, WITH_SUBS);
      expect(u.kind, text).not.toBe('sure');
    }
  });

  it('an environment nobody has ("the test environment", "the test cluster") is asked about, never the default', () => {
    for (const text of ['Enable threat protection for the test environment.', 'make orders-web internal on the test cluster']) {
      const u = read(text, WITH_SUBS);
      expect(u.kind, text).toBe('ask');
      expect(options(u).length, text).toBe(3);
    }
    // saying what kind of environment it is names none
    expect(read('It is only a sandbox environment, show me the posture of aks-green.', WITH_SUBS)).toMatchObject({ kind: 'sure', command: 'status on aks-green' });
  });

  it('the environments we watch or monitor are the clusters', () => {
    for (const text of ['Which environments are under your watch?', 'How many environments do you monitor?', 'which environments are we watching', 'How many environments are we responsible for?', 'Give me the list of environments.']) expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command: 'clusters' });
  });

  it('administering a cluster is reaching its API server', () => {
    expect(read('who has admin access to aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-weave' });
    // "manage" only when what is managed is said as a cluster ("manage digests" is not the API server)
    expect(read('who can manage the green cluster?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges on aks-green' });
    expect(read('From here on only our VPN, 198.51.100.0/24, may administer the blue cluster.', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 198.51.100.0/24 on aks-blue' });
    expect(read('Open up administrative access to green for everyone.', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
    // a condition stays a condition; a cluster nobody has is asked about (the API server of "pilot" is no default's)
    expect(read('If only 198.51.100.0/24 may administer green, what breaks?', SNAP).kind).not.toBe('sure');
    expect(read('Only 198.51.100.0/24 may administer the pilot environment.', SNAP).kind).toBe('ask');
    expect(read('open up the pilot api server to everyone', SNAP).kind).toBe('ask');
  });

  it('internal or east-west traffic rules are the network policies, an application being its namespace', () => {
    expect(read('Which internal traffic rules protect the store application on aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in store on aks-weave' });
    expect(read('east-west traffic rules in the orders app', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in orders' });
    expect(read('Are internal traffic rules in place for the orders application?', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies in orders' });
  });

  it('periods a business says: the last quarter is 90 days, the last week 7 days of a trend', () => {
    expect(read('How has our posture moved over the last quarter?', SNAP)).toMatchObject({ kind: 'sure', command: 'trend for 90d' });
    expect(read('show the audit for the past quarter', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since 90d' });
    expect(read('exposure trend over the last week on aks-green', SNAP)).toMatchObject({ kind: 'sure', command: 'trend exposure on aks-green for 7d' });
    expect(read('How did the score change in the last week?', SNAP)).toMatchObject({ kind: 'sure', command: 'trend for 7d' });
    // what changed "last week" is still the audit since then
    expect(read('what changed last week', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since last week' });
  });

  it('flaws or holes in our software are the vulnerabilities, those with a fix the fixable ones', () => {
    expect(read('Which high holes in our blue software already have a fix?', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities severity high fixable on aks-blue' });
    expect(read('any flaws in our images that have a patch available', SNAP)).toMatchObject({ kind: 'sure', command: 'vulnerabilities fixable' });
  });

  it('a trend of one area said as an afterthought, the area first, or as how exposed things have been', () => {
    expect(read('posture trend for aks-green, images only', SNAP)).toMatchObject({ kind: 'sure', command: 'trend images on aks-green' });
    expect(read('trend of the network policy area on aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'trend network policy on aks-weave' });
    expect(read('a trend of how exposed our services have been', SNAP)).toMatchObject({ kind: 'sure', command: 'trend exposure' });
    expect(read('security score over the past 30 days on aks-weave', SNAP)).toMatchObject({ kind: 'sure', command: 'trend on aks-weave for 30d' });
  });

  it('a Service by what it is for: our public website, the X back end, the X site (a change to it is still asked)', () => {
    expect(read('Can our public website reach the orders back end on 8080?', SNAP)).toMatchObject({ kind: 'sure', command: 'can orders-web reach orders-api on 8080' });
    expect(read('Is our public website exposed to the wider world?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure orders-web' });
    expect(options(read('Make our public website internal.', SNAP))).toEqual(['make orders-web internal']);
    expect(read('Which of our websites are public?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure' });
    expect(read('Customers should reach the orders site from anywhere, remove the address limits.', SNAP)).toMatchObject({ kind: 'sure', command: 'unrestrict orders-web' });
  });

  it('the X website and "its back end" is the X API; a name nobody has is never read as a short name of a neighbour', () => {
    expect(read('The orders website needs to talk to its back end, please permit that.', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api' });
    // "payroll-web" and "payroll-api" are nobody's: their pieces "web" and "api" do not vouch for orders-web and orders-api
    for (const text of ['The payroll website needs to talk to its back end, please permit that.', 'please let payroll-web talk to payroll-api']) {
      const u = read(text, SNAP);
      expect(u.kind, text).not.toBe('sure');
    }
  });

  it('a cluster that cannot be reached from the internet is asked about as a private cluster; a Service stays its reach', () => {
    expect(read('I heard the weave cluster is not reachable from the internet at all; is that so?', SNAP)).toMatchObject({ kind: 'sure', command: 'private cluster on aks-weave' });
    expect(read('is it true that aks-green cannot be reached from the internet?', SNAP)).toMatchObject({ kind: 'sure', command: 'private cluster on aks-green' });
    expect(read('orders-web can not be reached from the internet, right?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach orders-web' });
  });

  it('the internet as the wider world', () => {
    expect(read('what is exposed to the big bad internet on aks-weave?', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-weave' });
    expect(read('can the wider world reach orders-web?', SNAP)).toMatchObject({ kind: 'sure', command: 'can internet reach orders-web' });
    // "open web -> api" is a flow between two names, not the open web
    expect(read('open orders-web -> orders-api 80', SNAP)).toMatchObject({ kind: 'sure', command: 'allow orders-web to orders-api on 80' });
  });
});

describe('round 13c: one-button asks whose words were explained, and the conversation\'s cluster', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('the cluster chosen with a slipped switch verb, "back to X", "X as our default", or asked for politely', () => {
    expect(sure(read('swich to green', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('ok back to aks-weave', SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('make aks-green our default, it is where the ledger team works', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('default us to weave in this thread', SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('can we switch over to the green cluster maybe?', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('ok now back on blue', SNAP))).toBe('use cluster aks-blue');
    expect(sure(read("let's stick with weave", SNAP))).toBe('use cluster aks-weave');
    expect(sure(read('stay on green', SNAP))).toBe('use cluster aks-green');
    expect(sure(read('can you default me to green?', SNAP))).toBe('use cluster aks-green');
    // (the namespace called "default" is still a namespace)
    expect(sure(read('zero-trust the default on green', SNAP))).toBe('zero-trust default on aks-green');
    // (a change said with "back to" is that change; "not", "what if" and another value stay what they were)
    expect(sure(read('switch orders-web back to internal', SNAP))).toBe('make orders-web internal');
    expect(sure(read("don't switch to green", SNAP))).not.toBe('use cluster aks-green');
    expect(sure(read('back to green and show me what is exposed there', SNAP))).not.toBe('use cluster aks-green');
  });

  it('"…and call it a day" is a closer, never how long a change lasts', () => {
    expect(sure(read('lock billing-gw to my ip and call it a day', SNAP))).toBe('restrict billing-gw to my ip');
    // (a real length is still read)
    expect(sure(read('allowlist my ip for a day', SNAP))).toBe('allowlist my ip for 1d');
  });

  it('one more address added ("too", "also", "as well"), or added to "the allowed IPs", is the allowlist', () => {
    expect(sure(read('add 192.0.2.31 as well i guess', SNAP))).toBe('allowlist 192.0.2.31');
    expect(sure(read('also add 192.0.2.32', SNAP))).toBe('allowlist 192.0.2.32');
    expect(sure(read('please put 192.0.2.33 on the allowed IPs', SNAP))).toBe('allowlist 192.0.2.33');
    // (a cluster named says where, whatever the cluster is called)
    expect(sure(read('allowlsit 192.0.2.36 on green', SNAP))).toBe('allowlist 192.0.2.36 on aks-green');
    // (a bare "add A" or "allow A" says nothing about where: still asked)
    expect(read('add 192.0.2.34', SNAP).kind).toBe('ask');
    expect(read('allow 192.0.2.35', SNAP).kind).toBe('ask');
  });

  it('"my office IP is A, add it": the address given, not the one Palisade sees', () => {
    expect(sure(read('my office ip is 192.0.2.40 - can you allowlist it?', SNAP))).toBe('allowlist 192.0.2.40');
    expect(sure(read('my laptop address is 192.0.2.41, please add it to the api allowlist', SNAP))).toBe('allowlist 192.0.2.41');
    expect(sure(read("here's my ip: 192.0.2.42 - add it to the allowlist", SNAP))).toBe('allowlist 192.0.2.42');
    // (no address given: my ip, as before)
    expect(sure(read('please add my office ip to the allowlist', SNAP))).toBe('allowlist my ip');
  });

  it('"X should only take traffic from A", "only let them reach X", "I\'d appreciate it if X could only accept …": restrict', () => {
    expect(sure(read('billing-gw must only accept requests from 198.51.100.0/25', SNAP))).toBe('restrict billing-gw to 198.51.100.0/25');
    expect(sure(read('the payroll team works from 198.51.100.64/26; only let those reach billing-gw', SNAP))).toBe('restrict billing-gw to 198.51.100.64/26');
    expect(sure(read("we'd appreciate it if orders-web could only take traffic from 198.51.100.0/24", SNAP))).toBe('restrict orders-web to 198.51.100.0/24');
    // (a real condition is still a condition, and "not" is still not)
    expect(read('if the audit fails, orders-web should only take traffic from 198.51.100.0/24', SNAP).kind).not.toBe('sure');
    expect(read("I'd appreciate it if you did not restrict orders-web", SNAP).kind).not.toBe('sure');
  });

  it('a side said, the other never: the opposite change is no rival', () => {
    expect(sure(read('would it be ok to move billing-gw onto an internal load balancer? thanks a lot', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('could we tuck orders-web behind the internal lb?', SNAP))).toBe('make orders-web internal');
  });

  it('the kubectl annotation said in words, and verbs no example uses', () => {
    expect(sure(read('annotate billing-gw with azure-load-balancer-internal please', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('strip the azure-load-balancer-internal annotation off orders-web', SNAP))).toBe('make orders-web public');
    expect(sure(read('constrain orders-web to 203.0.113.64/26', SNAP))).toBe('restrict orders-web to 203.0.113.64/26');
    expect(sure(read('on-call here: allowlist my ip for 2 hours on green', SNAP))).toBe('allowlist my ip for 2h on aks-green');
    expect(sure(read('scope billing-gw to my egress address only', SNAP))).toBe('restrict billing-gw to my ip');
    expect(sure(read('scope this conversation to aks-green', SNAP))).toBe('use cluster aks-green');
    // (asked about, it is still only offered)
    expect(read('should I annotate billing-gw with azure-load-balancer-internal?', SNAP).kind).not.toBe('sure');
  });

  it('a hedge or an acknowledgement around a request only softens it ("…, i suppose", "k …", "… as well")', () => {
    expect(sure(read('lock billing-gw to 198.51.100.0/24 i suppose', SNAP))).toBe('restrict billing-gw to 198.51.100.0/24');
    expect(sure(read('k zero-trust store on weave', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('unrestrict billing-gw as well', SNAP))).toBe('unrestrict billing-gw');
    expect(sure(read('zero-trust store on weave one more time', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('unrestrict billing-gw before I forget', SNAP))).toBe('unrestrict billing-gw');
    expect(sure(read('make billing-gw internal, if you please', SNAP))).toBe('make billing-gw internal');
    // (a real "if you …" is still a condition)
    expect(read('make billing-gw internal if you see the scan pass', SNAP).kind).not.toBe('sure');
    expect(sure(read('guess we need to lock billing-gw to 198.51.100.0/24', SNAP))).toBe('restrict billing-gw to 198.51.100.0/24');
    expect(sure(read('i guess make orders-web internal', SNAP))).toBe('make orders-web internal');
    // (the imagining "suppose" is still imagined)
    expect(read('suppose we made orders-web internal', SNAP).kind).not.toBe('sure');
  });

  it('"would you mind making X internal?", "mind adding A?": a request said with a gerund is that request', () => {
    expect(sure(read('would you mind making billing-gw internal?', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('do you mind putting 192.0.2.70 on the green allowlist', SNAP))).toBe('allowlist 192.0.2.70 on aks-green');
    expect(sure(read('mind locking orders-web to my ip?', SNAP))).toBe('restrict orders-web to my ip');
    // (leave asked, "not", and "I don't mind …" are no such request)
    for (const text of ['would you mind if I made billing-gw internal?', 'would you mind not making orders-web public', "i don't mind making orders-web internal"]) expect(read(text, SNAP).kind, text).not.toBe('sure');
  });

  it('"I\'d like A taken off the list, if it\'s no bother": a removal wished for, with a courtesy that is no condition', () => {
    expect(sure(read("we'd quite like 192.0.2.50 taken off the green allowlist, if that's no trouble", SNAP))).toBe('remove 192.0.2.50 from allowlist on aks-green');
    expect(sure(read('I want 192.0.2.51 struck from the api allowlist on blue', SNAP))).toBe('remove 192.0.2.51 from allowlist on aks-blue');
    // (a real condition stays one)
    expect(read('once the vendor is gone, we want 192.0.2.52 removed from the allowlist', SNAP).kind).not.toBe('sure');
  });
});

describe('round 13d: off-topic and social precision, learner questions', () => {
  it('a thing of the office or of life, with nothing of ours named, is not ours (lost)', () => {
    for (const text of ['reboot my laptop please', 'can you sort out my vpn', 'approve my vacation request for monday', 'help me write a farewell card for Priya', 'any ideas for the team dinner next week?', 'is the canteen still serving breakfast?', 'could you look at my pull request', 'summarize the newest security blog posts', 'my son is sick, I will be out tomorrow', 'remind me to ring my mum', 'can you unlock my account']) {
      expect(read(text, SNAP).kind, text).toBe('lost');
    }
  });

  it('the same things beside our words or a target stay requests', () => {
    expect(read('my laptop cannot reach aks-green any more, allowlist my ip', SNAP)).toMatchObject({ kind: 'sure', command: 'allowlist my ip on aks-green' });
    expect(read('add the vpn range 198.51.100.0/24 to the allowlist on aks-blue', SNAP).kind).not.toBe('lost');
    expect(read('approve the pending requests', SNAP).kind).not.toBe('lost');
    expect(read("switch me to aks-weave, I'm sick of typing it", SNAP).kind).not.toBe('lost');
    // (two targets of ours side by side are no opinion asked: "orders-web > orders-api" is a flow)
    expect(read('orders-web > orders-api', SNAP).kind).not.toBe('lost');
    // (a greeting may say what the morning is like; a story that only mentions the morning is not a greeting)
    expect(read('good morning! just back from lunch', SNAP)).toMatchObject({ kind: 'sure', command: 'hello' });
    expect(read('my phone broke this morning, how do I get my email back?', SNAP).kind).toBe('lost');
  });

  it('a concept compared or a Kubernetes thing defined asks for teaching: lost, never a read of the cluster', () => {
    for (const text of ['which is better for us, istio or linkerd?', 'helm vs kustomize', 'vim > emacs tbh', 'translate good evening into spanish', 'how do you say cheers in dutch?', 'whats the difference between a network policy and a security group?', 'explain the differences between an ingress and a load balancer', 'could you explain what a daemonset is? sorry', 'explain what a sidecar is, I am new here']) {
      expect(read(text, SNAP).kind, text).toBe('lost');
    }
  });

  it('a learner\'s "what is X and …": the request after the definition is what counts, "it" standing for X', () => {
    expect(read('what is zero trust and could you apply it to the orders namespace?', SNAP)).toMatchObject({ kind: 'sure', command: 'zero-trust orders' });
    expect(read('what is Defender for Containers, and is it enabled for my subscription?', SNAP)).toMatchObject({ kind: 'sure', command: 'defender status' });
    expect(read('what does "exposure" mean? show me what is exposed on aks-blue', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure on aks-blue' });
    // (a definition with no request after it, or a target in its subject, is left as it was)
    expect(read('what does private cluster mean? is ours one?', SNAP)).toMatchObject({ kind: 'sure', command: 'private cluster' });
  });

  it('thanks with praise, a sign-off or what it fixed is a thank-you', () => {
    for (const text of ['Great work, thank you!', 'well done, cheers', 'thanks! signing off for today', 'thank you, that\'s all for now', 'that solved the flaky login we had since Monday, thanks a lot']) {
      expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command: 'thanks' });
    }
    // (a thank-you with a request after it is the request)
    expect(read('great work, thanks. can you also make orders-web internal?', SNAP)).not.toMatchObject({ command: 'thanks' });
    expect(read('that fixed it but can you check the ranges on aks-blue, thanks', SNAP)).not.toMatchObject({ command: 'thanks' });
    expect(read('that fixed the timeouts, make billing-gw internal too, thanks', SNAP)).not.toMatchObject({ command: 'thanks' });
  });

  it('a greeting with what the writer is doing (a workshop, a lab) is a greeting, even when the words name a cluster', () => {
    for (const text of ['hello! we are doing the weave lab today', 'hi, I\'m following the kubernetes security course']) {
      expect(read(text, SNAP), text).toMatchObject({ kind: 'sure', command: 'hello' });
    }
    expect(read('hi, I\'m on the weave lab and need my ip allowlisted', SNAP)).not.toMatchObject({ command: 'hello' });
    expect(read("hello, I'm in the lab, please allowlist my ip for the workshop", SNAP)).not.toMatchObject({ command: 'hello' });
  });

  it('"my cluster" / "our cluster" with no name is the conversation\'s cluster, never the list of clusters', () => {
    expect(read('list what is public on my cluster', SNAP)).toMatchObject({ kind: 'sure', command: 'exposure' });
    expect(read('show the network policies in our cluster please', SNAP)).toMatchObject({ kind: 'sure', command: 'network policies' });
    // (a name after it is kept)
    expect(withoutOwnCluster('what is exposed on my cluster aks-green?')).toBe('what is exposed on my cluster aks-green?');
    expect(withoutOwnCluster('is anything public on our cluster?')).toBe('is anything public?');
  });

  it('once the lab is over, a how-to that takes back what it set up asks for the clean-up; without it, the help', () => {
    expect(read('ok we completed the workshop, how can I turn off the allowlist again?', SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges' });
    expect(read("the exercise's over: how do we undo the zero trust in orders?", SNAP)).toMatchObject({ kind: 'sure', command: 'remove zero-trust orders' });
    expect(read('how can I switch off the allowlist?', SNAP)).toMatchObject({ kind: 'sure', command: 'help disable ip ranges' });
    // (a read after the lab stays a read; a change that is no clean-up stays the help)
    expect(read('finished the lab, how do I see the ranges now?', SNAP)).toMatchObject({ kind: 'sure', command: 'ip ranges' });
    expect(isChange(read('done with the lab, how do I make orders-web public?', SNAP).kind === 'sure' ? (read('done with the lab, how do I make orders-web public?', SNAP) as { command: string }).command : 'help')).toBe(false);
  });
});

describe('round 13w: the wrong writes of three fresh writers, fixed by class', () => {
  const said = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);

  it('a change read beside a name no cluster has, left unused, is asked about', () => {
    const u: Understanding = { kind: 'sure', command: 'set ip ranges 192.0.2.5/32', intent: 'ipRangesSet', score: 0.5, leftovers: ['orders', 'webapp'] };
    const asked = unknownNameAsked('restrict orders-webapp 192.0.2.5', u, SNAP);
    expect(asked.kind).toBe('ask');
    expect(asked.kind === 'ask' && asked.question).toMatch(/orders-webapp/);
    // a known name, or one the change uses, is no reason to ask
    expect(unknownNameAsked('restrict orders-web 192.0.2.5', { ...u, command: 'restrict orders-web to 192.0.2.5/32', leftovers: ['orders', 'web'] }, SNAP)).toMatchObject({ kind: 'sure' });
  });

  it('words that take away, beside a reading that adds zero trust, offer both ways; "rip it out of X" removes it', () => {
    expect(said(read('default deny broke the ledger sync, rip it out of ledger on aks-green', SNAP))).toBe('remove zero-trust ledger on aks-green');
    const both = read('zero trust store on aks-weave, remove it again', SNAP);
    expect(both.kind === 'ask' && both.options.map((o) => o.command)).toEqual(['remove zero-trust store on aks-weave', 'zero-trust store on aks-weave']);
  });

  it('a pasted az line keeps the words said after it: the cluster they name, or the question of several', () => {
    expect(said(read('az aks update --api-server-authorized-ip-ranges 192.0.2.0/24 for aks-green', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
    const several = read('az aks update --api-server-authorized-ip-ranges 192.0.2.0/24 for aks-green and aks-weave', SNAP);
    expect(several.kind).toBe('ask');
    expect(several.kind === 'ask' && several.options.map((o) => o.command)).toContain('set ip ranges 192.0.2.0/24 on aks-weave');
  });

  it('"what-if:" in front of a change asks for its dry run; "make sure nobody …" is no order at all', () => {
    const dry = read('what-if: disable the authorized ip ranges on aks-green', SNAP);
    expect(dry.kind === 'ask' && dry.question).toMatch(/dry run/);
    for (const words of ['make sure no one disables the allowlist on aks-green', 'please ensure nobody makes orders-web public', 'prevent anyone from disabling the ranges on aks-green']) {
      const u = read(words, SNAP);
      expect(u.kind, words).toBe('lost');
    }
  });

  it('the list now, then "replace that with only A": the new list is A alone', () => {
    expect(said(read('aks-green allows 192.0.2.0/24 and 198.51.100.0/24, replace that with only 192.0.2.0/24', SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
  });

  it('"revert with …" is a reply asked for (Indian English), never an undo', () => {
    expect(said(read('kindly revert with the network policies in orders namespace', SNAP))).toBe('network policies in orders');
    expect(said(read('check the exposure of orders-web and revert back to me', SNAP))).toBe('exposure orders-web');
  });

  it('an order followed by "would this …" with no question mark asks about the change', () => {
    const u = read('disable authorized ip ranges on aks-green would this lock us out', SNAP);
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['disable ip ranges on aks-green']);
    expect(said(read('make orders-web internal would be great', SNAP))).toBe('make orders-web internal');
  });
});

describe('round 13b: the request first, then why', () => {
  it('a "not" in the reason after "because/since/given that" is about the world, not the request', () => {
    expect(read("make billing-gw internal, because the partner link leaked and it shouldn't be public yet", SNAP)).toMatchObject({ kind: 'sure', command: 'make billing-gw internal' });
    expect(read("please turn the authorized ranges off on aks-green since the load test can't run from fixed addresses", SNAP)).toMatchObject({ kind: 'sure', command: 'disable ip ranges on aks-green' });
  });

  it('a "since" of time stays with the request; a take-back anywhere, or a doubt in the reason, leaves nothing planned', () => {
    expect(read('what changed on aks-green since last week', SNAP)).toMatchObject({ kind: 'sure', command: 'audit since last week on aks-green' });
    expect(read("make billing-gw public because the demo needs it... actually no, don't", SNAP).kind).not.toBe('sure');
    expect(read("make billing-gw public because I'm not sure it should be internal", SNAP).kind).not.toBe('sure');
  });
});

describe('round 13b: values in the last order', () => {
  it('an address in the last order is no sentence end; "them" is the ranges, "to that" the addresses named before', () => {
    expect(read('the ranges on aks-green are stale; set them to 198.51.100.0/25', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 198.51.100.0/25 on aks-green' });
    expect(read('our office moved to 198.51.100.0/25. set the ranges on aks-green to that', SNAP)).toMatchObject({ kind: 'sure', command: 'set ip ranges 198.51.100.0/25 on aks-green' });
  });
});

describe("round 13w: a checklist's numbering is no value", () => {
  const said = (u: Understanding) => (u.kind === 'sure' ? u.command : u.kind);
  it('"3) …", "12. …", "#5 …", "step 4: …", "2 - …" in front of a request are dropped', () => {
    expect(said(read('3) make orders-web internal', SNAP))).toBe('make orders-web internal');
    expect(said(read('12. list network policies in orders', SNAP))).toBe('network policies in orders');
    expect(said(read('2 - restrict orders-web to my ip', SNAP))).toBe('restrict orders-web to my ip');
    expect(said(read('step 4: show the authorized ranges on aks-green', SNAP))).toBe('ip ranges on aks-green');
    // an address or a number that says how long is no numbering
    expect(said(read('192.0.2.7 should be allowlisted on aks-green', SNAP))).toBe('allowlist 192.0.2.7 on aks-green');
    expect(said(read('2 hours for my ip please', SNAP))).toBe('allowlist my ip for 2h');
  });

  it("an app owner's \"my frontend\" and \"our back end\" are the web one and the API one (a change to them is still asked)", () => {
    expect(said(read('can my frontend reach our back end on 80?', SNAP))).toBe('can orders-web reach orders-api on 80');
    expect(said(read('is the website exposed to the internet?', SNAP))).toBe('exposure orders-web');
    const change = read('make my frontend internal', SNAP);
    expect(change.kind === 'ask' && change.options.map((o) => o.command)).toEqual(['make orders-web internal']);
  });

  it('a statement of how a thing is ("X is public", "A is allowlisted on Y") is no order: its state and the change, one button each', () => {
    for (const [words, look] of [
      ['orders-web is public, so what', 'exposure orders-web'],
      ['orders-web is now internal', 'exposure orders-web'],
      ['192.0.2.9 is allowlisted on aks-green', 'ip ranges on aks-green'],
    ]) {
      const u = read(words, SNAP);
      expect(u.kind, words).toBe('ask');
      expect(u.kind === 'ask' && u.options[0]?.command, words).toBe(look);
    }
    // a wish, or an order beside the statement, is still read as asked
    expect(said(read('orders-web should be public', SNAP))).toBe('make orders-web public');
    expect(said(read('orders-web is public, make it internal', SNAP))).toBe('make orders-web internal');
  });

  it('a change to the state the message says its target is already in is never run: the opposite comes first', () => {
    const u = read('orders-web is internal, the launch needs it public', SNAP);
    expect(u.kind === 'ask' && u.options.map((o) => o.command)).toEqual(['make orders-web public', 'make orders-web internal']);
    // another subject in that state says nothing about the target
    expect(said(read('i think the next step is zero trust on orders? could you set that up pls', SNAP))).toBe('zero-trust orders');
  });

  it('written shorthand is spelled out: "w/" is with, "w/o" without', () => {
    expect(said(read("replace aks-green's ranges w/ 192.0.2.0/24", SNAP))).toBe('set ip ranges 192.0.2.0/24 on aks-green');
    expect(said(read('restrict orders-web w/ 192.0.2.0/24', SNAP))).toBe('restrict orders-web to 192.0.2.0/24');
  });
});

describe('round 14b: a causative order, and a closing wish said with a "not"', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"get/have/need X <done>" is the order said after its object', () => {
    expect(sure(read('get the defender sensor switched on for green', SNAP))).toBe('enable defender for containers on aks-green');
    expect(sure(read('have 203.0.113.0/28 pulled off the blue allowlist', SNAP))).toBe('remove 203.0.113.0/28 from allowlist on aks-blue');
    expect(sure(read('can we get billing-gw made internal', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('we would like to have the store namespace on aks-weave secured with zero trust', SNAP))).toBe('zero-trust store on aks-weave');
    expect(sure(read('sort out zero trust for the orders namespace on blue', SNAP))).toBe('zero-trust orders on aks-blue');
  });

  it('a question, a pronoun subject or a negation in front is no causative order', () => {
    expect(normaliseText('did you get defender switched on?').text).toContain('get');
    expect(normaliseText('have you enabled defender on blue?').text).toContain('have you');
    expect(read('don\'t get billing-gw made public', SNAP).kind).not.toBe('sure');
    expect(read('have you made billing-gw internal yet?', SNAP).kind === 'sure' && isChange((read('have you made billing-gw internal yet?', SNAP) as { command: string }).command)).toBe(false);
    // (taken off the public internet is no address removed from an allowlist)
    expect(normaliseText('i would like it taken off the public internet').text).not.toContain('remove');
  });

  it('"make sure X is not on a public IP", "make sure nobody outside the VNet can reach X": X internal', () => {
    expect(sure(read('make sure billing-gw is no longer sitting on a public ip', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('please ensure no one outside our network can reach billing-gw', SNAP))).toBe('make billing-gw internal');
    // (nobody but one address is a restriction, never "internal")
    expect(normaliseText('make sure nobody but 198.51.100.4 can reach billing-gw').text).not.toContain('internal');
  });

  it('a "not" that restates a closing order\'s aim, or a feeling without the thing turned on, is no refusal', () => {
    expect(sure(read('please make billing-gw internal, it must not be exposed to the internet', SNAP))).toBe('make billing-gw internal');
    expect(sure(read('switch defender on for blue please, we do not feel safe without it', SNAP))).toBe('enable defender for containers on aks-blue');
    // (the same words after an opening order, or an order that turns the thing off, still refuse)
    expect(read('make billing-gw public, it must not be exposed to the internet', SNAP).kind).not.toBe('sure');
    expect(read('switch defender off for blue, we do not feel safe without it', SNAP).kind).not.toBe('sure');
  });
});

describe('round 14b: a checklist item\'s reviewer verbs are reads', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"review X", "go over X" show X; "review the pending requests" stays the approvals', () => {
    expect(sure(read('7) Go over the API server authorized IP ranges (aks-green)', SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('review the pending requests', SNAP))).toBe('approvals');
  });

  it('"confirm A is still in X\'s allowlist" reads the list, never adds A; "N-day" is a length', () => {
    const u = read('12. Confirm 203.0.113.0/26 is still in aks-blue\'s allowlist', SNAP);
    expect(sure(u)).toBe('ip ranges on aks-blue');
    expect(normaliseText('show the 30-day trend').text).toContain('30 day');
  });

  it('an address "allowed" on a cluster stays the allowlist, never a flow', () => {
    expect(normaliseText('we need our office range 198.51.100.0/24 allowed on aks-green').text).not.toMatch(/^allow /);
    expect(isChange(sure(read('we need our office range 198.51.100.0/24 allowed on aks-green', SNAP))) && !sure(read('we need our office range 198.51.100.0/24 allowed on aks-green', SNAP)).startsWith('allowlist')).toBe(false);
  });
});

describe('round 14b: a report configured, the API server "got to", a purpose that nothing be missed', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"configure the weekday digest 08:15 UTC" sets it up', () => {
    expect(sure(read('configure the weekday digest 08:15 UTC', SNAP))).toBe('digest weekdays at 08:15 UTC');
  });

  it('"can anybody get to the control plane of green from outside?" asks who can reach it', () => {
    expect(normaliseText('can anybody get to the control plane of green from outside?').text).toContain('reach');
  });

  it('"…, so we don\'t miss anything" is a purpose, not a refusal; "don\'t" elsewhere still refuses', () => {
    expect(normaliseText('send the weekly digest here on mondays at 8 so we do not miss anything').negated).toBe(false);
    expect(normaliseText('do not send the weekly digest here, so we do not miss anything').negated).toBe(true);
  });
});

describe('round 14b: idioms of English learned after another language, and of a worried voice', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"choose X as standard cluster" is the conversation\'s default', () => {
    expect(sure(read('please choose aks-weave as standard cluster here', SNAP))).toBe('use cluster aks-weave');
  });

  it('"kindly share the posture of X" shows it; sharing a digest is left to the digest', () => {
    expect(sure(read('kindly share the exposure of aks-green', SNAP))).toBe('exposure on aks-green');
    expect(normaliseText('please share the weekly digest with the team').text).not.toContain('show');
  });

  it('a removing order ending in "again" is the order alone', () => {
    expect(sure(read('please remove the zero trust policies from namespace orders again', SNAP))).toBe('remove zero-trust orders');
    expect(normaliseText('disable the allowlist on aks-green again').text).not.toContain('again');
  });

  it('"are we even running defender?" asks whether Defender is on, for the cluster it names', () => {
    expect(sure(read('are we even using defender?', SNAP))).toBe('defender status');
    expect(normaliseText('is aks-green actually running defender?').text).toContain('defender enabled on aks-green');
  });
});

describe('round 14b: a command-line user\'s half-remembered forms', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('a flag\'s name as a noun is the thing it sets', () => {
    expect(sure(read('rm 203.0.113.0/28 from authorized-ip-ranges on aks-green', SNAP))).toBe('remove 203.0.113.0/28 from allowlist on aks-green');
  });

  it('"svc/NAME -n NS" in a sentence is NAME in NS', () => {
    expect(sure(read('drop loadBalancerSourceRanges from svc/billing-gw -n orders', SNAP))).toBe('unrestrict billing-gw in orders');
  });

  it('"nc -zv HOST PORT from the X pod", "telnet HOST PORT from X": can X reach HOST on PORT', () => {
    expect(sure(read('nc -zv orders-api 8443 from the orders-web pod, does it connect?', SNAP))).toBe('can orders-web reach orders-api on 8443');
    expect(normaliseText('telnet orders-api 8443 from orders-web').text).toContain('can orders-web reach orders-api port 8443');
  });

  it('"kick off a one-off digest for X" sends one now', () => {
    expect(sure(read('kick off a one-off digest for aks-green', SNAP))).toBe('digest now for aks-green');
  });
});

describe('round 14b: a worried voice\'s questions and purposes', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"is our posture trending up or down?" asks its trend', () => {
    expect(normaliseText('is our exposure trending up or down?').text).toContain('exposure trend');
  });

  it('"hey, are you the palisade bot?" is a greeting', () => {
    expect(sure(read('hey, are you the palisade bot?', SNAP))).toBe('hello');
    expect(normaliseText('hello, am i talking to the security assistant?').text).toBe('hello');
    expect(normaliseText('is this the security bot for aks-green status?').text).not.toBe('hello');
  });

  it('locking down "so pods can\'t talk to anything they don\'t need" asks zero trust, not a refusal', () => {
    expect(sure(read('please lock down orders so pods can\'t talk to anything they don\'t need', SNAP))).toBe('zero-trust orders');
    expect(normaliseText('lock down orders so pods can not talk to anything they do not need').negated).toBe(false);
  });
});

describe('round 14a: formal labels, a limit as a thing, and a look at the thing not to change', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('a kind\'s label before a name ("Service X", "Deployment X") is no word of the request', () => {
    expect(sure(read('Restrict Service billing-gw in namespace orders on cluster aks-blue to 192.0.2.0/28.', SNAP))).toBe('restrict billing-gw to 192.0.2.0/28 in orders on aks-blue');
    expect(sure(read('Drop all source range restrictions from Service orders-web in namespace orders on cluster aks-blue.', SNAP))).toBe('unrestrict orders-web in orders on aks-blue');
    expect(sure(read('Restrict Service billing-gw in namespace orders to my IP address only.', SNAP))).toBe('restrict billing-gw to my ip in orders');
    // (a label that stands alone is a word like any other: "which service is public" is still the exposure)
    const tagged = tagEntities(['make', 'service', 'billing-gw', 'internal'], SNAP, getScorer().vocabulary);
    expect(tagged.tokens).toEqual(['make', 'NAME', 'internal']);
  });

  it('"shall" in a rule is its modal; "shall we …" stays a question of advice', () => {
    expect(normaliseText('billing-gw shall only be reachable from 192.0.2.9').text).toContain('should');
    expect(normaliseText('shall we restrict billing-gw').advice).toBe(true);
  });

  it('a limit that is a thing (after an article, on something or said last) is a restriction; the verb stays the verb', () => {
    expect(sure(read('drop the limits on billing-gw', SNAP))).toBe('unrestrict billing-gw');
    expect(sure(read('lift the access limitations on orders-web', SNAP))).toBe('unrestrict orders-web');
    expect(sure(read('limit billing-gw to 192.0.2.0/28', SNAP))).toBe('restrict billing-gw to 192.0.2.0/28');
    expect(read('raise the memory limit of orders-api', SNAP).kind).not.toBe('sure');
  });

  it('"don\'t change X, just show me what\'s there": the look at X, where the look says; never a change', () => {
    expect(sure(read("don't touch the ranges for now, just show me what is set on green", SNAP))).toBe('ip ranges on aks-green');
    expect(sure(read('not removing the ranges, only checking who is in them on aks-weave', SNAP))).toBe('ip ranges on aks-weave');
    expect(sure(read('Do not apply zero-trust to namespace store on aks-weave; only list its network policies.', SNAP))).toBe('network policies in store on aks-weave');
    // (a look at something else of its own is read as it is)
    expect(sure(read("don't touch the ranges, just show me the exposure on aks-weave", SNAP))).toBe('exposure on aks-weave');
  });
});

describe('round 14a: words of time, how a cluster is, and "from outside"', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('a word of urgency where the grammar takes a cluster is when it is wanted, never a cluster', () => {
    for (const text of ['status ASAP', 'status rn', 'status now']) expect(sure(read(text, SNAP)), text).toBe('status');
    // (a cluster nobody has, said as one, is still not read as the default)
    expect(sure(read('status aks-purple', SNAP))).not.toBe('status');
  });

  it('"how\'s <cluster>" asked alone is its posture; how a Service is stays about that Service', () => {
    expect(sure(read("how's aks-green", SNAP))).toBe('status on aks-green');
    expect(sure(read("how's the green cluster", SNAP))).toBe('status on aks-green');
    expect(sure(read('how is the weave cluster doing?', SNAP))).toBe('status on aks-weave');
    expect(sure(read("how's billing-gw", SNAP))).not.toMatch(/^status/);
  });

  it('"from outside" (or the outside world) is the internet in a reach question; outside the cluster is not', () => {
    expect(sure(read('can orders-web be hit from outside?', SNAP))).toBe('can internet reach orders-web');
    expect(sure(read('can billing-gw be reached from the outside world', SNAP))).toBe('can internet reach billing-gw');
    expect(sure(read('can orders-web be reached from outside the cluster?', SNAP))).not.toBe('can internet reach orders-web');
  });
});

describe('round 14a: past changes in verbs of resizing, what is shown to the internet', () => {
  const sure = (u: Understanding) => (u.kind === 'sure' ? u.command : `${u.kind}`);

  it('"did anyone widen / loosen / tighten X today?" asks about a past change: the audit', () => {
    expect(sure(read('did somebody loosen the ip ranges on aks-green yesterday?', SNAP))).toBe('audit since yesterday on aks-green');
    expect(sure(read('who narrowed the authorized ranges on aks-weave this week?', SNAP))).toBe('audit since this week on aks-weave');
  });

  it('"what changed around our app" is the audit; "showing to the whole internet" is the exposure', () => {
    expect(sure(read('what has changed around our application today?', SNAP))).toBe('audit since today');
    expect(sure(read('which things are showing to the entire internet on aks-green', SNAP))).toBe('exposure on aks-green');
  });
});

describe('round 14a: advice asked with the change as the subject, or as "shouldn\'t we"', () => {
  const offered = (u: Understanding) => (u.kind === 'ask' ? u.options.map((o) => o.command) : []);

  it('"would locking X down be risky?", "shouldn\'t we …?" are advice: the state and the change offered, nothing run', () => {
    // (a change that lacks its value is only answered with the state: nothing to offer)
    const partial = read('would restricting billing-gw be a problem?', SNAP);
    expect(partial.kind === 'sure' ? isChange(partial.command) : false).toBe(false);
    for (const text of ['would making billing-gw internal be a problem?', "shouldn't we make orders-web internal?", 'is removing the ip ranges on aks-green safe?']) {
      const u = read(text, SNAP);
      expect(u.kind, text).toBe('ask');
      expect(offered(u).some((c) => !isChange(c)), text).toBe(true);
    }
    // (an order that is no question is still an order, and "shouldn't" in a statement stays a "not")
    expect(read("billing-gw shouldn't be public", SNAP).kind).not.toBe('sure');
  });
});

describe('round 14a: "both in namespace X" says where the two ends are', () => {
  it('is one place for a flow, while "both clusters" / "all namespaces" still ask one target at a time', () => {
    const u = read('Permit orders-web to reach orders-api on TCP port 8080, both in namespace orders, on cluster aks-blue.', SNAP);
    expect(u.kind === 'sure' ? u.command : u.kind).toBe('allow orders-web to orders-api on 8080/tcp in orders on aks-blue');
    for (const text of ['make billing-gw internal on both clusters', 'make billing-gw internal in all namespaces']) expect(read(text, SNAP).kind, text).toBe('ask');
  });
});

describe('round 14a: a network engineer\'s ACL of the API server', () => {
  it('"an ACL entry for A" is an allowlist entry; "the authorized range ACL" the ranges; an ACL of something else is no word of ours', () => {
    const u = read('add an ACL entry for 192.0.2.50 on aks-weave', SNAP);
    expect(u.kind === 'sure' ? u.command : u.kind).toBe('allowlist 192.0.2.50 on aks-weave');
    const d = read('drop the authorized range ACL on aks-green', SNAP);
    expect(d.kind === 'sure' ? d.command : d.kind).toBe('disable ip ranges on aks-green');
    expect(read('update the storage account ACL', SNAP).kind).not.toBe('sure');
  });
});
