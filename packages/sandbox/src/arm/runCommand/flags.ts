/** kubectl's flags the sandbox understands: which take a value, and their long names. */
const VALUE_FLAGS: Record<string, string> = {
  n: 'namespace', namespace: 'namespace',
  l: 'selector', selector: 'selector',
  'field-selector': 'field-selector',
  o: 'output', output: 'output',
  f: 'filename', filename: 'filename',
  'field-manager': 'field-manager',
  type: 'type',
  p: 'patch', patch: 'patch',
  'request-timeout': 'request-timeout',
  timeout: 'timeout',
  'grace-period': 'grace-period',
};
const BOOL_FLAGS: Record<string, string> = {
  A: 'all-namespaces', 'all-namespaces': 'all-namespaces',
  'server-side': 'server-side',
  'force-conflicts': 'force-conflicts',
  'ignore-not-found': 'ignore-not-found',
  'show-labels': 'show-labels',
  R: 'recursive', recursive: 'recursive',
  wait: 'wait',
  overwrite: 'overwrite',
  'no-headers': 'no-headers',
};
/** Flags whose value is optional (`--dry-run` alone meant `client`). */
const OPTIONAL_VALUE: Record<string, string> = { 'dry-run': 'client', validate: 'true' };

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string[]>;
  bools: Set<string>;
}

export class FlagError extends Error {}

export function parseFlags(args: string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: new Map(), bools: new Set() };
  const put = (k: string, v: string) => out.values.set(k, [...(out.values.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      out.positional.push(a);
      continue;
    }
    const long = a.startsWith('--');
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    let name = eq >= 0 ? body.slice(0, eq) : body;
    let inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (!long && name.length > 1 && inline === undefined) {
      // `-nfoo` is `-n foo`; `-oyaml` is `-o yaml`
      inline = name.slice(1);
      name = name[0];
    }
    if (VALUE_FLAGS[name]) {
      const v = inline ?? args[++i];
      if (v === undefined) throw new FlagError(`error: flag needs an argument: ${long ? '--' : '-'}${name}`);
      put(VALUE_FLAGS[name], v);
    } else if (BOOL_FLAGS[name]) {
      if (inline === undefined || inline === 'true') out.bools.add(BOOL_FLAGS[name]);
      else if (inline !== 'false') throw new FlagError(`error: invalid argument "${inline}" for "${a}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
    } else if (OPTIONAL_VALUE[name] !== undefined) {
      put(name, inline ?? OPTIONAL_VALUE[name]);
    } else {
      throw new FlagError(`error: unknown ${long ? 'flag' : 'shorthand flag'}: ${long ? `--${name}` : `'${name}' in ${a}`}`);
    }
  }
  return out;
}

export function one(p: ParsedArgs, name: string): string | undefined {
  return p.values.get(name)?.at(-1);
}
