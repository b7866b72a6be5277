import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Policy } from '../src/approvals/policy.js';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config.js';

const SUB = '11111111-1111-4111-8111-111111111111';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '00000000-0000-4000-8000-00000000b07a';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
/** The least a Palisade on real Azure needs. */
const AZURE = { AZURE_SUBSCRIPTION_IDS: SUB, MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, PALISADE_PUBLIC_URL: 'https://palisade.example.com' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to sandbox mode on loopback with aks-workshop as the default cluster', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('sandbox');
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.azure.defaultCluster).toBe('aks-workshop');
    expect(c.policy.selfApproval).toBe(true);
    expect(c.network.egressIps).toEqual([c.sandbox.clientIp]);
    expect(c.bot.appType).toBe('anonymous');
  });

  it('switches to Azure mode with subscriptions: all interfaces, self-approval off, tokens validated', () => {
    const c = loadConfig({ ...AZURE, PALISADE_APPROVERS: `user:${BOB.toUpperCase()}` });
    expect(c.mode).toBe('azure');
    expect(c.host).toBe('0.0.0.0');
    expect(c.azure.subscriptionIds).toEqual([SUB]);
    expect(c.policy.selfApproval).toBe(false);
    expect(c.policy.approvers).toEqual([{ type: 'user', id: BOB }]);
    expect(c.bot).toMatchObject({ appId: APP, appType: 'UserAssignedMSI', tenantId: TENANT });
  });

  it('reports every bad field at once', () => {
    const problems = problemsOf({ PORT: 'eighty', PALISADE_STORE: 'blob', LOG_LEVEL: 'verbose', PALISADE_EGRESS_IPS: 'nope', NODE_ENV: 'production' }).join('\n');
    for (const field of ['PORT', 'AZURE_STORAGE_CONNECTION_STRING', 'LOG_LEVEL', 'PALISADE_EGRESS_IPS', 'AZURE_SUBSCRIPTION_IDS']) expect(problems).toContain(field);
    expect(problems).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it.each(['development', 'Production', 'prod', 'PRODUCTION', 'test', undefined])('Azure mode without a bot identity refuses to start (NODE_ENV=%s)', (nodeEnv) => {
    const { MicrosoftAppId: _id, MicrosoftAppType: _type, MicrosoftAppTenantId: _tenant, ...noIdentity } = AZURE;
    expect(problemsOf({ ...noIdentity, NODE_ENV: nodeEnv })).toEqual([expect.stringMatching(/^MicrosoftAppId: required with AZURE_SUBSCRIPTION_IDS: without a bot identity/)]);
  });

  it.each(['Production', 'prod', 'production'])('NODE_ENV=%s without subscriptions refuses the sandbox', (nodeEnv) => {
    expect(problemsOf({ NODE_ENV: nodeEnv })).toEqual([expect.stringMatching(/^AZURE_SUBSCRIPTION_IDS: required with NODE_ENV=/)]);
  });

  it('a whitespace app id is a configuration error, not a botbuilder stack', () => {
    expect(problemsOf({ MicrosoftAppId: '   ' })).toEqual(['MicrosoftAppId: only spaces; leave it empty or give a value']);
    expect(problemsOf({ ...AZURE, MicrosoftAppId: ' ' + APP })).toEqual([expect.stringMatching(/^MicrosoftAppId: must be the bot's Microsoft App ID, a GUID/)]);
    expect(problemsOf({ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT })).toEqual([
      'MicrosoftAppType: must be SingleTenant or UserAssignedMSI (new MultiTenant bot registrations are deprecated)',
    ]);
  });

  it('the sandbox takes unsigned requests only on loopback: 0.0.0.0 needs a bot identity', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.2']) expect(problemsOf({ HOST: host })).toEqual([]);
    for (const host of ['0.0.0.0', '::', '192.168.1.10'])
      expect(problemsOf({ HOST: host })).toEqual([expect.stringMatching(new RegExp(`^HOST: ${host.replace(/\./g, '\\.')} would let anyone on the network send unsigned requests`))]);
    // With an identity the sandbox validates tokens, so any interface is fine; the Playground (unsigned) is then off
    const signed = loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT });
    expect(signed.sandbox.playground).toBe(false);
    expect(problemsOf({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, PALISADE_PLAYGROUND: 'true' })).toEqual([
      expect.stringMatching(/^PALISADE_PLAYGROUND: the Agents Playground sends unsigned requests/),
    ]);
    expect(problemsOf({ HOST: 'palisade.local' })).toEqual([expect.stringMatching(/^HOST: must be an IP address/)]);
  });

  it('checks GUIDs: subscriptions, tenants, the app id and principals', () => {
    const problems = problemsOf({
      ...AZURE,
      AZURE_SUBSCRIPTION_IDS: `${SUB}, not-a-guid`,
      MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
      PALISADE_ALLOWED_TENANTS: 'contoso',
      PALISADE_OPERATORS: `user:${BOB}, alice@contoso.com`,
      PALISADE_APPROVERS: 'user:1234',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^MicrosoftAppTenantId: must be the bot's tenant id, a GUID/),
      expect.stringMatching(/^AZURE_SUBSCRIPTION_IDS: "not-a-guid" is not a subscription id \(a GUID/),
      expect.stringMatching(/^PALISADE_OPERATORS: "alice@contoso.com" is not an Entra object id/),
      expect.stringMatching(/^PALISADE_APPROVERS: "user:1234" is not an Entra object id/),
      expect.stringMatching(/^PALISADE_ALLOWED_TENANTS: "contoso" is not a tenant id/),
    ]);
  });

  it('compares allowed tenants case-insensitively', () => {
    const c = loadConfig({ PALISADE_ALLOWED_TENANTS: TENANT.toUpperCase() });
    expect(c.policy.allowedTenants).toEqual([TENANT]);
    const policy = new Policy(c.policy);
    expect(policy.tenantAllowed(TENANT)).toBe(true);
    expect(policy.tenantAllowed(TENANT.toUpperCase())).toBe(true);
    expect(policy.tenantAllowed('00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('parses IPs with ipaddr.js: egress IPs are IPv4 addresses, trusted proxies addresses or CIDRs', () => {
    expect(problemsOf({ PALISADE_EGRESS_IPS: '999.1.1.1, 10.1, 203.0.113.7' })).toEqual([
      expect.stringMatching(/^PALISADE_EGRESS_IPS: "999\.1\.1\.1" is not an IPv4 address/),
      expect.stringMatching(/^PALISADE_EGRESS_IPS: "10\.1" is not an IPv4 address/),
    ]);
    expect(problemsOf({ PALISADE_SANDBOX_CLIENT_IP: '999.1.1.1' })).toEqual([expect.stringMatching(/^PALISADE_SANDBOX_CLIENT_IP: must be an IPv4 address/)]);
    const c = loadConfig({ PALISADE_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.4, 2001:db8::/32, ::ffff:198.51.100.1' });
    expect(c.network.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.4/32', '2001:db8::/32', '198.51.100.1/32']);
    expect(problemsOf({ PALISADE_TRUSTED_PROXIES: '10.0.0.0/33, proxy.local' })).toEqual([
      expect.stringMatching(/^PALISADE_TRUSTED_PROXIES: "10\.0\.0\.0\/33" is not an IP address or CIDR/),
      expect.stringMatching(/^PALISADE_TRUSTED_PROXIES: "proxy\.local" is not an IP address or CIDR/),
    ]);
  });

  it('reports malformed PALISADE_KUBE_CONTEXTS instead of dropping them', () => {
    expect(loadConfig({ PALISADE_KUBE_CONTEXTS: 'aks-prod=prod-admin, aks-dev=dev' }).azure.kubeContexts).toEqual({ 'aks-prod': 'prod-admin', 'aks-dev': 'dev' });
    expect(problemsOf({ PALISADE_KUBE_CONTEXTS: 'aks-prod=prod-admin, aks-dev, =ctx' })).toEqual([
      expect.stringMatching(/^PALISADE_KUBE_CONTEXTS: "aks-dev" is not cluster=context/),
      expect.stringMatching(/^PALISADE_KUBE_CONTEXTS: "=ctx" is not cluster=context/),
    ]);
  });

  it('group principals are accepted: Microsoft Graph resolves their members (PALISADE_GRAPH_ENDPOINT)', () => {
    expect(problemsOf({ ...AZURE, PALISADE_APPROVERS: `group:${BOB}, user:${BOB}` })).toEqual([]);
    expect(loadConfig({ ...AZURE, PALISADE_APPROVERS: `group:${BOB}` }).policy.approvers).toEqual([{ type: 'group', id: BOB }]);
  });

  it('needs an https public URL outside the sandbox (capture links)', () => {
    const { PALISADE_PUBLIC_URL: _url, ...noUrl } = AZURE;
    expect(problemsOf(noUrl)).toEqual([expect.stringMatching(/^PALISADE_PUBLIC_URL: required with AZURE_SUBSCRIPTION_IDS/)]);
    expect(problemsOf({ ...AZURE, PALISADE_PUBLIC_URL: 'http://palisade.example.com' })).toEqual(['PALISADE_PUBLIC_URL: must be an https:// URL outside the sandbox']);
    expect(loadConfig({ PALISADE_PUBLIC_URL: 'http://localhost:3978/' }).network.publicUrl).toBe('http://localhost:3978');
  });

  it('a copy of .env.example is a valid sandbox configuration, and it documents every variable', () => {
    const example = parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')) as Record<string, string>;
    expect(loadConfig(example).mode).toBe('sandbox');
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('PALISADE_APPROVERS_CHANNEL designates the conversation approvals may also come from (a Teams channel id)', () => {
    expect(loadConfig({}).policy.approversChannel).toBeUndefined();
    expect(loadConfig({ PALISADE_APPROVERS_CHANNEL: ' 19:ops@thread.tacv2;messageid=1700000000000 ' }).policy.approversChannel).toBe('19:ops@thread.tacv2');
    expect(() => loadConfig({ PALISADE_APPROVERS_CHANNEL: 'two words' })).toThrow(/PALISADE_APPROVERS_CHANNEL: must be a Teams conversation id/);
  });

  it('blob store: an https account URL (identity) or a connection string, not both', () => {
    const c = loadConfig({ PALISADE_STORE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net/' });
    expect(c.store).toMatchObject({ kind: 'blob', accountUrl: 'https://acct.blob.core.windows.net/', container: 'palisade' });
    expect(() => loadConfig({ PALISADE_STORE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'http://acct.blob.core.windows.net/' })).toThrow(/AZURE_STORAGE_ACCOUNT_URL: must be an https/);
    expect(() => loadConfig({ PALISADE_STORE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'https://a/', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toThrow(/not both/);
  });

  it('identity, cloud and operations variables are validated; an empty variable counts as unset', () => {
    const c = loadConfig({ AZURE_CLIENT_ID: '5a1e0b0e-0000-4000-8000-0000000c11e7', AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn', AZURE_RESOURCE_MANAGER_ENDPOINT: '', PALISADE_SHUTDOWN_TIMEOUT_SECONDS: '10', APPLICATIONINSIGHTS_CONNECTION_STRING: '' });
    expect(c.azure).toMatchObject({ clientId: '5a1e0b0e-0000-4000-8000-0000000c11e7', authorityHost: 'https://login.chinacloudapi.cn', armEndpoint: undefined, aksServerAppId: '6dae42f8-4368-4678-94ff-3960e28e3630' });
    expect(c.ops).toEqual({ shutdownTimeoutMs: 10_000, readyCacheMs: 30_000, appInsightsConnectionString: undefined });
    try {
      loadConfig({ AZURE_CLIENT_ID: 'my-app', AZURE_AUTHORITY_HOST: 'http://login.example', APPLICATIONINSIGHTS_CONNECTION_STRING: 'nope', PALISADE_SHUTDOWN_TIMEOUT_SECONDS: '0' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      for (const field of ['AZURE_CLIENT_ID', 'AZURE_AUTHORITY_HOST', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'PALISADE_SHUTDOWN_TIMEOUT_SECONDS']) expect(problems).toContain(field);
    }
  });

  it('group roles: the sandbox approvers are a group; Graph endpoint (https) and cache window validated', () => {
    expect(loadConfig({}).policy.approvers).toEqual([{ type: 'group', id: '0a990e55-0000-4000-8000-0000000a9905' }]);
    expect(loadConfig({}).graph).toEqual({ endpoint: 'https://graph.microsoft.com', groupCacheMs: 300_000 });
    const c = loadConfig({ PALISADE_APPROVERS: 'group:0A990E55-0000-4000-8000-0000000A9905, user:b0b00000-0000-4000-8000-000000000002', PALISADE_GRAPH_ENDPOINT: 'https://graph.microsoft.us/', PALISADE_GROUP_CACHE_SECONDS: '0' });
    expect(c.policy.approvers).toEqual([{ type: 'group', id: '0a990e55-0000-4000-8000-0000000a9905' }, { type: 'user', id: 'b0b00000-0000-4000-8000-000000000002' }]);
    expect(c.graph).toEqual({ endpoint: 'https://graph.microsoft.us', groupCacheMs: 0 });
    expect(() => loadConfig({ PALISADE_GRAPH_ENDPOINT: 'http://graph.local', PALISADE_GROUP_CACHE_SECONDS: '-1' })).toThrow(/PALISADE_GRAPH_ENDPOINT: must be an https[\s\S]*PALISADE_GROUP_CACHE_SECONDS/);
  });

  it('one problem reads as one line', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'y', MicrosoftAppTenantId: TENANT })).toThrow(
      /^Invalid configuration: AZURE_SUBSCRIPTION_IDS: required with NODE_ENV=production[^\n]*$/,
    );
  });
});
