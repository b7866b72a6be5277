// The rules of reading dictated text (round 9c), with names of their own: what a phone's voice-to-text writes
// ("make orders web internal", "port four forty three") read as a keyboard would have typed it.
import { describe, expect, it } from 'vitest';
import { spokenNumber, undictate } from '../../src/understanding/dictation.js';
import { getScorer, read } from '../../src/understanding/understand.js';
import type { Snapshot } from '../../src/understanding/types.js';

const SNAP: Snapshot = {
  clusters: ['zone2-east', 'zone2-west'],
  inventories: {
    'zone2-east': {
      namespaces: ['default', 'kube-system', 'billingsvc'],
      items: [
        { name: 'invoice-web', namespace: 'billingsvc', kind: 'Service', type: 'LoadBalancer', state: ['public'] },
        { name: 'invoice-web', namespace: 'billingsvc', kind: 'Deployment' },
        { name: 'invoice-api', namespace: 'billingsvc', kind: 'Service', type: 'ClusterIP' },
        { name: 'ledger-postgres', namespace: 'billingsvc', kind: 'StatefulSet' },
        { name: 'kube-proxy', namespace: 'kube-system', kind: 'DaemonSet' },
      ],
    },
    'zone2-west': { namespaces: ['default', 'kube-system'], items: [] },
  },
  defaultCluster: 'zone2-east',
  now: new Date('2026-12-01T09:00:00Z'),
};
const heard = (text: string) => undictate(text, SNAP, getScorer().vocabulary);
const sure = (text: string) => {
  const u = read(text, SNAP);
  return u.kind === 'sure' ? u.command : u.kind;
};

describe('spoken numbers', () => {
  it.each([
    [['eighty'], '80'],
    [['fifty', 'one'], '51'],
    [['four', 'forty', 'three'], '443'],
    [['one', 'ninety', 'eight'], '198'],
    [['two', 'seven', 'zero', 'one', 'seven'], '27017'],
    [['one', 'hundred'], '100'],
    [['three', 'hundred', 'and', 'six'], '306'],
    [['eight', 'oh', 'eight', 'one'], '8081'],
    [['fourteen'], '14'],
  ])('%j says %s', (words, digits) => {
    expect(spokenNumber(words)?.digits).toBe(digits);
  });

  it('a run starting with "oh" or a scale is no number', () => {
    expect(spokenNumber(['oh', 'five'])).toBeUndefined();
    expect(spokenNumber(['hundred'])).toBeUndefined();
  });

  it('number words become digits only where a number belongs', () => {
    expect(heard('open port ninety ninety')).toBe('open port 9090');
    expect(heard('allow it for three days')).toBe('allow it for 3 days');
    expect(heard('send it every day at seven fifteen')).toBe('send it every day at 7:15');
    expect(heard('send it at nine oh five')).toBe('send it at 9:05');
    expect(heard('send it daily at six')).toBe('send it daily at 6:00');
    expect(heard('send it at ten o\'clock every monday')).toBe('send it at 10:00 every monday');
    expect(heard('send it at six fifteen p m')).toBe('send it at 6:15 pm');
    expect(heard('send it at six a m')).toBe('send it at 6 am');
    expect(heard('open it for to hours')).toBe('open it for 2 hours');
    expect(heard('send it at half past seven')).toBe('send it at 7:30');
    expect(heard('send it at quarter to ten')).toBe('send it at 9:45');
    expect(heard('open port fifty three slash u d p')).toBe('open port 53/udp');
    expect(heard('can it reach invoice web on eighty')).toBe('can it reach invoice-web on 80');
    expect(heard('turn it on one cluster')).toBe('turn it on one cluster');
    expect(heard('which one is public')).toBe('which one is public');
    expect(heard('at one point it was public')).toBe('at one point it was public');
  });

  it('an address said in words is an address, with its prefix', () => {
    expect(heard('allow ten dot twenty dot thirty dot forty slash sixteen')).toBe('allow 10.20.30.40/16');
    expect(heard('allow 192.0.2.0 slash twenty eight')).toBe('allow 192.0.2.0/28');
    expect(heard('allow ten point one point two point three')).toBe('allow 10.1.2.3');
    expect(heard('at one point the score was one point two')).toBe('at one point the score was one point two');
  });
});

describe('split words joined against what exists', () => {
  it('joins the words of a name the snapshot has, however it is split', () => {
    expect(heard('make invoice web internal')).toBe('make invoice-web internal');
    expect(heard('can invoice a p i reach ledger post gres')).toBe('can invoice-api reach ledger-postgres');
    expect(heard('policies in billing s v c on zone two east')).toBe('policies in billingsvc on zone2-east');
    expect(heard('can invoice dash web reach invoice hyphen a p i')).toBe('can invoice-web reach invoice-api');
    expect(heard('can cube proxy reach invoice web')).toBe('can kube-proxy reach invoice-web');
    expect(heard('can cube scheduler reach invoice web')).toBe('can cube scheduler reach invoice-web');
  });

  it('never joins words into a name nobody has', () => {
    expect(heard('make invoice mobile internal')).toBe('make invoice mobile internal');
    expect(heard('make ledger web internal')).toBe('make ledger web internal');
  });

  it('joins letters spoken one by one, and whole words only into a long vocabulary word the normaliser would miss', () => {
    expect(heard('allow my i p')).toBe('allow my ip');
    expect(heard('allow my I.P. on zone two east')).toBe('allow my IP on zone2-east');
    expect(heard('what is a c i d r')).toBe('what is a cidr');
    expect(heard('un restrict it')).toBe('unrestrict it');
    expect(heard('every week day')).toBe('every weekday');
    expect(heard('is any one there')).toBe('is any one there');
    expect(heard('is there a way to do it')).toBe('is there a way to do it');
    expect(heard('who can reach the api server')).toBe('who can reach the api server');
  });
});

describe('dictated text read end to end', () => {
  it('reads a dictated change as the typed one', () => {
    expect(sure('make invoice web internal')).toBe('make invoice-web internal');
    expect(sure('can invoice a p i reach ledger post gres on port five four three two')).toBe('can invoice-api reach ledger-postgres on 5432');
  });

  it('a dictated address no parser accepts is answered, never planned', () => {
    const u = read('restrict invoice web to three hundred dot one dot two dot three', SNAP);
    expect(u.kind).not.toBe('sure');
  });

  it('deleting a namespace said with its name first is still nothing Palisade does', () => {
    expect(read('delete the billing s v c name space on zone two east', SNAP).kind).toBe('lost');
  });
});
