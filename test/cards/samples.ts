import { scoreGauge, scoreLines, severityBars, severityDonut } from '../../src/cards/charts.js';
import type { CardModels, CardName } from '../../src/cards/models.js';
import { detailLines } from '../../src/text/lines.js';

/** Representative data for every template; each becomes a golden file `golden/<sample>.json`. */
export interface Sample<N extends CardName = CardName> {
  name: string;
  card: N;
  data: CardModels[N];
}

function sample<N extends CardName>(name: string, card: N, data: CardModels[N]): Sample<N> {
  return { name, card, data };
}

/** A month of daily scores ending 2026-11-28: a slow climb, a two-day dip and a late step up. */
function month(start: number, steps: Record<number, number>): Array<{ x: string; y: number }> {
  let y = start;
  return Array.from({ length: 30 }, (_, i) => {
    y += steps[i] ?? 0;
    return { x: new Date(Date.UTC(2026, 9, 30 + i)).toISOString().slice(0, 10), y };
  });
}
const workshopMonth = (start: number) => month(start, { 6: 5, 13: -12, 15: 12, 21: 5, 29: 12 });
const PROD_MONTH = month(49, { 4: 5, 9: 12, 17: 5, 25: -5 });

export const statusSample = sample('status', 'status', {
  cluster: {
    name: 'aks-workshop',
    subscription: 'Contoso Dev (0b1f6471-…-7c2a)',
    resourceGroup: 'rg-workshop',
    location: 'westeurope',
    kubernetesVersion: '1.30.3',
  },
  score: 42,
  headline: '2 critical · 2 high · 2 medium',
  checkedAt: '2026-11-28 09:14 UTC',
  gauge: scoreGauge(42, '▲ 22 in 29 days'),
  donut: severityDonut({ critical: 2, high: 2, medium: 2 }),
  trend: scoreLines('Score, last 30 days', [{ legend: 'aks-workshop', values: workshopMonth(20) }]),
  areas: [
    {
      name: 'Control plane',
      summary: 'Public API server',
      facts: [
        { title: 'API server', value: 'Public (aks-workshop-dns-4f1c.hcp.westeurope.azmk8s.io)' },
        { title: 'Authorized ranges', value: 'none: open to the internet' },
      ],
      findings: [
        {
          id: 'cp-open',
          severity: 'critical',
          title: 'API server is open to the internet',
          why: 'Anyone can reach the Kubernetes API and try stolen or leaked credentials.',
          detail: 'Fix: allowlist my ip on aks-workshop',
        },
      ],
    },
    {
      name: 'Workload exposure',
      summary: '2 LoadBalancer Services, 1 public',
      facts: [],
      findings: [
        {
          id: 'svc-shop-frontend',
          severity: 'critical',
          title: 'shop/frontend is public to the whole internet',
          why: 'Every address on the internet can reach it; restrict it or make it internal.',
          detail: 'public · 20.31.118.4 · TCP 80, 443 · from the whole internet',
        },
        {
          id: 'svc-ops-grafana',
          severity: 'ok',
          title: 'ops/grafana is internal',
          why: 'Reachable only from the virtual network.',
          detail: 'internal · 10.224.0.7 · TCP 3000 · from the virtual network',
        },
      ],
    },
    {
      name: 'Network policy',
      summary: 'Engine: azure',
      facts: [{ title: 'Engine', value: 'azure' }],
      findings: [
        {
          id: 'np-default-deny',
          severity: 'high',
          title: '3 namespaces have no default deny: shop, payments, ops',
          why: 'A compromised pod can talk to every other pod in the cluster.',
        },
      ],
    },
    {
      name: 'Images',
      summary: 'Defender for Containers: Standard',
      facts: [
        { title: 'Defender plan', value: 'Containers: Standard' },
        { title: 'Vulnerable images', value: '1 critical · 4 high · 9 medium · 12 low' },
      ],
      findings: [
        {
          id: 'img-critical',
          severity: 'high',
          title: '1 running image has a critical vulnerability',
          why: 'Known exploits exist; rebuild on a patched base image.',
          detail: 'acrworkshop.azurecr.io/shop/frontend:1.4.2 · CVE-2024-3094',
        },
        {
          severity: 'medium',
          title: '9 images have medium vulnerabilities',
          why: 'Lower risk, but patch them with the next rebuild.',
        },
      ],
    },
  ],
});

