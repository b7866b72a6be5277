import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/chat/events.js';
import type { Turn } from '../../src/chat/turn.js';
import { ClusterDirectory } from '../../src/clusters/directory.js';
import { NeedChoice, pickCluster } from '../../src/clusters/resolve.js';
import type { ClusterInfo } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/bot.js';

/** Which cluster a command means: `on <cluster>`, the conversation's default, the configured one, the only one, or a question. */

function cluster(name: string, subscriptionId = 'sub-1'): ClusterInfo {
  return {
    name, subscriptionId, resourceGroup: 'rg', id: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`,
    location: 'eastus', isPrivate: false, authorizedIpRanges: [], outboundIpIds: [], outboundIps: [], networkPolicy: 'none',
  };
}
const TWO = [cluster('aks-prod'), cluster('aks-workshop')];
const text = (name: string) => `status on ${name}`;

function choiceOf(fn: () => unknown): NeedChoice {
  try {
    fn();
  } catch (e) {
    if (e instanceof NeedChoice) return e;
    throw e;
  }
  throw new Error('expected a choice');
}

describe('pickCluster (pure)', () => {
  it('`on <cluster>` wins, case-insensitively', () => {
    expect(pickCluster(TWO, 'AKS-PROD', 'aks-workshop', 'aks-workshop', text).name).toBe('aks-prod');
  });

  it('a typo in `on <cluster>` asks, with the near names first in the message and every cluster as a button', () => {
    const q = choiceOf(() => pickCluster(TWO, 'aks-prd', undefined, undefined, text));
    expect(q.message).toMatch(/can't see a cluster named "aks-prd"\. Did you mean aks-prod\?/);
    expect(q.options).toEqual([{ title: 'aks-prod', command: 'status on aks-prod' }, { title: 'aks-workshop', command: 'status on aks-workshop' }]);
  });

  it('two clusters with one name (two subscriptions) ask which', () => {
    const q = choiceOf(() => pickCluster([cluster('aks', 'sub-1'), cluster('aks', 'sub-2')], 'aks', undefined, undefined, text));
    expect(q.message).toMatch(/Several clusters are named aks/);
    expect(q.options).toHaveLength(2);
  });

  it('then the conversation default, then the configured default, then the only cluster', () => {
    expect(pickCluster(TWO, undefined, 'aks-workshop', 'aks-prod', text).name).toBe('aks-workshop');
    expect(pickCluster(TWO, undefined, 'gone', 'aks-prod', text).name).toBe('aks-prod');
    expect(pickCluster([cluster('solo')], undefined, undefined, undefined, text).name).toBe('solo');
  });

  it('otherwise a question, or a clear error when there is no cluster at all', () => {
    expect(choiceOf(() => pickCluster(TWO, undefined, undefined, undefined, text)).message).toBe('Which cluster do you mean?');
    expect(() => pickCluster([], undefined, undefined, undefined, text)).toThrow(UserError);
    expect(() => pickCluster([], undefined, undefined, undefined, text)).toThrow(/cannot see any AKS cluster/);
  });
});

describe('ClusterDirectory (on a SQLite store)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', dataDir: tempDir('palisade-clusters-') });
  });
  afterAll(async () => store.close());

  const turnIn = (conversationId: string): Turn =>
    ({ conversation: { conversation: { id: conversationId } } as ConversationRef }) as Turn;

  it('remembers each conversation’s default and resolves with it', async () => {
    const dir = new ClusterDirectory(async () => TWO, store, undefined);
    await expect(dir.resolve(turnIn('conv-a'), undefined, text)).rejects.toThrow(NeedChoice);
    await dir.setConversationDefault('conv-a', 'aks-workshop');
    expect((await dir.resolve(turnIn('conv-a'), undefined, text)).name).toBe('aks-workshop');
    expect((await dir.resolve(turnIn('conv-a'), 'aks-prod', text)).name).toBe('aks-prod');
    await expect(dir.resolve(turnIn('conv-b'), undefined, text)).rejects.toThrow(NeedChoice);
  });

  it('lists once while the cache is fresh, again after invalidate, and never caches a failure', async () => {
    let calls = 0;
    let fail = true;
    const dir = new ClusterDirectory(async () => {
      calls++;
      if (fail) throw new Error('ARM is down');
      return TWO;
    }, store, 'aks-prod');
    await expect(dir.list()).rejects.toThrow(/ARM is down/);
    fail = false;
    expect(await dir.list()).toHaveLength(2);
    await dir.list();
    expect(calls).toBe(2);
    dir.invalidate();
    await dir.list();
    expect(calls).toBe(3);
    expect((await dir.resolve(turnIn('conv-c'), undefined, text)).name).toBe('aks-prod');
  });

  it('hands out the early clusters before the listing completes, from the same one listing', async () => {
    let calls = 0;
    let finish!: () => void;
    const resolved = TWO.map((c) => ({ ...c, outboundIps: ['20.1.2.3'] }));
    const dir = new ClusterDirectory(async (onClusters) => {
      calls++;
      onClusters?.(TWO);
      await new Promise<void>((r) => (finish = r));
      return resolved;
    }, store, undefined);
    expect(await dir.listEarly()).toEqual(TWO);
    const complete = dir.list();
    finish();
    expect(await complete).toEqual(resolved);
    expect(calls).toBe(1);
  });

  it('a lister that never calls early hands out its complete list as the early one; a failure is not kept', async () => {
    let fail = true;
    const dir = new ClusterDirectory(async () => {
      if (fail) throw new Error('ARM is down');
      return TWO;
    }, store, undefined);
    await expect(dir.listEarly()).rejects.toThrow(/ARM is down/);
    fail = false;
    expect(await dir.listEarly()).toEqual(TWO);
  });
});
