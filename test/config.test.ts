import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to sandbox mode with aks-workshop as the default cluster', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('sandbox');
    expect(c.port).toBe(3978);
    expect(c.azure.defaultCluster).toBe('aks-workshop');
    expect(c.policy.selfApproval).toBe(true);
    expect(c.network.egressIps).toEqual([c.sandbox.clientIp]);
  });

  it('switches to Azure mode with subscriptions and keeps self-approval off', () => {
    const c = loadConfig({ AZURE_SUBSCRIPTION_IDS: 'aaa, bbb', PALISADE_APPROVERS: 'user:0a0a0a0a-0000-4000-8000-000000000000' });
    expect(c.mode).toBe('azure');
    expect(c.azure.subscriptionIds).toEqual(['aaa', 'bbb']);
    expect(c.policy.selfApproval).toBe(false);
    expect(c.policy.approvers).toEqual([{ type: 'user', id: '0a0a0a0a-0000-4000-8000-000000000000' }]);
  });

  it('reports every bad field at once', () => {
    try {
      loadConfig({ PORT: 'eighty', PALISADE_STORE: 'blob', LOG_LEVEL: 'loud', PALISADE_EGRESS_IPS: 'nope', NODE_ENV: 'production' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const field of ['PORT', 'AZURE_STORAGE_CONNECTION_STRING', 'LOG_LEVEL', 'PALISADE_EGRESS_IPS', 'MicrosoftAppId']) expect(problems).toContain(field);
    }
  });

  it('refuses production without an app id (unsigned requests would be accepted)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: required in production/);
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
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'y', MicrosoftAppTenantId: 'z' })).toThrow(
      /^Invalid configuration: AZURE_SUBSCRIPTION_IDS: required in production[^\n]*$/,
    );
  });
});