const yaml = `properties:
  apiServerAccessProfile:
    authorizedIPRanges:
      - 198.51.100.0/24
      - 203.0.113.7/32
etag: "W/\\"8a3c\\""
`;

export const planPendingSample = sample('plan-pending', 'plan', {
  planId: 'pl_7Hq2Xk',
  title: 'Allowlist 203.0.113.7/32 on aks-workshop',
  state: 'pending',
  stateLabel: 'Pending approval',
  requester: 'Alex Kim',
  created: '2026-11-28 09:20 UTC',
  expires: '2026-11-28 10:20 UTC (in 60 min)',
  risk: 'narrows',
  riskText: 'Narrows access: only the listed ranges can reach the API server',
  rows: [
    { label: 'Authorized ranges', before: 'none (open to the internet)', after: '198.51.100.0/24, 203.0.113.7/32' },
    { label: 'Timed revert', before: '—', after: 'in 8 hours' },
  ],
  warnings: [
    'Clients outside these ranges (CI runners, other admins) lose access to kubectl.',
    'Changes take up to 2 minutes to reach the API server.',
  ],
  note: 'Sandbox: you may approve your own request',
  details: { title: 'Cluster update (PUT body excerpt)', lines: detailLines(yaml) },
  showApproveReject: true,
  showRevert: false,
  refreshUserIds: ['29:1a2b3c-alex', '29:4d5e6f-sam'],
});

export const planAppliedSample = sample('plan-applied', 'plan', {
  ...planPendingSample.data,
  state: 'applied',
  stateLabel: 'Applied · approved by Sam Lee',
  warnings: [],
  note: undefined,
  result: [
    { title: 'Authorized ranges', value: '198.51.100.0/24, 203.0.113.7/32' },
    { title: 'Provisioning state', value: 'Succeeded' },
    { title: 'Reverts', value: '2026-11-28 17:22 UTC' },
  ],
  showApproveReject: false,
  showRevert: true,
});

export const planFailedSample = sample('plan-failed', 'plan', {
  ...planPendingSample.data,
  state: 'failed',
  stateLabel: 'Failed',
  risk: 'widens',
  riskText: 'Widens access',
  warnings: [],
  note: undefined,
  details: undefined,
  error: {
    reason: 'Another operation is in progress on the cluster (409 OperationNotAllowed).',
    nextStep: 'Wait for it to finish, then ask again: allowlist 203.0.113.7 on aks-workshop',
  },
  showApproveReject: false,
  showRevert: false,
});

export const planApplyingSample = sample('plan-applying', 'plan', {
  ...planPendingSample.data,
  state: 'applying',
  stateLabel: 'Applying · approved by Sam Lee',
  progress: 'Updating the cluster (usually about 2 minutes)…',
  showApproveReject: false,
  showRevert: false,
});

