/**
 * People paste the command they would have typed into a terminal: `kubectl get netpol -n shop`, `kubectx prod`,
 * `az aks update -n aks-prod --api-server-authorized-ip-ranges ""`. Those lines are rewritten into the plain words
 * the rest of the step reads ("network policies in shop namespace"), so a flag means what the tool says it means.
 * Anything that is not a known tool's line comes back unchanged. Pure and tiny: no shell is ever run.
 */

/** Shell-like words: quotes group, a pipe ends the command (a `grep X` after it only adds the word X). */
function shellWords(line: string): { words: string[]; grep: string[] } {
  const [head, ...pipes] = line.split('|');
  // (a flag glued to its quoted value, `-p='[…]'`, keeps the flag in front of the value)
  const words = [...head.matchAll(/([^\s'"]*)'([^']*)'|([^\s'"]*)"([^"]*)"|(\S+)/g)].map((m) => (m[2] !== undefined ? m[1] + m[2] : m[4] !== undefined ? m[3] + m[4] : m[5]));
  const grep = pipes.flatMap((p) => [...p.matchAll(/\bgrep\s+(?:-\w+\s+)*['"]?([\w.-]+)/g)].map((m) => m[1]));
  return { words, grep };
}

/** `--flag value`, `--flag=value` and `-f value` → flag → value; the rest stay positional. */
function flagsOf(words: string[], valued: ReadonlySet<string>): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const eq = /^(--?[\w-]+)=(.*)$/.exec(w);
    // (a trailing comma or full stop is the sentence's, not the value's: `--since=24h, but …`)
    if (eq) flags.set(eq[1], eq[2].replace(/[,;.]+$/, ''));
    else if (/^--?[a-zA-Z]/.test(w)) flags.set(w, valued.has(w) && i + 1 < words.length ? words[++i] : '');
    else positional.push(w);
  }
  return { flags, positional };
}

const KUBECTL_VALUED = new Set(['-n', '--namespace', '--context', '--cluster', '-o', '--output', '-p', '--patch', '-l', '--selector', '--type', '-f', '--filename', '-c', '--container', '--since', '--from']);
const AZ_VALUED = new Set(['-n', '--name', '-g', '--resource-group', '--query', '-o', '--output', '--subscription', '-s', '--tier', '--api-server-authorized-ip-ranges', '--plan', '--offset', '--start-time']);

/** What a resource word of kubectl means to Palisade. */
const RESOURCES: Array<[RegExp, string]> = [
  [/^(?:netpol|netpols|networkpolicy|networkpolicies|networkpolicies\.networking\.k8s\.io)$/, 'network policies'],
  [/^(?:svc|service|services)$/, 'services exposed'],
  [/^(?:ns|namespace|namespaces)$/, 'namespaces'],
];

function where(flags: Map<string, string>): string {
  const ns = flags.get('-n') ?? flags.get('--namespace');
  const cluster = flags.get('--context') ?? flags.get('--cluster');
  return `${ns ? ` in ${ns} namespace` : ''}${cluster ? ` on ${cluster}` : ''}`;
}

/** `-p '{"spec":{"loadBalancerSourceRanges":[…]}}'`: the source ranges a patch sets, if that is what it sets. */
function sourceRangesOfPatch(patch: string | undefined): string[] | undefined {
  if (!patch) return undefined;
  try {
    const ranges = (JSON.parse(patch) as { spec?: { loadBalancerSourceRanges?: unknown } }).spec?.loadBalancerSourceRanges;
    return Array.isArray(ranges) && ranges.every((r) => typeof r === 'string') ? (ranges as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** ` in <ns> on <context>` in the grammar's own words (a flag's target is always carried over). */
function grammarWhere(flags: Map<string, string>): string {
  const ns = flags.get('-n') ?? flags.get('--namespace');
  const cluster = flags.get('--context') ?? flags.get('--cluster');
  return `${ns ? ` in ${ns}` : ''}${cluster ? ` on ${cluster}` : ''}`;
}

/** `…/azure-load-balancer-internal=true` makes a Service internal; `=false` or a trailing `-` (annotation removed) public. */
function internalAnnotation(words: string[]): 'internal' | 'public' | undefined {
  const a = words.find((w) => /azure-load-balancer-internal(?:=|-$)/.test(w));
  if (!a) return undefined;
  return /=true$/i.test(a) ? 'internal' : /=false$|-$/i.test(a) ? 'public' : undefined;
}

/** A patch that removes the source ranges (JSON patch `remove`, or a merge patch setting them to null or []). */
function removesSourceRanges(patch: string | undefined): boolean {
  if (!patch) return false;
  if (/"op"\s*:\s*"remove"[^}]*\/spec\/loadBalancerSourceRanges/.test(patch)) return true;
  return /"loadBalancerSourceRanges"\s*:\s*(?:null|\[\s*\])/.test(patch);
}

function kubectl(args: string[], grep: string[]): string | undefined {
  // `kubectl exec pod … -- nc -zv host port`: can that pod reach host on port (where the flags say)
  const dashes = args.indexOf('--');
  if (dashes > 0 && /^(?:nc|ncat|netcat)$/.test(args[dashes + 1] ?? '')) {
    const { flags, positional } = flagsOf(args.slice(0, dashes), KUBECTL_VALUED);
    const probe = positional[0] === 'exec' && positional[1] ? netcat(args.slice(dashes + 2), `from ${positional[1].replace(/^(?:pod|po)\//, '')}`) : undefined;
    return probe && `${probe}${grammarWhere(flags)}`;
  }
  const { flags, positional } = flagsOf(args, KUBECTL_VALUED);
  const [verb, ...rest] = positional;
  if (verb === 'config' && /^(?:use-context|set-context|use)$/.test(rest[0] ?? '') && rest[1]) return `use cluster ${rest[1]}`;
  // `kubectl config get-contexts`: the clusters one can talk to
  if (verb === 'config' && /^(?:get-contexts|get-clusters)$/.test(rest[0] ?? '')) return 'list clusters';
  // a CronJob that sends the digest: listing it lists the digests, running it by hand sends one now
  const digestJob = (w: string) => /digest|summary|report/i.test(w);
  if (verb === 'get' && /^(?:cronjobs?|cj)$/.test((rest[0] ?? '').toLowerCase()) && [...positional, ...flags.values()].some(digestJob)) return 'list digests';
  if (verb === 'create' && /^jobs?$/.test(rest[0] ?? '') && /^cronjobs?\//.test(flags.get('--from') ?? '') && digestJob(flags.get('--from')!)) return 'digest now';
  const resource = (rest[0] ?? '').toLowerCase().split('/')[0];
  const name = rest[0]?.includes('/') ? rest[0].split('/')[1] : rest[1];
  const meaning = RESOURCES.find(([re]) => re.test(resource))?.[1];
  // words said after a change's line ("… on aks-prod and aks-cilium") are the message's own: a change never drops them
  const said = (from: number) => positional.slice(from).filter((w) => !/[=/]|-$/.test(w)).join(' ').split('?')[0].trim().replace(/^(?=\S)/, ' ');
  const afterName = rest[0]?.includes('/') ? 2 : 3;
  if (verb === 'patch' && /^(?:svc|service)$/.test(resource) && name) {
    const patch = flags.get('-p') ?? flags.get('--patch');
    if (removesSourceRanges(patch)) return `unrestrict ${name}${grammarWhere(flags)}${said(afterName)}`;
    const ranges = sourceRangesOfPatch(patch);
    return ranges?.length ? `restrict ${name} to ${ranges.join(', ')}${where(flags)}${said(afterName)}` : undefined;
  }
  if (verb === 'annotate' && /^(?:svc|service)$/.test(resource) && name) {
    const to = internalAnnotation(positional);
    return to && `make ${name} ${to}${grammarWhere(flags)}${said(afterName)}`;
  }
  // deleting Palisade's own policies (by its label) in a namespace is removing its zero trust there
  const selector = flags.get('-l') ?? flags.get('--selector') ?? '';
  if (verb === 'delete' && meaning === 'network policies' && /managed-by=palisade\b/.test(selector)) {
    const ns = flags.get('-n') ?? flags.get('--namespace');
    const cluster = flags.get('--context') ?? flags.get('--cluster');
    return ns ? `remove zero-trust ${ns}${cluster ? ` on ${cluster}` : ''}${said(2)}` : undefined;
  }
  // `kubectl apply -f default-deny.yaml -n shop`: a deny-all manifest applied to a namespace is its zero trust
  const file = flags.get('-f') ?? flags.get('--filename') ?? '';
  if (verb === 'apply' && /deny|zero-?trust|lock-?down|isolat/i.test(file)) {
    const ns = flags.get('-n') ?? flags.get('--namespace');
    const cluster = flags.get('--context') ?? flags.get('--cluster');
    return ns ? `zero-trust ${ns}${cluster ? ` on ${cluster}` : ''}${said(1)}` : undefined;
  }
  // `kubectl get events --since=24h`: what changed since then (Palisade's own changes are its audit)
  if (/^(?:get|describe)$/.test(verb ?? '') && /^(?:events?|ev)$/.test(resource)) {
    const since = flags.get('--since');
    return `audit${since ? ` since ${since}` : ''}${where(flags).replace(/ in \S+ namespace/, '')}`;
  }
  if (!/^(?:get|describe|list)$/.test(verb ?? '') || !meaning) return undefined;
  const filter = grep.map((g) => g.toLowerCase()).join(' ');
  return `show ${meaning}${name ? ` ${name}` : ''}${filter ? ` ${filter}` : ''}${where(flags)}`;
}

function az(args: string[]): string | undefined {
  const { flags, positional } = flagsOf(args, AZ_VALUED);
  const name = flags.get('-n') ?? flags.get('--name');
  const on = name ? ` on ${name}` : '';
  const [group, verb] = positional;
  if (group === 'aks') {
    if (verb === 'list') return 'list clusters';
    if (verb === 'get-credentials' && name) return `use cluster ${name}`;
    if (verb === 'show') {
      const query = (flags.get('--query') ?? '').toLowerCase();
      if (/privatecluster/.test(query)) return `private cluster${on}`;
      // (the API server's access profile is its authorized ranges, and whether it is private)
      if (/authorizedipranges|apiserveraccessprofile/.test(query)) return `show authorized ip ranges${on}`;
      return `status${on}`;
    }
    if (verb === 'update') {
      // words said after the line ("… for aks-prod and aks-cilium") are the message's own: a change never drops them
      // (a remark after a question mark, "?? safe", is the paste's question, read as such elsewhere)
      const said = positional.slice(2).join(' ').split('?')[0].trim();
      const tail = said ? ` ${said}` : '';
      const ranges = flags.get('--api-server-authorized-ip-ranges');
      if (ranges !== undefined) return ranges.trim() === '' ? `disable authorized ip ranges${on}${tail}` : `set ip ranges ${ranges.split(',').join(', ')}${on}${tail}`;
      if (flags.has('--enable-defender')) return `enable defender for containers${on}${tail}`;
      if (flags.has('--disable-defender')) return `disable defender for containers${on}${tail}`;
    }
    return undefined;
  }
  // `az monitor activity-log list --offset 7d`: what changed in that time (Palisade's own changes are its audit)
  if (group === 'monitor' && verb === 'activity-log') {
    const offset = flags.get('--offset');
    return `audit${offset && /^\d+[dhwm]$/i.test(offset) ? ` since ${offset}` : ''}`;
  }
  if (group === 'security' && verb === 'pricing') {
    const action = positional[2];
    const plan = (name ?? '').toLowerCase();
    // the subscription the line names is the target, never the default one
    const sub = flags.get('--subscription') ?? flags.get('-s');
    const inSub = sub ? ` in ${sub}` : '';
    if (plan && plan !== 'containers') return undefined;
    if (action === 'show' || action === 'list') return `defender status${inSub}`;
    if (action === 'create' || action === 'update') {
      const tier = (flags.get('--tier') ?? '').toLowerCase();
      return tier === 'standard' ? `enable defender for containers${inSub}` : tier === 'free' ? `disable defender for containers${inSub}` : undefined;
    }
  }
  return undefined;
}

/** `nc -zv host port`, with "from <workload>" said after it: can that workload reach host on port. */
function netcat(args: string[], tail: string): string | undefined {
  const udp = args.some((a) => /^-\w*u/.test(a));
  const positional = args.filter((a) => !a.startsWith('-'));
  const [host, port] = positional;
  if (!host || !/^\d{1,5}$/.test(port ?? '')) return undefined;
  // (round 14b: "from the X pod": the workload, not the article)
  const from = /\bfrom\s+(?:the\s+|a\s+|an\s+|our\s+)?(\S+)/.exec(tail)?.[1];
  return `can ${from ?? 'it'} reach ${host} on ${port}${udp ? '/udp' : ''}`;
}

/**
 * The targets a terminal line names by flag (`--subscription`, `--context`/`--cluster`, an `az aks` line's
 * `-n`/`-g`): a change read from the line must name each of them, or it would run on another target.
 */
export function toolTargets(text: string): string[] {
  const tool = /^(kubectl|k|az|palisade)\s+(.*)$/i.exec(text.trim());
  if (!tool) return [];
  const name = tool[1].toLowerCase();
  const { words } = shellWords(tool[2]);
  const { flags, positional } = flagsOf(words, name === 'az' ? AZ_VALUED : KUBECTL_VALUED);
  const keys = name === 'az' ? ['--subscription', '-s', ...(positional[0] === 'aks' ? ['-n', '--name', '-g', '--resource-group'] : [])] : ['--context', '--cluster'];
  const targets = keys.map((k) => flags.get(k)).filter((v): v is string => Boolean(v));
  // (an aks line's resource group is checked only when no cluster name says which cluster it is)
  return name === 'az' && positional[0] === 'aks' && (flags.get('-n') ?? flags.get('--name')) ? targets.filter((t) => t !== (flags.get('-g') ?? flags.get('--resource-group'))) : targets;
}

/** `palisade digest --cron '0 6 * * 1' --tz UTC`, `palisade status --cluster x`: our own command with CLI-style flags. */
function ownCli(words: string[]): string | undefined {
  const valued: Array<[RegExp, (v: string) => string]> = [
    [/^--?(?:cluster|context|c)$/, (v) => `on ${v}`],
    [/^--?(?:namespace|n)$/, (v) => `in ${v}`],
    [/^--cron$/, (v) => `cron "${v}"`],
    [/^--(?:tz|timezone|time-zone)$/, (v) => v],
    [/^--(?:for|duration|ttl)$/, (v) => `for ${v}`],
    // round 5: the filters of a listing (`vulns X --severity HIGH -c aks-prod`, `--page 2`, `--since 24h`)
    [/^--?(?:severity|sev|s)$/, (v) => `severity ${lowestSeverity(v)}`],
    [/^--?(?:page|p)$/, (v) => `page ${v}`],
    [/^--since$/, (v) => `since ${v}`],
    // round 8: the rest of our own options said as flags (`audit --limit 30`, `trend --area exposure --days 60`,
    // `digest --now --clusters a,b`, `restrict svc/X --to my-ip`)
    [/^--(?:days)$/, (v) => (/^\d+$/.test(v) ? `for ${v}d` : `for ${v}`)],
    [/^--(?:area|topic)$/, (v) => v],
    [/^--clusters$/, (v) => `for ${v.split(',').filter(Boolean).join(', ')}`],
    // (a flag's value said the way a shell says it: `my-ip` is my ip)
    [/^--(?:to|source|sources)$/, (v) => `to ${v.replace(/^my-?ip$/i, 'my ip')}`],
  ];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const flag = valued.find(([re]) => re.test(w));
    // (a count goes right after the command's word, where the grammar takes it: `audit 30 since 24h`)
    if (/^--(?:limit|count|top)$/.test(w) && /^\d+$/.test(words[i + 1] ?? '')) out.splice(1, 0, words[++i]);
    else if (flag && i + 1 < words.length) out.push(flag[1](words[++i]));
    else if (/^--(?:fixable|running|now|off)$/.test(w)) out.push(w.slice(2));
    else if (/^--?\w/.test(w)) return undefined;
    else if (!(/^(?:ls|list|get|show)$/.test(w) && i > 0)) out.push(w.replace(/^(?:svc|service|deploy|deployment)\//i, ''));
  }
  return out.length ? out.join(' ') : undefined;
}

const SEVERITIES = ['low', 'medium', 'high', 'critical'];

/** `HIGH,CRITICAL` → high: a list of severities is "this one and up", from its lowest. */
function lowestSeverity(list: string): string {
  const found = list.toLowerCase().split(/[,\s]+/).filter((x) => SEVERITIES.includes(x));
  return found.sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0] ?? list;
}

/** `trivy image X [--severity HIGH,CRITICAL]`: the vulnerabilities of that image, from that severity up. */
function trivy(words: string[]): string | undefined {
  const { flags, positional } = flagsOf(words, new Set(['--severity', '-s', '--format', '-f', '--output', '-o']));
  if (positional[0] !== 'image' || !positional[1]) return undefined;
  const severity = flags.get('--severity') ?? flags.get('-s');
  return `vulnerabilities in image ${positional[1]}${severity ? ` severity ${lowestSeverity(severity)}` : ''}`;
}

/** A terminal line → plain words, or the text unchanged when it is not one. */
/** A shell lookup of one's own public address (`$(curl -s ifconfig.me)`, as the AKS workshop does it) means "my ip". */
const OWN_IP_LOOKUP = /\$\([^()]*\b(?:ifconfig\.me|ifconfig\.co|ipinfo\.io|icanhazip|ipify|checkip|myip|ident\.me)\b[^()]*\)(?:\/32)?|`[^`]*\b(?:ifconfig\.me|ifconfig\.co|ipinfo\.io|icanhazip|ipify|checkip|myip|ident\.me)\b[^`]*`(?:\/32)?/gi;

export function fromToolSyntax(typed: string): string {
  const text = typed.replace(OWN_IP_LOOKUP, 'my ip');
  // one shell word in a pasted command line, as the substitution was
  const line = typed.replace(OWN_IP_LOOKUP, "'my ip'").trim();
  // our own command typed CLI-style: `digest --cron "0 6 * * 1" --tz UTC`
  const own = /^(?:palisade\s+)?((?:digests?|status|audit|approvals|exposure|vulnerabilities|vulns?|defender|trend|clusters|network|restrict|unrestrict|allowlist)\b.*)$/i.exec(line);
  if (own && (/^palisade\s/i.test(line) || /\s--\w/.test(line))) return ownCli(shellWords(own[1]).words) ?? text;
  // `crontab -l` lists what is scheduled: here, the digests
  if (/^crontab\s+-l\b/i.test(line)) return 'digests';
  const tool = /^(kubectl|k|kubectx|az|nc|ncat|netcat|trivy)\s+(.*)$/i.exec(line);
  if (!tool) return text;
  const name = tool[1].toLowerCase();
  const { words, grep } = shellWords(tool[2]);
  let plain: string | undefined;
  if (name === 'kubectl' || name === 'k') plain = kubectl(words, grep);
  else if (name === 'kubectx') plain = words.length === 1 ? `use cluster ${words[0]}` : undefined;
  else if (name === 'az') plain = az(words);
  else if (name === 'trivy') plain = trivy(words);
  else {
    const cut = words.findIndex((w) => w === 'from');
    plain = netcat(cut < 0 ? words : words.slice(0, cut), cut < 0 ? '' : words.slice(cut).join(' '));
  }
  return plain ?? withRemark(tool[1], tool[2]) ?? text;
}

/**
 * Round 11d: a line that reads only without a remark after a comma ("az … -n Containers, for aks-cilium's
 * subscription"): the line is rewritten alone, and the remark, the message's own words, follows it.
 */
function withRemark(tool: string, rest: string): string | undefined {
  const remark = /^([^'"]*?),\s+([^-'"][^"]*)$/.exec(rest);
  if (!remark || /\s--?[a-z]/i.test(` ${remark[2]}`)) return undefined;
  const plain = fromToolSyntax(`${tool} ${remark[1]}`);
  return plain === `${tool} ${remark[1]}` ? undefined : `${plain} ${remark[2]}`;
}
