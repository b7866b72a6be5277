import { KubeConflict, KubeError, KubeForbidden, KubeInvalid, KubeNotFound, KubeUnreachable } from '../errors.js';

/** kubectl command lines for Run Command, and kubectl's output read back: JSON out, its error text as typed errors. */

/**
 * A command line for `sh -c`: plain words bare, anything else in single quotes (inside them nothing is special but
 * the quote itself, written `'\''`), so no JSON patch or selector is ever expanded or split by the shell.
 */
export function quote(words: string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** A resource type as kubectl names it unambiguously (`deployments.apps`), and whether it lives in a namespace. */
export interface KubectlType {
  name: string;
  namespaced: boolean;
}

export const TYPES = {
  services: { name: 'services', namespaced: true },
  namespaces: { name: 'namespaces', namespaced: false },
  pods: { name: 'pods', namespaced: true },
  configmaps: { name: 'configmaps', namespaced: true },
  deployments: { name: 'deployments.apps', namespaced: true },
  statefulsets: { name: 'statefulsets.apps', namespaced: true },
  daemonsets: { name: 'daemonsets.apps', namespaced: true },
  jobs: { name: 'jobs.batch', namespaced: true },
  cronjobs: { name: 'cronjobs.batch', namespaced: true },
  ingresses: { name: 'ingresses.networking.k8s.io', namespaced: true },
  networkpolicies: { name: 'networkpolicies.networking.k8s.io', namespaced: true },
} satisfies Record<string, KubectlType>;

export interface Selection {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

function scope(type: KubectlType, namespace: string | undefined): string[] {
  if (!type.namespaced) return [];
  return namespace ? ['-n', namespace] : ['-A'];
}

/** `kubectl get <type> (-n ns | -A) [-l …] -o json`: a List of the objects. */
export function getList(type: KubectlType, sel: Selection): string {
  return quote([
    'kubectl', 'get', type.name, ...scope(type, sel.namespace),
    ...(sel.labelSelector ? ['-l', sel.labelSelector] : []),
    ...(sel.fieldSelector ? ['--field-selector', sel.fieldSelector] : []),
    '-o', 'json',
  ]);
}

/** `kubectl get <type> <name> [-n ns] -o json`: one object. */
export function getOne(type: KubectlType, namespace: string | undefined, name: string): string {
  return quote(['kubectl', 'get', type.name, name, ...(type.namespaced && namespace ? ['-n', namespace] : []), '-o', 'json']);
}

export type PatchType = 'merge' | 'json' | 'strategic';

/** `kubectl patch … --type <t> -p '<json>' -o json`: the object after the patch. */
export function patch(type: KubectlType, namespace: string, name: string, patchType: PatchType, body: unknown, opts: { fieldManager?: string; dryRun?: boolean }): string {
  return quote([
    'kubectl', 'patch', type.name, name, '-n', namespace, '--type', patchType, '-p', JSON.stringify(body),
    ...(opts.fieldManager ? [`--field-manager=${opts.fieldManager}`] : []),
    ...(opts.dryRun ? ['--dry-run=server'] : []),
    '-o', 'json',
  ]);
}

/** The manifest's name in the context zip. */
export const MANIFEST_FILE = 'manifest.json';

/** `kubectl apply --server-side --field-manager=<m> -f manifest.json -o json`, the manifest passed in the context zip. */
export function applyServerSide(opts: { fieldManager: string; force?: boolean; dryRun?: boolean }): string {
  return quote([
    'kubectl', 'apply', '--server-side', `--field-manager=${opts.fieldManager}`,
    ...(opts.force ? ['--force-conflicts'] : []),
    ...(opts.dryRun ? ['--dry-run=server'] : []),
    '-f', MANIFEST_FILE, '-o', 'json',
  ]);
}

/** `kubectl delete <type> <name> -n ns` or, by label, `kubectl delete <type> -n ns -l <selector>`. */
export function deleteObjects(type: KubectlType, namespace: string, target: { name: string } | { labelSelector: string }): string {
  // --wait=false: answer when the API server accepted the delete, as the direct call does
  return quote(['kubectl', 'delete', type.name, ...('name' in target ? [target.name] : []), '-n', namespace, ...('labelSelector' in target ? ['-l', target.labelSelector] : []), '--wait=false']);
}

/** kubectl's `-o json` from Run Command's logs (stderr warnings may come first). */
export function jsonOut(logs: string): unknown {
  const start = logs.search(/^[{[]/m);
  if (start < 0) throw new KubeError(`kubectl printed no JSON: ${firstLine(logs) || 'no output'}`);
  try {
    return JSON.parse(logs.slice(start));
  } catch {
    throw new KubeError(`kubectl's output is not JSON: ${firstLine(logs.slice(start))}`);
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';
}

const STATUS: Record<string, number> = { BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405, Conflict: 409, AlreadyExists: 409, Gone: 410, Invalid: 422, TooManyRequests: 429, InternalError: 500, ServiceUnavailable: 503, Timeout: 504, ServerTimeout: 504 };

function byReason(reason: string, message: string): KubeError {
  const status = STATUS[reason] ?? 500;
  if (status === 404) return new KubeNotFound(message, 404, reason);
  if (status === 409) return new KubeConflict(message, 409, reason);
  if (status === 401 || status === 403) return new KubeForbidden(message, status, reason);
  if (status === 422) return new KubeInvalid(message);
  return new KubeError(message, status, reason);
}

/**
 * A failed kubectl run as the error the direct path would have thrown: `Error from server (<Reason>): …` by reason,
 * `The <Kind> "<name>" is invalid: …` as KubeInvalid with its causes, apply conflicts as KubeConflict, and
 * `Unable to connect to the server` as KubeUnreachable.
 */
export function kubectlError(logs: string, exitCode: number): KubeError {
  const lines = logs.split('\n').map((l) => l.trimEnd());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const server = /^Error from server \((\w+)\): (.*)$/.exec(line);
    if (server) {
      // apply and create say which file: `error when patching "manifest.json": <the API server's message>`
      const message = server[2].replace(/^error when \w+ "[^"]*": /, '');
      if (server[1] === 'Invalid') return new KubeInvalid(message, causesFrom(message, lines.slice(i + 1)));
      return byReason(server[1], message);
    }
    const invalid = /^The (\S+) "([^"]*)" is invalid: ?(.*)$/.exec(line) ?? /^The request is invalid()()(?:: (.*))?$/.exec(line);
    if (invalid) return new KubeInvalid(line, causesFrom(invalid[3] ?? '', lines.slice(i + 1)));
    if (/^error: Apply failed with \d+ conflicts?/.test(line)) return new KubeConflict(line.replace(/^error: /, ''), 409, 'Conflict');
    const login = /^error: You must be logged in to the server \((.*)\)$/.exec(line);
    if (login) return new KubeForbidden(login[1], 401, 'Unauthorized');
    const unreachable = /^Unable to connect to the server: (.*)$/.exec(line);
    if (unreachable) return new KubeUnreachable(`the API server did not answer the Run Command pod: ${unreachable[1]}`);
    if (/^error: the server doesn't have a resource type/.test(line)) return new KubeNotFound(line.replace(/^error: /, ''), 404, 'NotFound');
  }
  return new KubeError(`kubectl exited with ${exitCode}: ${firstLine(logs.split('\n').filter((l) => !/^Warning:/.test(l)).join('\n')) || 'no output'}`);
}

/** `field: message` causes, from one line (`a: x, b: y` as kubectl joins them) or from `* field: message` lines. */
function causesFrom(first: string, rest: string[]): Array<{ field?: string; message?: string }> {
  const bullets = rest.filter((l) => /^\* /.test(l)).map((l) => l.slice(2));
  const parts = bullets.length ? bullets : first ? [first] : [];
  return parts.map((p) => {
    const m = /^([\w.[\]-]+): (.*)$/.exec(p);
    return m ? { field: m[1], message: m[2] } : { message: p };
  });
}
