import { SPECS } from '../../src/commands/grammar.js';
import type { Rng } from './random.js';

/** Real commands: every spec's example and keywords, and what people type around them. */
export function corpus(): string[] {
  const out = new Set<string>();
  for (const spec of SPECS) {
    out.add(spec.example);
    for (const k of spec.keywords) out.add(k);
  }
  for (const c of [
    'status on aks-prod', 'allowlist my ip for 8h', 'allowlist 203.0.113.7, 198.51.100.0/24 for 2h on aks-prod', 'set ip ranges 0.0.0.0/0',
    'remove 10.0.0.0/32 from allowlist', 'restrict ratings-web to my ip', 'restrict ratings-web to 20.1.2.3/32 in ratingsapp on aks-workshop',
    'can ratings-web reach ratings-api on 80 in ratingsapp', 'allow ratings-web to ratings-api on 80', 'zero-trust ratingsapp force',
    'vulnerabilities registry severity high+ fixable running page 2', 'digest weekdays at 08:30 America/New_York for aks-prod, aks-workshop',
    'digest cron "0 9 * * 1-5" Europe/Berlin', 'defender status in 22222222-2222-4222-8222-222222222222', 'audit 100 on aks-prod', 'help images',
    'please could you show status on aks-prod, thanks', '/status', '@Palisade status', 'who can reach the api server on aks-workshop',
  ])
    out.add(c);
  return [...out];
}

const PROTO = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineSetter__'];
const UNICODE = ['ünïcödé', '集群', 'кластер', '🔥🚀', 'ａｋｓ－ｐｒｏｄ', '\u202eorp-ska', 'e\u0301\u0301\u0301', '\u200b\u200c\u200d\ufeff', '𝓼𝓽𝓪𝓽𝓾𝓼', 'ß', 'İ'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r\n', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029'];
const MARKUP = ['[click](https://evil.example.com)', '**bold**', '_it_', '`code`', '<at>Palisade</at>', '<b>x</b>', '<script>alert(1)</script>', '&amp;&lt;&#39;', '> quote', '- item', '# head', '![img](http://x/y.png)'];
const INJECT = ["'; DROP TABLE plans; --", '${7*7}', '{{7*7}}', '$(rm -rf /)', '`id`', '../../etc/passwd', '%00', '%n%s', '\\\\', '"', "'", '{"a":1}', 'null', 'undefined', 'NaN', '-1', '1e309', '0x7f.1', '9'.repeat(400)];
const ADDRESSES = ['999.1.1.1', '0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/33', '::1', '2001:db8::/32', '1.2.3.4/0', '256.256.256.256', '1.2.3', '203.0.113.7/24', '0.0.0.0/32', '10.0.0.0/8'];
const NAMES = ['aks-prod', 'aks-workshop', 'AKS-PROD', 'nope', 'ratings-web', 'ratingsapp', 'kube-system', 'default', 'a'.repeat(300)];
const WORDS = ['on', 'in', 'for', 'to', 'from', 'my', 'ip', 'all', 'now', 'force', 'page', 'severity', 'cron', '8h', '-5m', '0s', '99999d', 'port', ','];

/** Replaces, inserts or reshapes words of a real command, or mixes in hostile text. */
export function mutate(base: string, r: Rng): string {
  const words = base.split(' ');
  const hostile = () =>
    r.pick([
      () => r.pick(PROTO),
      () => r.pick(UNICODE),
      () => r.pick(CONTROL),
      () => r.pick(MARKUP),
      () => r.pick(INJECT),
      () => r.pick(ADDRESSES),
      () => r.pick(NAMES),
      () => r.pick(WORDS),
      () => 'x'.repeat(r.int(1, 3000)),
      () => String.fromCharCode(...Array.from({ length: r.int(1, 40) }, () => r.int(0, 0xd7ff))),
    ])();
  const ops = r.int(1, 3);
  for (let i = 0; i < ops; i++) {
    const at = r.int(0, words.length);
    switch (r.int(0, 9)) {
      case 0:
        words.splice(Math.min(at, words.length - 1), 1, hostile());
        break;
      case 1:
        words.splice(at, 0, hostile());
        break;
      case 2:
        words.splice(Math.min(at, words.length - 1), 1);
        break;
      case 3:
        words.push(r.pick(['on', 'in', 'for']), hostile());
        break;
      case 4:
        words.splice(at, 0, ...words.slice(0, r.int(1, words.length)));
        break;
      case 5:
        words.reverse();
        break;
      case 6:
        words[Math.min(at, words.length - 1)] = (words[Math.min(at, words.length - 1)] ?? '').toUpperCase();
        break;
      case 7:
        words.unshift(r.pick(['<at>Palisade</at>', 'please', 'hey palisade,', '/', '!', 'can you']));
        break;
      case 8:
        words.push(r.pick([',', '.', '?!', 'thanks', 'pls', '"', '…']));
        break;
      default:
        words.splice(at, 0, r.pick(CONTROL) + r.pick(WORDS));
    }
  }
  const joined = words.join(r.pick([' ', ' ', ' ', '  ', '\t', '\n', ', ']));
  return r.chance(0.02) ? joined.repeat(r.int(2, 200)) : joined;
}

/** `n` messages: about a fifth real commands as they are (they must keep working), the rest mutated. */
export function fuzzMessages(n: number, r: Rng): string[] {
  const base = corpus();
  return Array.from({ length: n }, () => {
    const cmd = r.pick(base);
    return r.chance(0.2) ? cmd : mutate(cmd, r);
  });
}
