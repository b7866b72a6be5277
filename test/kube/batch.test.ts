import { describe, expect, it } from 'vitest';
import { KubeForbidden, KubeUnreachable } from '../../src/kube/errors.js';
import { ListBatcher } from '../../src/kube/transport/batch.js';
import { TYPES } from '../../src/kube/transport/kubectl.js';

const list = (...items: Array<{ kind: string; name: string }>) => JSON.stringify({ kind: 'List', items: items.map((i) => ({ kind: i.kind, metadata: { name: i.name } })) });

/** Lists asked for together through Run Command: one `kubectl get a,b` (one command), split again by kind. */
describe('ListBatcher', () => {
  it('lists of one turn with the same scope go as one command; another scope gets its own', async () => {
    const sent: string[] = [];
    const batcher = new ListBatcher(async (command) => {
      sent.push(command);
      if (command.startsWith('kubectl get services,pods')) return list({ kind: 'Service', name: 's' }, { kind: 'Pod', name: 'p' });
      return list({ kind: 'Namespace', name: 'n' });
    });
    const [services, pods, namespaces] = await Promise.all([batcher.list(TYPES.services, {}), batcher.list(TYPES.pods, {}), batcher.list(TYPES.namespaces, {})]);
    expect(sent).toEqual(['kubectl get services,pods -A -o json', 'kubectl get namespaces -o json']);
    expect(services).toEqual([{ kind: 'Service', metadata: { name: 's' } }]);
    expect(pods).toEqual([{ kind: 'Pod', metadata: { name: 'p' } }]);
    expect(namespaces).toHaveLength(1);
  });

  it('a batch one type of which is refused is asked again type by type: each gets its own answer', async () => {
    const sent: string[] = [];
    const batcher = new ListBatcher(async (command) => {
      sent.push(command);
      if (command.includes('pods')) throw new KubeForbidden('pods is forbidden', 403, 'Forbidden');
      return list({ kind: 'Service', name: 's' });
    });
    const [services, pods] = await Promise.allSettled([batcher.list(TYPES.services, {}), batcher.list(TYPES.pods, {})]);
    expect(services).toMatchObject({ status: 'fulfilled', value: [{ kind: 'Service' }] });
    expect(pods).toMatchObject({ status: 'rejected', reason: expect.any(KubeForbidden) });
    expect(sent).toEqual(['kubectl get services,pods -A -o json', 'kubectl get services -A -o json', 'kubectl get pods -A -o json']);
  });

  it('when the way in fails, every list of the batch fails with it, without asking again', async () => {
    let sent = 0;
    const batcher = new ListBatcher(async () => {
      sent++;
      throw new KubeUnreachable('Run Command refused');
    });
    const results = await Promise.allSettled([batcher.list(TYPES.services, {}), batcher.list(TYPES.pods, {})]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof KubeUnreachable)).toBe(true);
    expect(sent).toBe(1);
  });
});
