import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { compareReach, formatCount, isPublicAddress, PUBLIC_IPV4_COUNT, reachOf, type ReachOptions } from '../../src/exposure/addressSpace.js';

/** Authorized ranges of an AKS API server: IPv4 only, an empty list lets everyone in. */
const API: ReachOptions = { families: ['ipv4'], emptyMeansAll: true };
const BOTH: ReachOptions = { families: ['ipv4', 'ipv6'], emptyMeansAll: true };

describe('the public addresses a list of ranges lets in', () => {
  it.each([
    { ranges: ['0.0.0.0/0'], count: PUBLIC_IPV4_COUNT, whole: true, nobody: false, text: 'the whole internet' },
    { ranges: ['0.0.0.0/1', '128.0.0.0/1'], count: PUBLIC_IPV4_COUNT, whole: true, nobody: false, text: 'the whole internet' },
    { ranges: [], count: PUBLIC_IPV4_COUNT, whole: true, nobody: false, text: 'the whole internet' },
    { ranges: ['20.0.0.0/8'], count: 16_777_216n, whole: false, nobody: false, text: '16.8 million public addresses' },
    { ranges: ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'], count: 0n, whole: false, nobody: true, text: 'no public address' },
    { ranges: ['0.0.0.0/32'], count: 0n, whole: false, nobody: true, text: 'no public address' },
    { ranges: ['203.0.113.7/32'], count: 1n, whole: false, nobody: false, text: '1 public address' },
    { ranges: ['203.0.113.0/24', '203.0.113.0/25'], count: 256n, whole: false, nobody: false, text: '256 public addresses' },
    // a /7 that starts in private space still lets the public 11.0.0.0/8 in: the network address alone says nothing
    { ranges: ['10.0.0.0/7'], count: 16_777_216n, whole: false, nobody: false, text: '16.8 million public addresses' },
  ])('$ranges → $text', ({ ranges, count, whole, nobody, text }) => {
    const r = reachOf(ranges, API);
    expect(r.count).toBe(count);
    expect(r.wholeInternet).toBe(whole);
    expect(r.nobody).toBe(nobody);
    expect(r.text).toBe(text);
  });

  it('public IPv4 is 2^32 minus what ipaddr.js classifies as special (documentation ranges stand in for public ones)', () => {
    expect(PUBLIC_IPV4_COUNT).toBe(3_702_258_432n);
    expect(formatCount(PUBLIC_IPV4_COUNT)).toBe('3.7 billion');
  });

  it('agrees with ipaddr.js range() on the edges of every special block', () => {
    const probes = ['0.255.255.255', '1.0.0.0', '9.255.255.255', '10.0.0.0', '10.255.255.255', '11.0.0.0', '100.63.255.255', '100.64.0.0', '100.127.255.255', '100.128.0.0',
      '126.255.255.255', '127.0.0.1', '128.0.0.0', '169.253.255.255', '169.254.1.1', '172.15.255.255', '172.16.0.0', '172.31.255.255', '172.32.0.0', '192.0.0.7', '192.88.99.1',
      '192.167.255.255', '192.168.4.4', '192.169.0.0', '198.17.255.255', '198.18.0.0', '198.19.255.255', '198.20.0.0', '223.255.255.255', '224.0.0.1', '239.255.255.255', '240.0.0.1', '255.255.255.255',
      '2001:4860::8888', '2606:4700::1111', 'fd00::1', 'fe80::1', '::1', '::ffff:1.2.3.4', 'ff02::1', '2002::1'];
    for (const ip of probes) expect([ip, isPublicAddress(ip)]).toEqual([ip, ipaddr.parse(ip).range() === 'unicast']);
    for (const doc of ['192.0.2.1', '198.51.100.7', '203.0.113.7', '2001:db8::1']) expect([doc, isPublicAddress(doc)]).toEqual([doc, true]);
  });

  it('IPv6: ::/0 is the whole IPv6 internet, unique-local space lets nobody in, and both families count', () => {
    const v6: ReachOptions = { families: ['ipv6'], emptyMeansAll: true };
    expect(reachOf(['::/0'], v6).wholeInternet).toBe(true);
    expect(reachOf(['fd00::/8', 'fe80::/10'], v6).nobody).toBe(true);
    expect(reachOf(['2001:4860::/32'], v6).text).toBe('2^96 public addresses');
    expect(reachOf(['0.0.0.0/0'], BOTH).wholeInternet).toBe(false);
    expect(reachOf(['0.0.0.0/0', '::/0'], BOTH).wholeInternet).toBe(true);
    expect(reachOf(['0.0.0.0/0', '::/0'], BOTH).text).toBe('the whole internet');
  });

  it('an empty list lets nobody in where that is its meaning (e.g. an explicit allow list)', () => {
    expect(reachOf([], { families: ['ipv4'], emptyMeansAll: false }).nobody).toBe(true);
  });
});

describe('before → after', () => {
  it.each([
    { before: ['203.0.113.7/32'], after: ['0.0.0.0/0'], direction: 'widens', opens: true, gained: 'the whole internet', dropped: [] },
    { before: ['198.51.100.0/24', '203.0.113.0/24'], after: ['198.51.100.0/24', '203.0.113.0/24', '0.0.0.0/0'], direction: 'widens', opens: true, gained: 'the whole internet', dropped: [] },
    { before: ['198.51.100.0/24', '203.0.113.0/24'], after: ['198.51.100.0/24', '203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1'], direction: 'widens', opens: true, gained: 'the whole internet', dropped: [] },
    { before: ['203.0.113.7/32'], after: ['203.0.113.7/32', '20.0.0.0/8'], direction: 'widens', opens: false, gained: '16.8 million public addresses', dropped: [] },
    { before: ['203.0.113.7/32'], after: [], direction: 'widens', opens: true, gained: 'the whole internet', dropped: [] },
    // growth wins over what is lost: someone new gets in, even if others are cut off
    { before: ['198.51.100.0/24', '203.0.113.7/32'], after: ['20.0.0.0/8'], direction: 'widens', opens: false, gained: '16.8 million public addresses', dropped: ['198.51.100.0/24', '203.0.113.7/32'] },
    { before: ['198.51.100.0/24', '203.0.113.7/32'], after: ['203.0.113.7/32'], direction: 'narrows', opens: false, gained: 'no public address', dropped: ['198.51.100.0/24'] },
    { before: ['203.0.113.7/32'], after: ['10.0.0.0/8'], direction: 'narrows', opens: false, gained: 'no public address', dropped: ['203.0.113.7/32'] },
    { before: ['203.0.113.7/32'], after: ['0.0.0.0/32'], direction: 'narrows', opens: false, gained: 'no public address', dropped: ['203.0.113.7/32'] },
    { before: [], after: ['203.0.113.7/32'], direction: 'narrows', opens: false, gained: 'no public address', dropped: [] },
    { before: ['0.0.0.0/0'], after: [], direction: 'same', opens: false, gained: 'no public address', dropped: [] },
    { before: ['10.0.0.0/8'], after: ['192.168.0.0/16'], direction: 'same', opens: false, gained: 'no public address', dropped: [] },
    { before: ['203.0.113.0/24'], after: ['203.0.113.0/25', '203.0.113.128/25'], direction: 'same', opens: false, gained: 'no public address', dropped: [] },
  ])('$before → $after: $direction', ({ before, after, direction, opens, gained, dropped }) => {
    const c = compareReach(reachOf(before, API), reachOf(after, API));
    expect(c.direction).toBe(direction);
    expect(c.opensWholeInternet).toBe(opens);
    expect(c.gainedText).toBe(gained);
    expect(c.dropped).toEqual(dropped);
  });

  it('says by how much it narrows', () => {
    const c = compareReach(reachOf(['198.51.100.0/24', '203.0.113.7/32'], API), reachOf(['203.0.113.7/32'], API));
    expect(c.lost).toBe(256n);
    expect(c.lostText).toBe('256 public addresses');
  });
});
