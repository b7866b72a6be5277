import { describe, expect, it } from 'vitest';
import { callerIp } from '../../src/capture/callerIp.js';

const PROXIES = ['10.0.0.0/8', '192.0.2.10/32', '2001:db8:1::/48'];

/** remote address, X-Forwarded-For, trusted proxies → the caller's IP (or why not). */
const CASES: Array<[string, string, string | undefined, string[], { ip: string } | { problem: RegExp }]> = [
  ['a direct caller', '52.1.2.3', undefined, [], { ip: '52.1.2.3' }],
  ['a direct caller cannot claim another IP', '52.1.2.3', '8.8.8.8', PROXIES, { ip: '52.1.2.3' }],
  ['an untrusted peer’s header is ignored, even when the peer is a private address', '172.16.0.9', '8.8.8.8', PROXIES, { problem: /not a public IP/ }],
  ['one trusted proxy, bare IPs (Container Apps)', '10.0.0.5', '8.8.8.8', PROXIES, { ip: '8.8.8.8' }],
  ['the right-most hop carries a port (Application Gateway)', '10.0.0.5', '6.6.6.6, 8.8.8.8:51234', PROXIES, { ip: '8.8.8.8' }],
  ['the client cannot choose by prepending hops', '10.0.0.5', '6.6.6.6, 7.7.7.7, 8.8.8.8', PROXIES, { ip: '8.8.8.8' }],
  ['two proxies in a row, CIDR and exact address', '192.0.2.10', '8.8.8.8:443, 10.20.30.40', PROXIES, { ip: '8.8.8.8' }],
  ['a proxy hop with a port is still recognised as a proxy', '10.0.0.5', '8.8.8.8, 10.1.1.1:8080', PROXIES, { ip: '8.8.8.8' }],
  ['an IPv4-mapped IPv6 peer is its IPv4 address', '::ffff:10.0.0.5', '20.10.30.40', PROXIES, { ip: '20.10.30.40' }],
  ['an IPv6 proxy in a trusted range', '2001:db8:1::7', '20.10.30.40:1234', PROXIES, { ip: '20.10.30.40' }],
  ['an IPv6 client in brackets with a port', '10.0.0.5', '[2001:db8:ffff::1]:443', PROXIES, { problem: /IPv6 \(2001:db8:ffff::1\)/ }],
  ['an IPv6 client bare', '10.0.0.5', '2001:db8:ffff::1', PROXIES, { problem: /IPv6/ }],
  ['spaces and several headers joined', '10.0.0.5', ' 6.6.6.6 ,  8.8.8.8 ', PROXIES, { ip: '8.8.8.8' }],
  ['garbage where the client should be', '10.0.0.5', '6.6.6.6, not-an-ip', PROXIES, { problem: /could not read X-Forwarded-For/ }],
  ['garbage left of the client is never read', '10.0.0.5', 'not-an-ip, 8.8.8.8', PROXIES, { ip: '8.8.8.8' }],
  ['an out-of-range address', '10.0.0.5', '999.1.1.1', PROXIES, { problem: /could not read X-Forwarded-For/ }],
  ['every hop is a proxy: the left-most is the client', '10.0.0.5', '10.9.9.9, 10.8.8.8', PROXIES, { problem: /\(10\.9\.9\.9\) is not a public IP/ }],
  ['an empty header behind a proxy is the proxy itself', '10.0.0.5', '', PROXIES, { problem: /\(10\.0\.0\.5\) is not a public IP/ }],
  ['a private client address', '10.0.0.5', '192.168.1.20', PROXIES, { problem: /not a public IP/ }],
  ['a peer the socket cannot tell', '', undefined, PROXIES, { problem: /could not tell your IP address/ }],
];

describe('callerIp: X-Forwarded-For right to left, skipping trusted proxies', () => {
  it.each(CASES)('%s', (_what, remote, forwarded, trustedProxies, expected) => {
    const r = callerIp({ trustedProxies }, remote, forwarded);
    if ('ip' in expected) expect(r).toEqual({ ip: expected.ip });
    else {
      expect(r.ip).toBeUndefined();
      expect(r.problem).toMatch(expected.problem);
    }
  });

  it('in the sandbox, a loopback caller stands for the simulated public IP', () => {
    expect(callerIp({ trustedProxies: [], loopbackIp: '203.0.113.7' }, '127.0.0.1', undefined)).toEqual({ ip: '203.0.113.7' });
    expect(callerIp({ trustedProxies: [], loopbackIp: '203.0.113.7' }, '::1', undefined)).toEqual({ ip: '203.0.113.7' });
    expect(callerIp({ trustedProxies: [] }, '127.0.0.1', undefined)).toMatchObject({ problem: expect.stringMatching(/not a public IP/) });
  });
});