export const SAMPLES: Sample[] = [
  sample('help', 'help', {
    title: 'Palisade help',
    intro: 'Ask in plain words; add "on <cluster>" to pick a cluster. Changes show a plan and wait for approval.',
    sections: [
      {
        area: 'General',
        commands: [
          { usage: 'status [on <cluster>]', summary: 'Security posture of a cluster.', example: 'status on aks-workshop' },
          { usage: 'clusters', summary: 'The clusters Palisade can see.', example: 'clusters' },
        ],
      },
      {
        area: 'Control plane',
        commands: [
          { usage: 'allowlist my ip [for <duration>] [on <cluster>]', summary: 'Let your current IP reach the API server.', example: 'allowlist my ip for 8h' },
        ],
      },
    ],
  }),
  sample('message', 'message', {
    title: 'Default cluster set',
    text: 'Commands without **on <cluster>** now go to aks-workshop in this conversation.',
    facts: [
      { title: 'Cluster', value: 'aks-workshop' },
      { title: 'Resource group', value: 'rg-workshop' },
    ],
    severity: 'good',
    nextStep: 'Try: status',
  }),
  sample('message-minimal', 'message', { title: 'Nothing to do', text: 'The allowlist already contains 203.0.113.7/32.' }),
  sample('error-user', 'error', {
    kind: 'user',
    message: 'I don\'t know a cluster called "aks-wrkshop".',
    nextStep: 'Say "clusters" to list them, or "use cluster aks-workshop".',
  }),
  sample('error-internal', 'error', { kind: 'internal', ref: '9f3a61c2' }),
  sample('clusters', 'clusters', {
    title: 'Clusters (3)',
    clusters: [
      { name: 'aks-workshop', subscription: 'Contoso Dev', resourceGroup: 'rg-workshop', location: 'westeurope', apiServer: 'public', isDefault: true },
      { name: 'aks-prod', subscription: 'Contoso Prod', resourceGroup: 'rg-prod', location: 'northeurope', apiServer: 'private', isDefault: false },
      { name: 'aks-staging', subscription: 'Contoso Dev', resourceGroup: 'rg-staging', location: 'westeurope', apiServer: 'public', isDefault: false },
    ],
    footer: 'Set the default with: use cluster <name>',
  }),
  sample('choice', 'choice', {
    question: 'Which cluster?',
    detail: 'You have access to 3 clusters and no default is set here.',
    choices: [
      { title: 'aks-workshop', command: 'status on aks-workshop' },
      { title: 'aks-prod', command: 'status on aks-prod' },
      { title: 'aks-staging', command: 'status on aks-staging' },
    ],
  }),
  statusSample,
  planPendingSample,
  planApplyingSample,
  planAppliedSample,
  planFailedSample,
  sample('audit', 'audit', {
    title: 'Audit: aks-workshop (last 3)',
    entries: [
      { when: '11-28 09:22', who: 'Sam Lee', kind: 'approve', cluster: 'aks-workshop', summary: 'Allowlist 203.0.113.7/32', outcome: 'ok' },
      { when: '11-28 09:20', who: 'Alex Kim', kind: 'plan', cluster: 'aks-workshop', summary: 'Allowlist 203.0.113.7/32', outcome: 'pending' },
      { when: '11-27 16:05', who: 'Alex Kim', kind: 'apply', cluster: 'aks-workshop', summary: 'Make shop/frontend internal', outcome: 'failed' },
    ],
    footer: 'Showing 3 of 41. Say: audit 50',
  }),
  sample('approvals', 'approvals', {
    title: 'Pending approvals (2)',
    approvals: [
      {
        planId: 'pl_7Hq2Xk',
        title: 'Allowlist 203.0.113.7/32',
        cluster: 'aks-workshop',
        requester: 'Alex Kim',
        expires: 'in 52 min',
        linkText: 'Open the request',
        url: 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1732785600000',
      },
      { planId: 'pl_Q9m1Zr', title: 'Make shop/frontend internal', cluster: 'aks-prod', requester: 'Sam Lee', expires: 'in 3 h', linkText: 'See the request in the Ops channel' },
    ],
    emptyText: 'Nothing is waiting for approval.',
  }),
  sample('approvals-empty', 'approvals', { title: 'Pending approvals', approvals: [], emptyText: 'Nothing is waiting for approval.' }),
  sample('vulnerabilities', 'vulnerabilities', {
    title: 'Image vulnerabilities · aks-prod',
    scope: 'Subscription 22222222-2222-4222-8222-222222222222 · cluster aks-prod · Filters: running',
    headline: '28 vulnerabilities in 2 images running now on aks-prod',
    tone: 'attention',
    counts: [
      { label: 'Critical', value: '2', color: 'Attention' },
      { label: 'High', value: '12', color: 'Attention' },
      { label: 'Medium', value: '8', color: 'Warning' },
      { label: 'Low', value: '6', color: 'Default' },
    ],
    facts: [
      { title: 'Fixable', value: '20 of 28 have a fixed version' },
      { title: 'Running now on aks-prod', value: '2 images, 28 vulnerabilities' },
      { title: 'Only in the registry', value: '0 images, 0 vulnerabilities' },
    ],
    notes: [{ text: 'Could not read what aks-prod runs: running now vs only in the registry is not shown.' }],
    topCves: [{ label: 'CRITICAL', color: 'Attention', title: 'CVE-2023-38545 · CVSS 9.8 · fixed in 7.88.1-10+deb12u4', detail: 'curl 7.88.1-10 · 2 images (2 running now)' }],
    imagesTitle: 'Images: 2 running now on aks-prod',
    images: [
      { label: 'CRITICAL', color: 'Attention', title: 'ratings-api:v1 · acrprod.azurecr.io', detail: 'running now in ratingsapp (1 pod) · 1 critical, 6 high · 10 fixable · sha256:87744a04668c' },
      { label: 'NO DATA', color: 'Accent', title: 'docker.io/library/postgres:16.4', detail: 'running now in payments (1 pod) · not in a scanned Azure Container Registry' },
    ],
    imagesMore: 'and 3 more images: narrow with "vulnerabilities <repository>"',
    findingsTitle: 'Findings 1–2 of 28 · page 1 of 2',
    findings: [
      { label: 'CRITICAL', color: 'Attention', title: 'CVE-2023-38545 · CVSS 9.8 · curl 7.88.1-10 → fixed in 7.88.1-10+deb12u4', detail: 'ratings-api:v1 · running now · MDVM' },
      { label: 'LOW', color: 'Default', title: 'CVE-2011-3374 · CVSS 3.7 · apt 2.6.1 → no fix yet', detail: 'ratings-web:v1 · running now · MDVM' },
    ],
    footer: 'Page 1 of 2. Use Previous / Next.',
    next: { page: 2, f: { r: 1, c: 'aks-prod' } },
    links: [{ title: 'Open in the Azure portal', url: 'https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/c0b7cfc6-3172-465a-b378-53c7ff2cc0d5' }],
  }),
  sample('vulnerabilities-last-page', 'vulnerabilities', {
    title: 'Image vulnerabilities · aks-prod',
    scope: 'Subscription 22222222-2222-4222-8222-222222222222 · cluster aks-prod · No filters',
    headline: 'No vulnerabilities match these filters.',
    tone: 'good',
    counts: [{ label: 'Critical', value: '0', color: 'Default' }],
    facts: [],
    notes: [],
    topCves: [],
    images: [],
    findings: [],
    previous: { page: 1, f: {} },
    links: [],
  }),
  sample('defender', 'defender', {
    title: 'Defender plans',
    text: 'Defender for Containers is on in 1 of 2 subscriptions.',
    tone: 'attention',
    subscriptions: [
      {
        name: 'Subscription 22222222-2222-4222-8222-222222222222',
        detail: 'Clusters: aks-prod',
        badge: 'ON',
        color: 'Good',
        facts: [
          { title: 'Containers', value: 'Standard (on) · since 2025-01-13 10:30 UTC' },
          { title: 'ContainerRegistry', value: 'Free (off) · deprecated, replaced by Containers' },
        ],
        notes: [],
      },
      {
        name: 'Subscription 11111111-1111-4111-8111-111111111111',
        detail: 'Clusters: aks-workshop',
        badge: 'OFF',
        color: 'Attention',
        facts: [{ title: 'Containers', value: 'Free (off) · free trial available: 30 days' }],
        notes: [{ text: 'Turn it on with "enable defender for containers in 11111111-1111-4111-8111-111111111111".' }],
      },
    ],
    scanning: 'MDVM scans new images within 24 hours and rescans daily.',
    choices: [{ title: 'Enable in aks-workshop', command: 'enable defender for containers in 11111111-1111-4111-8111-111111111111' }],
    links: [],
  }),
  sample('digest', 'digest', {
    title: '12 clusters',
    subtitle: 'Daily at 09:00 Europe/Berlin · Sat 2026-11-28 09:00 CET (08:00 UTC)',
    headline: '2 clusters, lowest score 44/100 (aks-workshop) · 4 high · 4 medium · 1 new, 1 fixed since the last digest',
    tone: 'attention',
    overviewTitle: 'All clusters (12), lowest score first',
    overview: [
      { title: 'aks-workshop', value: '44/100 ▼5 · 3 high · 2 medium · 1 new, 0 fixed' },
      { title: 'aks-prod', value: '66/100 ▲12 · 1 high · 2 medium · 0 new, 1 fixed' },
    ],
    clusters: [
      {
        name: 'aks-workshop',
        detail: '11111111-1111-4111-8111-111111111111 · aksworkshop · eastus',
        score: '44',
        scoreColor: 'Attention',
        trend: '▼ −5 since Fri 27 Nov 09:00 CET · 1 new, 0 fixed',
        changes: [{ label: 'NEW', color: 'Warning', title: 'Namespace payments has no default-deny policy', detail: 'medium · id np.no-default-deny.payments' }],
        areas: [
          {
            name: 'Control plane',
            summary: 'Public API server, open to the internet',
            findings: [
              {
                label: 'HIGH',
                color: 'Attention',
                title: 'API server open to the internet',
                why: 'Anyone can try credentials and exploits against the Kubernetes API.',
                ref: 'id cp.api-open · CIS AKS 5.4.1',
                fix: { title: 'Fix', command: 'allowlist my ip on aks-workshop' },
              },
            ],
          },
          {
            name: 'Workload exposure',
            summary: '2 LoadBalancer Service(s): 2 public, 0 internal',
            findings: [
              {
                label: 'HIGH',
                color: 'Attention',
                title: 'ratings-web (ratingsapp) is public to the whole internet',
                why: 'A LoadBalancer Service without source ranges accepts traffic from any address on the internet.',
                detail: '20.81.112.40 · TCP 80',
                ref: 'id wl.public-open.ratingsapp.ratings-web',
                fix: { title: 'Fix', command: 'make ratings-web internal in ratingsapp on aks-workshop' },
              },
            ],
          },
          { name: 'Images', summary: 'Defender on; 2 vulnerable image(s)', findings: [] },
        ],
        more: '3 more finding(s): say "status on aks-workshop"',
      },
      {
        name: 'aks-prod',
        detail: '22222222-2222-4222-8222-222222222222 · prod-rg · westeurope',
        score: '66',
        scoreColor: 'Warning',
        trend: '▲ +12 since Fri 27 Nov 09:00 CET · 0 new, 1 fixed',
        changes: [{ label: 'FIXED', color: 'Good', title: 'ratings-web (ratingsapp) is public to the whole internet', detail: 'was high · id wl.public-open.ratingsapp.ratings-web' }],
        areas: [
          {
            name: 'Images',
            summary: 'Defender on; 2 vulnerable image(s)',
            findings: [
              {
                label: 'HIGH',
                color: 'Attention',
                title: '2 vulnerable image(s) in the registry',
                why: 'Known CVEs in images can be exploited once those images run.',
                detail: '2 critical',
                ref: 'id img.vulnerable',
                fix: { title: 'Details', command: 'vulnerabilities running on aks-prod' },
              },
            ],
          },
        ],
      },
    ],
    approvalsTitle: 'Pending approvals',
    approvals: [{ label: 'PENDING', color: 'Warning', title: 'Allowlist 198.51.100.7/32 on aks-workshop', detail: 'requested by Alice · expires Sat 28 Nov 10:02 CET' }],
    expiringTitle: 'Timed allowlist entries expiring soon',
    expiring: [{ label: 'EXPIRES', color: 'Accent', title: '203.0.113.0/24 on aks-workshop', detail: 'removed automatically in 1h 59m (Sat 28 Nov 11:01 CET)' }],
    notes: [{ text: 'aks-old: I cannot see this cluster any more, so it is not in this digest.' }],
    newSince: {
      title: 'New since the last digest: 1 finding in 1 cluster',
      rows: [{ label: 'NEW', color: 'Warning', title: 'aks-workshop: Namespace payments has no default-deny policy', detail: 'medium · id np.no-default-deny.payments' }],
    },
    trendLine: scoreLines('Score, last 30 days', [
      { legend: 'aks-workshop', values: workshopMonth(22) },
      { legend: 'aks-prod', values: PROD_MONTH },
    ]),
    severityBars: severityBars('Findings by severity', [
      { title: 'aks-workshop', counts: { high: 3, medium: 2 } },
      { title: 'aks-prod', counts: { high: 1, medium: 2 } },
    ]),
    footer: 'Page 1 of 4 · clusters 1–2 of 12',
    next: { run: 'Zx81kq0PmW3vTn5aYb7cDe2f', page: 2 },
  }),
  sample('trend', 'trend', {
    title: 'aks-workshop',
    subtitle: 'Posture score · last 30 days',
    headline: '46/100 now · ▲ 22 since 10-30 · 5 day(s) with changes',
    tone: 'attention',
    chart: scoreLines('Posture score, last 30 days', [{ legend: 'aks-workshop', values: workshopMonth(24) }]),
    facts: [
      { title: 'Now', value: '46/100 (poor) on 2026-11-28' },
      { title: 'Findings now', value: '2 high · 3 medium' },
      { title: 'Days with a scan', value: '30 of the last 30' },
    ],
    changesTitle: 'What moved it, newest first (5 days with changes)',
    changes: [
      {
        day: '2026-11-28',
        delta: '▲ 12',
        color: 'Good',
        summary: '34 → 46 since 11-27',
        rows: [
          { label: 'APPLIED', color: 'Accent', title: 'Make ratings-web internal on aks-workshop', detail: 'by Alice · 2026-11-28 09:12 UTC' },
          { label: 'FIXED', color: 'Good', title: 'ratings-web (ratingsapp) is public to the whole internet', detail: 'was high · id wl.public-open.ratingsapp.ratings-web' },
        ],
      },
      {
        day: '2026-11-14',
        delta: '▲ 12',
        color: 'Good',
        summary: '17 → 29 since 11-13',
        rows: [{ label: 'FIXED', color: 'Good', title: 'debug-shell (debug) is public to the whole internet', detail: 'was high · id wl.public-open.debug.debug-shell' }],
      },
      {
        day: '2026-11-12',
        delta: '▼ 12',
        color: 'Attention',
        summary: '29 → 17 since 11-11',
        rows: [{ label: 'NEW', color: 'Attention', title: 'debug-shell (debug) is public to the whole internet', detail: 'high · id wl.public-open.debug.debug-shell' }],
      },
    ],
    more: 'and 2 earlier day(s) with changes',
  }),
  sample('trend-empty', 'trend', {
    title: 'aks-prod',
    subtitle: 'Images score · last 30 days',
    headline: 'No history yet',
    tone: 'default',
    noChart: 'I have no scan of aks-prod in the last 30 days. Every status, digest and trend records one: say "status on aks-prod".',
    facts: [],
    changes: [],
  }),
  sample('digest-page', 'digest', {
    title: '12 clusters · page 2',
    subtitle: 'Daily at 09:00 Europe/Berlin · Sat 2026-11-28 09:00 CET (08:00 UTC)',
    headline: '12 clusters, lowest score 44/100 (aks-workshop) · 9 high · 14 medium',
    tone: 'attention',
    overview: [],
    clusters: [
      {
        name: 'aks-dev',
        detail: '22222222-2222-4222-8222-222222222222 · dev-rg · westeurope',
        score: '100',
        scoreColor: 'Good',
        trend: 'First digest of this cluster here',
        changes: [],
        areas: [{ name: 'Control plane', summary: 'Private API server', findings: [] }],
      },
    ],
    approvals: [],
    expiring: [],
    notes: [],
    footer: 'Page 2 of 4 · clusters 3–4 of 12',
    previous: { run: 'Zx81kq0PmW3vTn5aYb7cDe2f', page: 1 },
    next: { run: 'Zx81kq0PmW3vTn5aYb7cDe2f', page: 3 },
  }),
];
