import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL_TOKEN } from '@palisade/sandbox/kube/index.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';
import { rawRequest } from './rawHttp.js';

/**
 * Contract tests: what the emulated API server stores and refuses, with the Kubernetes API's own messages, quoted from
 * the upstream sources:
 * - staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go (label keys and values, RegexError)
 * - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (label selectors)
 * - pkg/apis/networking/validation/validation.go (ValidateNetworkPolicyPort, ValidateIPBlock; 1.33+ CIDRs from
 *   pkg/apis/core/validation IsValidCIDRForLegacyField, older releases say "not a valid CIDR")
 * - pkg/apis/networking/v1/defaults.go (SetDefaults_NetworkPolicySpec: policyTypes)
 * - staging/src/k8s.io/apiserver/pkg/endpoints/handlers (strict decoding under fieldValidation)
 */

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

const url = (cluster: string, path: string) => `${h.emulator.serverUrlFor(cluster)}${path}`;
const post = (cluster: string, path: string, body: unknown) => rawRequest(url(cluster, path), { ca: h.tls.caPem, token: KUBECTL_TOKEN, method: 'POST', body });
const npPath = (ns: string) => `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`;
const np = (name: string, spec: object, labels?: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(labels ? { labels } : {}) }, spec });

const LABEL_KEY_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('NetworkPolicy defaulting, as the API server stores it', () => {
  it('policyTypes: always Ingress, Egress only with egress rules; `egress: []` is stored as no egress at all', async () => {
    const empty = await post('aks-workshop', npPath('ratingsapp'), np('empty-egress', { podSelector: {}, egress: [] }));
    expect(empty.status).toBe(201);
    expect(empty.body.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const withRules = await post('aks-workshop', npPath('ratingsapp'), np('egress-rules', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] }));
    expect(withRules.body.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(withRules.body.spec.egress).toEqual([{ to: [{ podSelector: {} }] }]);
    const explicit = await post('aks-workshop', npPath('ratingsapp'), np('explicit', { podSelector: {}, policyTypes: ['Egress'], ingress: [] }));
    expect(explicit.body.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'] });
  });

  it('IPv6 ipBlocks are accepted, with except ranges inside them', async () => {
    const res = await post('aks-workshop', npPath('ratingsapp'), np('ipv6', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '2001:db8::/64', except: ['2001:db8::/80'] } }] }] }));
    expect(res.status).toBe(201);
    expect(res.body.spec.ingress[0].from[0].ipBlock).toEqual({ cidr: '2001:db8::/64', except: ['2001:db8::/80'] });
  });
});

