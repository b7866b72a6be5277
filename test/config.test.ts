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

  it('PALISADE_APPROVERS_CHANNEL designates the conversation approvals may also come from (a Teams channel id)', () => {
    expect(loadConfig({}).policy.approversChannel).toBeUndefined();
    expect(loadConfig({ PALISADE_APPROVERS_CHANNEL: ' 19:ops@thread.tacv2;messageid=1700000000000 ' }).policy.approversChannel).toBe('19:ops@thread.tacv2');
    expect(() => loadConfig({ PALISADE_APPROVERS_CHANNEL: 'two words' })).toThrow(/PALISADE_APPROVERS_CHANNEL: must be a Teams conversation id/);
  });
});
