import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { writeKubeconfig } from '@palisade/sandbox/seed/kube.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';


if (!hasKubectl) process.stderr.write('kube.kubectl.test: kubectl not installed (apt-get install -y kubernetes-client); skipping\n');

describe.skipIf(!hasKubectl)('real kubectl against the sandbox API server', () => {
  let h: KubeHarness;
  let dir: string;
  let kubeconfig: string;
  // async exec: the emulator runs in this process, a sync exec would block its event loop
  const kubectl = async (...args: string[]) => (await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), '--request-timeout', '10s', ...args])).stdout;

  beforeAll(async () => {
    h = await startKubeHarness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-kubectl-'));
    kubeconfig = writeKubeconfig(dir, h.world.state.clusters, h.emulator, h.tls.caPem);
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('get svc shows ratings-web as a LoadBalancer with its external IP', async () => {
    const out = await kubectl('get', 'svc', '-n', 'ratingsapp');
    const line = out.split('\n').find((l) => l.startsWith('ratings-web '));
    expect(line).toMatch(/ratings-web\s+LoadBalancer\s+10\.0\.\d+\.\d+\s+20\.72\.185\.150\s+80:\d+\/TCP/);
  });

  it('apply --server-side of the workshop manifest sets loadBalancerSourceRanges; get networkpolicy works', async () => {
    const manifest = path.resolve('packages/sandbox/src/seed/workshop/ratings-web-service-w-nsg.yaml');
    expect(await kubectl('apply', '--server-side', '-n', 'ratingsapp', '-f', manifest)).toContain('service/ratings-web serverside-applied');
    const svc = JSON.parse(await kubectl('get', 'svc', 'ratings-web', '-n', 'ratingsapp', '-o', 'json', '--show-managed-fields'));
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['99.229.39.194/32']);
    expect(svc.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply')).toBe(true);
    const np = await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'get', 'networkpolicy', '-A']);
    expect(np.stderr + np.stdout).toContain('No resources found');
  });

  it('reaches aks-prod through its context (the operator IP is inside its authorized ranges)', async () => {
    expect(await kubectl('--context', 'aks-prod', 'get', 'ns')).toContain('payments');
  });
});