describe('NetworkPolicy validation: 422 Invalid with details.causes', () => {
  it('except must be a strict subset of cidr; invalid CIDRs are worded as the cluster version words them', async () => {
    const res = await post('aks-workshop', npPath('ratingsapp'), np('bad-cidrs', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }, { ipBlock: { cidr: 'nope' } }] }] }));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'NetworkPolicy.networking.k8s.io "bad-cidrs" is invalid: [spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`, spec.ingress[0].from[1].ipBlock.cidr: Invalid value: "nope": not a valid CIDR]',
      reason: 'Invalid',
      details: {
        name: 'bad-cidrs',
        group: 'networking.k8s.io',
        kind: 'NetworkPolicy',
        causes: [
          { reason: 'FieldValueInvalid', message: 'Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`', field: 'spec.ingress[0].from[0].ipBlock.except[0]' },
          { reason: 'FieldValueInvalid', message: 'Invalid value: "nope": not a valid CIDR', field: 'spec.ingress[0].from[1].ipBlock.cidr' },
        ],
      },
      code: 422,
    });
    // aks-cilium runs 1.33, where IsValidCIDRForLegacyField words it
    const newer = await post('aks-cilium', npPath('shop'), np('bad-cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'nope' } }] }] }));
    expect(newer.body.details.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "nope": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)', field: 'spec.ingress[0].from[0].ipBlock.cidr' }]);
  });

  it('ports: a named port with endPort, endPort below port, and a protocol other than TCP/UDP/SCTP', async () => {
    const res = await post(
      'aks-workshop',
      npPath('ratingsapp'),
      np('bad-ports', { podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 8080 }, { port: 8080, endPort: 80 }, { protocol: 'ICMP', port: 53 }] }] }),
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: 8080: may not be specified when `port` is non-numeric', field: 'spec.ingress[0].ports[0].endPort' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: 80: must be greater than or equal to `port`', field: 'spec.ingress[0].ports[1].endPort' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"', field: 'spec.ingress[0].ports[2].protocol' },
    ]);
  });

  it('label keys and values on metadata.labels and in selectors', async () => {
    const res = await post('aks-workshop', npPath('ratingsapp'), np('bad-labels', { podSelector: { matchLabels: { app: '$backendservice' } }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In' }] } }] }] }, { 'app@b': 'x' }));
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      { reason: 'FieldValueInvalid', message: `Invalid value: "app@b": ${LABEL_KEY_MSG}`, field: 'metadata.labels' },
      { reason: 'FieldValueInvalid', message: `Invalid value: "$backendservice": ${LABEL_VALUE_MSG}`, field: 'spec.podSelector.matchLabels' },
      { reason: 'FieldValueRequired', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'", field: 'spec.ingress[0].from[0].podSelector.matchExpressions[0].values' },
    ]);
    const svc = await post('aks-workshop', '/api/v1/namespaces/ratingsapp/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad-selector' }, spec: { selector: { app: '$backendservice' }, ports: [{ port: 80 }] } });
    expect(svc.body.message).toBe(`Service "bad-selector" is invalid: spec.selector: Invalid value: "$backendservice": ${LABEL_VALUE_MSG}`);
  });
});

describe('unknown fields, as fieldValidation asks (kubectl sends Strict, the default warns)', () => {
  const deployment = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', containerport: 80 }] } } },
  });
  const deployments = '/apis/apps/v1/namespaces/ratingsapp/deployments';

  it('Strict: 400 strict decoding error naming the field', async () => {
    const res = await post('aks-workshop', `${deployments}?fieldValidation=Strict`, deployment('strict'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ reason: 'BadRequest', code: 400, message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].containerport"' });
  });

  it('Warn (the default): stored without the field, with a Warning header', async () => {
    const res = await post('aks-workshop', deployments, deployment('warned'));
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBe('299 - "unknown field \\"spec.template.spec.containers[0].containerport\\""');
    expect(res.body.spec.template.spec.containers[0]).not.toHaveProperty('containerport');
  });

  it('Ignore: stored without the field, silently; anything else is refused', async () => {
    const res = await post('aks-workshop', `${deployments}?fieldValidation=Ignore`, deployment('ignored'));
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBeUndefined();
    const bogus = await post('aks-workshop', `${deployments}?fieldValidation=strict`, deployment('bogus'));
    expect(bogus.body.message).toBe('CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"');
  });

  it('server-side apply refuses a field the schema does not declare', async () => {
    const res = await rawRequest(url('aks-workshop', `${deployments}/applied?fieldManager=kubectl`), { ca: h.tls.caPem, token: KUBECTL_TOKEN, method: 'PATCH', body: deployment('applied'), contentType: 'application/apply-patch+yaml' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('failed to create typed patch object (ratingsapp/applied; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="web"].containerport: field not declared in schema');
  });
});

describe('workload kinds validate as upstream', () => {
  it('a Job template needs restartPolicy OnFailure or Never', async () => {
    const job = (restartPolicy?: string) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `job-${restartPolicy ?? 'none'}`.toLowerCase() }, spec: { template: { spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'x', image: 'busybox' }] } } } });
    const none = await post('aks-workshop', '/apis/batch/v1/namespaces/ratingsapp/jobs', job());
    expect(none.body.message).toBe('Job.batch "job-none" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    const always = await post('aks-workshop', '/apis/batch/v1/namespaces/ratingsapp/jobs', job('Always'));
    expect(always.body.details.causes).toEqual([{ reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' }]);
  });
});
