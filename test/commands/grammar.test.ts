import { describe, expect, it } from 'vitest';
import { HANDLED_KINDS } from '../../src/bot/registry.js';
import { parse } from '../../src/commands/grammar.js';
import { helpEntries } from '../../src/commands/help.js';
import { normalize } from '../../src/commands/normalize.js';

const ok = (text: string) => {
  const r = parse(text);
  if (!r.ok) throw new Error(`did not parse "${text}": ${r.reply}`);
  return r.command;
};

describe('the command grammar (pure)', () => {
  it.each([
    ['<at>Palisade</at> please status on aks-prod', { kind: 'status', cluster: 'aks-prod' }],
    ['Status?', { kind: 'status' }],
    ['/help', { kind: 'help' }],
    ['could you please allowlist 203.0.113.7, 198.51.100.0/24 for 2 hours on aks-prod thanks', { kind: 'allowlistAdd', ranges: ['203.0.113.7', '198.51.100.0/24'], durationMs: 7_200_000, cluster: 'aks-prod' }],
    ['allowlist my ip for 30m', { kind: 'allowlistMyIp', durationMs: 1_800_000 }],
    ['remove 203.0.113.7/32 from allowlist', { kind: 'allowlistRemove', ranges: ['203.0.113.7/32'] }],
    ['set ip ranges 10.0.0.0 confirm', { kind: 'ipRangesSet', ranges: ['10.0.0.0'], confirm: true }],
    ['disable ip ranges on aks-workshop', { kind: 'ipRangesDisable', cluster: 'aks-workshop' }],
    ['who can reach the api server', { kind: 'ipRanges' }],
    ['is aks-prod private', { kind: 'privateCluster', cluster: 'aks-prod' }],
    ['make ratings-web internal', { kind: 'makeInternal', service: 'ratings-web' }],
    ['make ratings-web internal subnet apps in ratingsapp', { kind: 'makeInternal', service: 'ratings-web', subnet: 'apps', namespace: 'ratingsapp' }],
    ['restrict ratings-web to my ip', { kind: 'restrict', service: 'ratings-web', myIp: true, ranges: [] }],
    ['lock down ratingsapp', { kind: 'zeroTrust', namespace: 'ratingsapp', force: false }],
    ['remove zero-trust ratingsapp', { kind: 'removeZeroTrust', namespace: 'ratingsapp' }],
    ['can ratings-web reach ratings-api on 80 on aks-prod', { kind: 'canReach', from: 'ratings-web', to: 'ratings-api', port: 80, cluster: 'aks-prod' }],
    ['can ratings-web in ratingsapp reach payments-api in payments on 8080', { kind: 'canReach', from: 'ratingsapp/ratings-web', to: 'payments/payments-api', port: 8080 }],
    ['can the internet reach daemonset/node-exporter on 9100', { kind: 'canReach', from: 'internet', to: 'daemonset/node-exporter', port: 9100 }],
    ['can 10.244.0.0/16 reach api on 53/udp on aks-cilium', { kind: 'canReach', from: '10.244.0.0/16', to: 'api', port: 53, protocol: 'UDP', cluster: 'aks-cilium' }],
    ['allow ratings-web in ratingsapp to payments-api in payments on 8080', { kind: 'allowFlow', from: 'ratingsapp/ratings-web', to: 'payments/payments-api', port: 8080 }],
    ['allow ratingsapp/ratings-web to payments/payments-api', { kind: 'allowFlow', from: 'ratingsapp/ratings-web', to: 'payments/payments-api' }],
    ['allow cronjob/nightly-report to api on 8080 in shop on aks-cilium', { kind: 'allowFlow', from: 'cronjob/nightly-report', to: 'api', port: 8080, namespace: 'shop', cluster: 'aks-cilium' }],
    ['enable defender for containers', { kind: 'defenderSet', enabled: true }],
    ['scan results severity high+ fixable running', { kind: 'vulnerabilities', minSeverity: 'high', fixable: true, running: true }],
    ['digest weekdays at 8:30', { kind: 'digestSchedule', schedule: { type: 'daily', time: '08:30', weekdaysOnly: true } }],
    ['audit 20 on aks-prod', { kind: 'audit', limit: 20, cluster: 'aks-prod' }],
  ])('%s', (text, expected) => {
    expect(ok(text)).toMatchObject(expected);
  });

  it.each([
    ['stauts', /Did you mean `status`/],
    ['alowlist 1.2.3.4', /Did you mean `allowlist 1\.2\.3\.4`/],
    ['allowlist for 2h', /Allowlist what\?/],
    ['allowlist 1.2.3.4 for ever', /not a duration/],
    ['restrict ratings-web to', /Restrict ratings-web to which sources/],
    ['allow ratings-web to ratings-api on 70000', /not a port/],
    ['allow internet to ratings-api', /"internet" is not a workload name/],
    ['digest daily at 25:00', /not a time of day/],
    ['digest daily at 09:00 Mars/Olympus', /not a time zone I know/],
    ['audit 1000', /not a count/],
    ['banana', /Say `help`/],
    ['', /Say `help`/],
  ])('%s gets a helpful reply', (text, reply) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reply).toMatch(reply);
  });

  it('never routes on substrings', () => {
    expect(parse('what is the status of my order').ok).toBe(false);
    expect(parse('please do not disable ip ranges').ok).toBe(false);
  });

  it('strips Teams mentions and HTML', () => {
    expect(normalize('<at>Palisade</at>&nbsp;<p>status</p>')).toBe('status');
  });

  it('help lists each command the registry handles, once; at most 10 go to the manifest', () => {
    const helped = helpEntries().map((e) => e.kind);
    expect(new Set(helped).size).toBe(helped.length);
    expect([...helped].sort()).toEqual([...HANDLED_KINDS].sort());
    expect(helpEntries().filter((e) => e.inManifest).length).toBeLessThanOrEqual(10);
  });

  it("every command's help example parses to that command", () => {
    for (const e of helpEntries()) {
      const r = parse(e.example);
      expect(r.ok ? r.command.kind : r.reply, e.example).toBe(e.kind);
    }
  });
});
