import { execFileSync } from 'node:child_process';
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { KubeConflict, KubeError, KubeForbidden, KubeInvalid, KubeNotFound, KubeUnreachable } from '../../src/kube/errors.js';
import { applyServerSide, deleteObjects, getList, jsonOut, kubectlError, patch, quote, TYPES } from '../../src/kube/transport/kubectl.js';

/** kubectl's text as Run Command's logs carry it (stderr and stdout together); the wording is kubectl 1.32's. */
describe('kubectl lines and output', () => {
  it('command lines quote what the shell would split', () => {
    expect(getList(TYPES.pods, { labelSelector: 'app in (a, b)' })).toBe("kubectl get pods -A -l 'app in (a, b)' -o json");
    expect(getList(TYPES.namespaces, { namespace: 'ignored' })).toBe('kubectl get namespaces -o json');
    const body = { metadata: { annotations: { a: "it's $HOME; `x` \\ \"q\"" } } };
    expect(parse(patch(TYPES.services, 'ratingsapp', 'ratings-web', 'merge', body, { fieldManager: 'palisade', dryRun: true }))).toEqual([
      'kubectl', 'patch', 'services', 'ratings-web', '-n', 'ratingsapp', '--type', 'merge', '-p', JSON.stringify(body), '--field-manager=palisade', '--dry-run=server', '-o', 'json',
    ]);
    expect(applyServerSide({ fieldManager: 'palisade', force: true })).toBe('kubectl apply --server-side --field-manager=palisade --force-conflicts -f manifest.json -o json');
    expect(deleteObjects(TYPES.networkpolicies, 'ns', { labelSelector: 'a=b' })).toBe('kubectl delete networkpolicies.networking.k8s.io -n ns -l a=b --wait=false');
  });

  it('a real sh reads back exactly the words, whatever they hold', () => {
    const words = ["it's", '$HOME', '`id`', 'a b', '"q"', '\\', '{"a":[1,"x y"]}', 'app in (a, b)', '!x', '*', ''];
    const out = execFileSync('sh', ['-c', `for w in ${quote(words)}; do printf '%s\\n' "$w"; done`], { encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(words);
  });

  it('JSON after warnings; no JSON is an error', () => {
    expect(jsonOut('Warning: v1 ComponentStatus is deprecated\n{\n    "kind": "List",\n    "items": []\n}\n')).toEqual({ kind: 'List', items: [] });
    expect(() => jsonOut('service/ratings-web patched\n')).toThrow(KubeError);
  });

  it('errors as the direct path types them', () => {
    expect(kubectlError('Error from server (NotFound): services "nope" not found\n', 1)).toBeInstanceOf(KubeNotFound);
    expect(kubectlError('Error from server (Conflict): Operation cannot be fulfilled on services "x": the object has been modified\n', 1)).toBeInstanceOf(KubeConflict);
    expect(kubectlError('Error from server (AlreadyExists): networkpolicies "x" already exists\n', 1)).toBeInstanceOf(KubeConflict);
    const apply = kubectlError('Error from server (Forbidden): error when patching "manifest.json": networkpolicies "x" is forbidden: User "u" cannot patch resource\n', 1);
    expect(apply).toBeInstanceOf(KubeForbidden);
    expect(apply.message).toBe('networkpolicies "x" is forbidden: User "u" cannot patch resource');
    const several = kubectlError('The Service "x" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.type: Unsupported value: "Nope"\n', 1);
    expect(several).toBeInstanceOf(KubeInvalid);
    expect((several as KubeInvalid).causes).toEqual([
      { field: 'spec.ports[0].port', message: 'Invalid value: 0: must be between 1 and 65535, inclusive' },
      { field: 'spec.type', message: 'Unsupported value: "Nope"' },
    ]);
    expect(kubectlError('error: Apply failed with 1 conflict: conflict with "kubectl" using networking.k8s.io/v1: .spec.podSelector\nPlease review the fields above\n', 1)).toBeInstanceOf(KubeConflict);
    expect(kubectlError('error: You must be logged in to the server (Unauthorized)\n', 1)).toMatchObject({ status: 401 });
    expect(kubectlError('Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout\n', 1)).toBeInstanceOf(KubeUnreachable);
    expect(kubectlError('Warning: something\n/bin/sh: 1: kubectl: not found\n', 127).message).toBe('kubectl exited with 127: /bin/sh: 1: kubectl: not found');
  });
});
