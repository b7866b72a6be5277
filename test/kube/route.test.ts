import { describe, expect, it } from 'vitest';
import { KubeForbidden, KubeNoRoute, KubeNotFound, KubeUnreachable } from '../../src/kube/errors.js';
import type { KubeResources } from '../../src/kube/transport/resources.js';
import { PathMemory, routeCalls, routeText } from '../../src/kube/transport/route.js';

/**
 * Which way a call goes: the routing rules alone, on two in-memory transports that record what they were asked
 * (the real transports are compared end to end in runCommandTransport.test.ts).
 */

type Answer = 'ok' | Error;

function transport(name: string, log: string[], answers: { read: () => Answer; write: () => Answer }): KubeResources {
  const call = (kind: 'read' | 'write', what: string) => async () => {
    log.push(`${name}:${what}`);
    const a = answers[kind]();
    if (a instanceof Error) throw a;
    return { items: [], from: name };
  };
  return {
    core: { listNamespace: call('read', 'listNamespace'), patchNamespacedService: call('write', 'patchNamespacedService') },
    apps: {},
    networking: {},
  } as unknown as KubeResources;
}

function setup(direct: { read: () => Answer; write: () => Answer }, rc: { read: () => Answer; write: () => Answer } = { read: () => 'ok', write: () => 'ok' }) {
  let t = 0;
  const log: string[] = [];
  const memory = new PathMemory(60_000, () => t);
  const make = () => routeCalls({ key: 'c', direct: transport('direct', log, direct), runCommand: () => transport('rc', log, rc), memory, directTimeoutMs: 1000 });
  return { log, memory, make, advance: (ms: number) => (t += ms) };
}

const noAnswer = () => new KubeUnreachable('Kubernetes API unreachable: request to https://x/api failed, reason: socket hang up');

describe('routing Kubernetes calls: direct first, AKS Run Command when the API server refuses Palisade', () => {
  it('direct when it works; nothing remembered', async () => {
    const s = setup({ read: () => 'ok', write: () => 'ok' });
    const { resources, route } = s.make();
    expect(await resources.core.listNamespace()).toMatchObject({ from: 'direct' });
    expect([...route.paths]).toEqual(['direct']);
    expect(routeText(route)).toBeUndefined();
    expect(s.memory.refusedReason('c')).toBeUndefined();
  });

  it('a refused read goes through Run Command at once; the cluster is remembered, so later handles skip direct until the window ends', async () => {
    const s = setup({ read: noAnswer, write: () => 'ok' });
    const first = s.make();
    expect(await first.resources.core.listNamespace()).toMatchObject({ from: 'rc' });
    expect(first.route.directProblem).toBe('no answer (socket hang up)');
    expect(routeText(first.route)).toBe('via AKS Run Command');
    s.log.length = 0;
    const second = s.make();
    await second.resources.core.listNamespace();
    expect(s.log).toEqual(['rc:listNamespace']);
    s.advance(60_001);
    s.log.length = 0;
    await s.make().resources.core.listNamespace();
    expect(s.log).toEqual(['direct:listNamespace', 'rc:listNamespace']);
  });

  it('a refused write is not sent again on the other path (it may have arrived); the next attempt goes through Run Command', async () => {
    const s = setup({ read: () => 'ok', write: noAnswer });
    const { resources } = s.make();
    await expect(resources.core.patchNamespacedService({ name: 'a', namespace: 'b', body: {} })).rejects.toBeInstanceOf(KubeUnreachable);
    expect(s.log).toEqual(['direct:patchNamespacedService']);
    await s.make().resources.core.patchNamespacedService({ name: 'a', namespace: 'b', body: {} });
    expect(s.log).toEqual(['direct:patchNamespacedService', 'rc:patchNamespacedService']);
  });

  it("the API server's own answers stay answers: RBAC's 403 and a 404 never switch paths", async () => {
    for (const e of [new KubeForbidden('services is forbidden', 403, 'Forbidden'), new KubeNotFound('nope', 404, 'NotFound')]) {
      const s = setup({ read: () => e, write: () => 'ok' });
      await expect(s.make().resources.core.listNamespace()).rejects.toBe(e);
      expect(s.log).toEqual(['direct:listNamespace']);
      expect(s.memory.refusedReason('c')).toBeUndefined();
    }
  });

  it('a 403 from in front of the API server (no Kubernetes Status reason) is a refusal too', async () => {
    const s = setup({ read: () => new KubeForbidden('Forbidden', 403), write: () => 'ok' });
    expect(await s.make().resources.core.listNamespace()).toMatchObject({ from: 'rc' });
  });

  it('both ways closed: one error that names both reasons', async () => {
    const s = setup({ read: noAnswer, write: () => 'ok' }, { read: () => new KubeUnreachable('Run command is disabled (OperationNotAllowed)'), write: () => 'ok' });
    const e = await s.make().resources.core.listNamespace().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KubeNoRoute);
    expect(e).toMatchObject({ direct: 'no answer (socket hang up)', runCommand: 'Run command is disabled (OperationNotAllowed)' });
  });
});
