import YAML from 'yaml';
import type { Json } from '../../world.js';
import { discover, qualifiedKind, qualifiedPlural, resolveType, resourceByKind, resourcePath, type ApiResource } from './discovery.js';
import { FlagError, one, parseFlags, type ParsedArgs } from './flags.js';
import type { InClusterClient, KubeResponse } from './kubeClient.js';
import { normalise } from './contextFiles.js';
import { printTable } from './printTable.js';

export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const PATCH_TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

class Failure extends Error {}

/** kubectl's wording of an Invalid answer: `The <Kind> "<name>" is invalid: <field>: <message>`, a bullet per cause when several. */
function invalidError(res: KubeResponse): string | undefined {
  const details = res.body?.details;
  if (res.body?.reason !== 'Invalid' || !details) return undefined;
  const causes: string[] = (details.causes ?? []).map((c: { field?: string; message?: string }) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
  const head = details.kind || details.name ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid` : 'The request is invalid';
  return causes.length > 1 ? `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}` : `${head}: ${causes[0] ?? res.body.message}`;
}

function serverError(res: KubeResponse): string {
  const invalid = invalidError(res);
  if (invalid) return invalid;
  const reason = res.body?.reason || 'InternalError';
  const message = res.body?.message ?? (typeof res.body === 'string' ? res.body : `the server responded with status ${res.status}`);
  return `Error from server (${reason}): ${message}`;
}

/** kubectl's `-o json` indentation. */
function json(v: unknown): string {
  return `${JSON.stringify(v, null, 4)}\n`;
}

/**
 * The kubectl verbs AKS Run Command users send, run against the cluster's API server over HTTPS:
 * `get`, `apply` (server-side or client-side), `patch`, `delete`, `version`. Output and errors as kubectl prints them.
 */
export class Kubectl {
  private resources?: ApiResource[];

  constructor(
    private readonly kube: InClusterClient,
    private readonly files: Map<string, string>,
  ) {}

  async run(args: string[], stdin: string): Promise<CommandOutput> {
    const out = { stdout: '', stderr: '' };
    try {
      const [verb, ...rest] = args;
      if (!verb) throw new Failure('error: a kubectl verb is required (get, apply, patch, delete, version)');
      const p = parseFlags(rest);
      let code: number;
      switch (verb) {
        case 'get':
          code = await this.get(p, out);
          break;
        case 'apply':
          code = await this.apply(p, stdin, out);
          break;
        case 'patch':
          code = await this.patch(p, out);
          break;
        case 'delete':
          code = await this.delete(p, out);
          break;
        case 'version':
          code = await this.version(p, out);
          break;
        default:
          throw new Failure(`error: unknown command "${verb}" for "kubectl"\n\nDid you mean this?\n\tget\n\tapply\n\tpatch\n\tdelete`);
      }
      return { code, ...out };
    } catch (err) {
      if (err instanceof Failure || err instanceof FlagError) return { code: 1, stdout: out.stdout, stderr: `${out.stderr}${err.message}\n` };
      const e = err as NodeJS.ErrnoException;
      return { code: 1, stdout: out.stdout, stderr: `${out.stderr}Unable to connect to the server: ${e.message}\n` };
    }
  }

  private async types(): Promise<ApiResource[]> {
    this.resources ??= await discover(this.kube);
    return this.resources;
  }

  private async type(text: string): Promise<ApiResource> {
    const t = resolveType(await this.types(), text);
    if (!t) throw new Failure(`error: the server doesn't have a resource type "${text}"`);
    return t;
  }

  private namespace(p: ParsedArgs): string {
    return one(p, 'namespace') ?? 'default';
  }

  /** `type name…`, `type/name…`, `type1,type2`, or `all`: the (type, name?) pairs to read. */
  private async targets(p: ParsedArgs, verb: string): Promise<Array<{ type: ApiResource; name?: string }>> {
    const [first, ...others] = p.positional;
    if (!first) throw new Failure(`error: you must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.`);
    if (first.includes('/')) {
      const out = [];
      for (const ref of p.positional) {
        const [t, n] = ref.split('/');
        if (!n) throw new Failure(`error: arguments in resource/name form must have a single resource and name`);
        out.push({ type: await this.type(t), name: n });
      }
      return out;
    }
    const types: ApiResource[] = [];
    for (const t of first.split(',')) {
      const all = await this.types();
      const category = all.filter((r) => r.categories.includes(t.toLowerCase()));
      if (category.length > 0 && !resolveType(all, t)) types.push(...category);
      else types.push(await this.type(t));
    }
    if (others.length === 0) return types.map((type) => ({ type }));
    if (types.length > 1) throw new Failure('error: you must specify only one resource');
    return others.map((name) => ({ type: types[0], name }));
  }

  private async get(p: ParsedArgs, out: { stdout: string; stderr: string }): Promise<number> {
    const allNs = p.bools.has('all-namespaces');
    const ns = allNs ? undefined : this.namespace(p);
    const output = one(p, 'output');
    if (output && !['json', 'yaml', 'name', 'wide'].includes(output)) throw new Failure(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`);
    const targets = await this.targets(p, 'get');
    const objects: Json[] = [];
    const tables: Array<{ type: ApiResource; table: Json }> = [];
    let code = 0;
    const single = targets.length === 1 && targets[0].name !== undefined;
    for (const { type, name } of targets) {
      const query = new URLSearchParams();
      if (!name && one(p, 'selector')) query.set('labelSelector', one(p, 'selector')!);
      if (!name && one(p, 'field-selector')) query.set('fieldSelector', one(p, 'field-selector')!);
      const path = `${resourcePath(type, type.namespaced ? ns : undefined, name)}${query.size ? `?${query}` : ''}`;
      const wantTable = !output || output === 'wide';
      const res = await this.kube.request('GET', path, undefined, undefined, wantTable ? TABLE_ACCEPT : 'application/json');
      if (res.status === 404 && name && p.bools.has('ignore-not-found')) continue;
      if (res.status >= 400) {
        out.stderr += `${serverError(res)}\n`;
        code = 1;
        continue;
      }
      if (wantTable) tables.push({ type, table: res.body });
      else if (name) objects.push(res.body);
      else for (const item of res.body.items ?? []) objects.push({ apiVersion: type.groupVersion, kind: type.kind, ...item });
    }
    if (output === 'json' || output === 'yaml') {
      if (single && objects.length === 1) out.stdout += output === 'json' ? json(objects[0]) : YAML.stringify(objects[0]);
      else if (objects.length > 0 || code === 0) {
        const list = { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
        out.stdout += output === 'json' ? json(list) : YAML.stringify(list);
      }
      return code;
    }
    if (output === 'name') {
      for (const o of objects) out.stdout += `${qualifiedKind((resourceByKind(await this.types(), o.apiVersion, o.kind) ?? targets[0].type))}/${o.metadata.name}\n`;
      return code;
    }
    const rows = tables.reduce((n, t) => n + (t.table.rows?.length ?? 0), 0);
    if (rows === 0 && code === 0) {
      out.stderr += ns && targets.every((t) => t.type.namespaced) ? `No resources found in ${ns} namespace.\n` : 'No resources found\n';
      return code;
    }
    for (const { type, table } of tables) out.stdout += printTable(table, { withNamespace: allNs && type.namespaced, wide: output === 'wide', kindPrefix: tables.length > 1 ? qualifiedKind(type) : undefined, showLabels: p.bools.has('show-labels') });
    return code;
  }

  private readFiles(p: ParsedArgs, stdin: string): Array<{ source: string; text: string }> {
    const names = p.values.get('filename') ?? [];
    if (names.length === 0) throw new Failure('error: must specify one of -f and -k');
    const out: Array<{ source: string; text: string }> = [];
    for (const raw of names) {
      if (raw === '-') {
        out.push({ source: 'STDIN', text: stdin });
        continue;
      }
      const name = normalise(raw);
      const exact = this.files.get(name);
      if (exact !== undefined) {
        out.push({ source: raw, text: exact });
        continue;
      }
      const dir = `${name.replace(/\/$/, '')}/`;
      const inDir = [...this.files.keys()].filter((f) => (name === '.' || f.startsWith(dir)) && /\.(ya?ml|json)$/.test(f)).sort();
      if (inDir.length === 0) throw new Failure(`error: the path "${raw}" does not exist`);
      for (const f of inDir) out.push({ source: f, text: this.files.get(f)! });
    }
    return out;
  }

  private documents(p: ParsedArgs, stdin: string): Array<{ source: string; obj: Json }> {
    const docs: Array<{ source: string; obj: Json }> = [];
    for (const { source, text } of this.readFiles(p, stdin)) {
      for (const doc of YAML.parseAllDocuments(text)) {
        if (doc.errors.length) throw new Failure(`error: error parsing ${source}: error converting YAML to JSON: ${doc.errors[0].message}`);
        const obj = doc.toJS() as Json | null;
        if (!obj) continue;
        const items = obj.kind === 'List' || String(obj.kind ?? '').endsWith('List') ? (obj.items ?? []) : [obj];
        for (const item of items) docs.push({ source, obj: item });
      }
    }
    if (docs.length === 0) throw new Failure('error: no objects passed to apply');
    return docs;
  }

  private async apply(p: ParsedArgs, stdin: string, out: { stdout: string; stderr: string }): Promise<number> {
    const serverSide = p.bools.has('server-side');
    const manager = one(p, 'field-manager') ?? (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
    const dryRun = one(p, 'dry-run');
    const suffix = dryRun === 'server' ? ' (server dry run)' : dryRun === 'client' ? ' (dry run)' : '';
    const output = one(p, 'output');
    if (output && !['json', 'yaml', 'name'].includes(output)) throw new Failure(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`);
    const printed: Json[] = [];
    let code = 0;
    for (const { source, obj } of this.documents(p, stdin)) {
      const type = resourceByKind(await this.types(), String(obj.apiVersion), String(obj.kind));
      if (!type) {
        out.stderr += `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first\n`;
        code = 1;
        continue;
      }
      const name = obj.metadata?.name;
      if (!name) throw new Failure(`error: error when retrieving current configuration of:\nResource: "${qualifiedPlural(type)}", GroupVersionKind: "${type.groupVersion}, Kind=${type.kind}"\nfrom server for: "${source}": resource name may not be empty`);
      const ns = type.namespaced ? (obj.metadata?.namespace ?? this.namespace(p)) : undefined;
      if (dryRun === 'client') {
        if (output === 'json' || output === 'yaml') printed.push(obj);
        else out.stdout += output === 'name' ? `${qualifiedKind(type)}/${name}\n` : `${qualifiedKind(type)}/${name} ${serverSide ? 'serverside-applied' : 'configured'}${suffix}\n`;
        continue;
      }
      const q = new URLSearchParams({ fieldManager: manager });
      if (dryRun === 'server') q.set('dryRun', 'All');
      let res: KubeResponse;
      let verb: string;
      if (serverSide) {
        if (p.bools.has('force-conflicts')) q.set('force', 'true');
        res = await this.kube.request('PATCH', `${resourcePath(type, ns, name)}?${q}`, { ...obj, metadata: { ...obj.metadata, ...(ns ? { namespace: ns } : {}) } }, 'application/apply-patch+yaml');
        verb = 'serverside-applied';
      } else {
        ({ res, verb } = await this.clientSideApply(type, ns, name, obj, q));
      }
      if (res.status >= 400) {
        code = 1;
        if (res.status === 409 && String(res.body?.message ?? '').startsWith('Apply failed')) {
          out.stderr += `error: ${res.body.message}\nPlease review the fields above--they currently have other managers. Here are\nthe ways you can resolve this warning:\n* If you intend to manage all of these fields, please re-run the apply\n  command with the \`--force-conflicts\` flag.\n* If you do not intend to manage all of the fields, please edit your\n  manifest to remove references to the fields that should keep their\n  current managers.\n* You may co-own fields by updating your manifest to match the existing\n  value; in this case, you'll become the manager if the other manager(s)\n  stop managing the field (remove it from their configuration).\nSee https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts\n`;
        } else {
          out.stderr += `${invalidError(res) ?? `Error from server (${res.body?.reason ?? 'InternalError'}): error when ${serverSide ? 'patching' : 'applying'} "${source}": ${res.body?.message ?? res.status}`}\n`;
        }
        continue;
      }
      // `-o json|yaml` prints the object as the API server returned it (a List for several), `-o name` kind/name
      if (output === 'json' || output === 'yaml') printed.push(res.body);
      else out.stdout += output === 'name' ? `${qualifiedKind(type)}/${name}\n` : `${qualifiedKind(type)}/${name} ${verb}${suffix}\n`;
    }
    if (printed.length) {
      const doc = printed.length === 1 ? printed[0] : { apiVersion: 'v1', items: printed, kind: 'List', metadata: { resourceVersion: '' } };
      out.stdout += output === 'json' ? json(doc) : YAML.stringify(doc);
    }
    return code;
  }

  /** kubectl's classic apply: create, or a strategic merge patch carrying the last-applied annotation. */
  private async clientSideApply(type: ApiResource, ns: string | undefined, name: string, obj: Json, q: URLSearchParams): Promise<{ res: KubeResponse; verb: string }> {
    const annotated = { ...obj, metadata: { ...obj.metadata, ...(ns ? { namespace: ns } : {}), annotations: { ...(obj.metadata?.annotations ?? {}) } } };
    annotated.metadata.annotations[LAST_APPLIED] = `${JSON.stringify(obj)}\n`;
    const current = await this.kube.request('GET', resourcePath(type, ns, name));
    if (current.status === 404) {
      const res = await this.kube.request('POST', `${resourcePath(type, ns)}?${q}`, annotated);
      return { res, verb: 'created' };
    }
    if (current.status >= 400) return { res: current, verb: '' };
    const res = await this.kube.request('PATCH', `${resourcePath(type, ns, name)}?${q}`, annotated, PATCH_TYPES.strategic);
    const unchanged = res.status < 400 && res.body?.metadata?.resourceVersion === current.body?.metadata?.resourceVersion;
    return { res, verb: unchanged ? 'unchanged' : 'configured' };
  }

  private async patch(p: ParsedArgs, out: { stdout: string; stderr: string }): Promise<number> {
    const targets = await this.targets(p, 'patch');
    if (targets.length !== 1 || !targets[0].name) throw new Failure('error: resource(s) were provided, but no name was specified');
    const { type, name } = targets[0];
    const kind = one(p, 'type') ?? 'strategic';
    const contentType = PATCH_TYPES[kind];
    if (!contentType) throw new Failure(`error: --type must be one of [json merge strategic], not "${kind}"`);
    const text = one(p, 'patch');
    if (text === undefined) throw new Failure('error: must specify -p to patch');
    let body: unknown;
    try {
      body = YAML.parse(text);
    } catch (e) {
      throw new Failure(`error: unable to parse "${text}": yaml: ${(e as Error).message}`);
    }
    const ns = type.namespaced ? this.namespace(p) : undefined;
    const before = await this.kube.request('GET', resourcePath(type, ns, name!));
    if (before.status >= 400) {
      out.stderr += `${serverError(before)}\n`;
      return 1;
    }
    const q = new URLSearchParams({ fieldManager: one(p, 'field-manager') ?? 'kubectl-patch' });
    if (one(p, 'dry-run') === 'server') q.set('dryRun', 'All');
    const res = await this.kube.request('PATCH', `${resourcePath(type, ns, name!)}?${q}`, body, contentType);
    if (res.status >= 400) {
      out.stderr += `${serverError(res)}\n`;
      return 1;
    }
    if (one(p, 'output') === 'json') out.stdout += json(res.body);
    else if (one(p, 'output') === 'yaml') out.stdout += YAML.stringify(res.body);
    else out.stdout += `${qualifiedKind(type)}/${name} patched${res.body?.metadata?.resourceVersion === before.body?.metadata?.resourceVersion ? ' (no change)' : ''}\n`;
    return 0;
  }

  private async delete(p: ParsedArgs, out: { stdout: string; stderr: string }): Promise<number> {
    let targets = await this.targets(p, 'delete');
    const selector = one(p, 'selector');
    if (selector !== undefined) {
      // `-l`: kubectl lists what the selector matches and deletes those, one by one
      if (targets.some((t) => t.name)) throw new Failure('error: name cannot be provided when a selector is specified');
      const matched: typeof targets = [];
      for (const { type } of targets) {
        const ns = type.namespaced ? this.namespace(p) : undefined;
        const res = await this.kube.request('GET', `${resourcePath(type, ns)}?${new URLSearchParams({ labelSelector: selector })}`);
        if (res.status >= 400) {
          out.stderr += `${serverError(res)}\n`;
          return 1;
        }
        for (const item of res.body.items ?? []) matched.push({ type, name: item.metadata.name });
      }
      if (matched.length === 0) {
        out.stderr += 'No resources found\n';
        return 0;
      }
      targets = matched;
    }
    if (targets.some((t) => !t.name)) throw new Failure('error: resource(s) were provided, but no name was specified');
    let code = 0;
    for (const { type, name } of targets) {
      const ns = type.namespaced ? this.namespace(p) : undefined;
      const q = one(p, 'dry-run') === 'server' ? '?dryRun=All' : '';
      const res = await this.kube.request('DELETE', `${resourcePath(type, ns, name!)}${q}`);
      if (res.status === 404 && p.bools.has('ignore-not-found')) continue;
      if (res.status >= 400) {
        out.stderr += `${serverError(res)}\n`;
        code = 1;
        continue;
      }
      out.stdout += `${type.kind.toLowerCase()}${type.group ? `.${type.group}` : ''} "${name}" deleted\n`;
    }
    return code;
  }

  private async version(p: ParsedArgs, out: { stdout: string; stderr: string }): Promise<number> {
    const res = await this.kube.request('GET', '/version');
    if (res.status >= 400) {
      out.stderr += `${serverError(res)}\n`;
      return 1;
    }
    const client = { major: '1', minor: '32', gitVersion: 'v1.32.7', platform: 'linux/amd64' };
    if (one(p, 'output') === 'json') out.stdout += json({ clientVersion: client, kustomizeVersion: 'v5.5.0', serverVersion: res.body });
    else out.stdout += `Client Version: ${client.gitVersion}\nKustomize Version: v5.5.0\nServer Version: ${res.body.gitVersion}\n`;
    return 0;
  }
}
