import path from 'node:path';
import { z } from 'zod';
import { formatNetwork, isIPv4, isLoopbackHost, parseAddress, parseNetwork } from './text/addresses.js';

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const shown = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);

/** A comma-separated list whose items are each checked; a bad item is named in the message. */
function list<T = string>(check: (item: string) => string | undefined, convert: (item: string) => T = (i) => i as T) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const good = items.filter((item) => {
        const problem = check(item);
        if (problem) ctx.addIssue({ code: 'custom', message: `${shown(item)} ${problem}` });
        return !problem;
      });
      return good.map(convert);
    });
}
const guidProblem = (what: string) => (v: string) => (GUID.test(v) ? undefined : `is not ${what} (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47)`);
const guid = (what: string) => z.string().regex(GUID, `must be ${what}, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47`);
const bool = (dflt?: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? dflt : ['true', '1', 'yes'].includes(v)));
const int = (dflt: number, min: number, max: number) =>
  z.coerce.number({ message: `must be a whole number from ${min} to ${max}` }).int().min(min).max(max).optional().transform((v) => v ?? dflt);
const ipv4 = z.string().refine(isIPv4, 'must be an IPv4 address such as 203.0.113.7');
const url = (protocols: string) => z.url({ message: `must be a URL (${protocols})`, protocol: protocols === 'https' ? /^https$/ : /^https?$/ });

/**
 * Principals are `<objectId>`, `user:<objectId>`, `group:<objectId>` (Entra object ids; a group's members are checked in
 * Microsoft Graph), or `*` for anyone.
 */
const principals = list(
  (p) => (p === '*' || GUID.test(p.replace(/^(user|group):/i, '')) ? undefined : 'is not an Entra object id, user:<object id>, group:<object id> or *'),
  toPrincipal,
);

const schema = z.object({
  NODE_ENV: z.string().optional().default('development'),
  PORT: int(3978, 0, 65535),
  HOST: z
    .string()
    .refine((h) => h === 'localhost' || parseAddress(h) !== undefined, 'must be an IP address to listen on, e.g. 127.0.0.1, ::1 or 0.0.0.0')
    .optional(),
  PALISADE_DATA_DIR: z.string().optional().default('./.palisade'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional().default('info'),

  MicrosoftAppId: guid("the bot's Microsoft App ID").optional(),
  MicrosoftAppPassword: z.string().optional().default(''),
  MicrosoftAppType: z
    .enum(['SingleTenant', 'UserAssignedMSI'], { message: 'must be SingleTenant or UserAssignedMSI (new MultiTenant bot registrations are deprecated)' })
    .optional(),
  MicrosoftAppTenantId: guid("the bot's tenant id").optional(),
  BotOpenIdMetadata: z.url({ protocol: /^https$/, message: 'must be an https:// URL' }).optional(),
  PALISADE_REPLY_DEADLINE_MS: int(2000, 100, 10_000),

  AZURE_SUBSCRIPTION_IDS: list(guidProblem('a subscription id')),
  PALISADE_CLUSTERS: list((n) => (NAME.test(n) ? undefined : 'is not a cluster name')),
  PALISADE_DEFAULT_CLUSTER: z.string().regex(NAME, 'must be a cluster name').optional(),
  PALISADE_KUBECONFIG: z.string().optional(),
  PALISADE_KUBE_CONTEXTS: list(
    (pair) => (/^[a-z0-9][a-z0-9._-]*=\S+$/i.test(pair) ? undefined : 'is not cluster=context (e.g. aks-prod=prod-admin)'),
    (pair) => pair.split('=', 2) as [string, string],
  ),
  AZURE_RESOURCE_MANAGER_ENDPOINT: url('https').optional(),
  AZURE_AUTHORITY_HOST: z.url({ protocol: /^https$/, message: 'must be an https:// URL' }).optional(),
  AZURE_CLIENT_ID: guid('a client (application) id').optional(),
  AZURE_TENANT_ID: z.string().regex(/^[0-9a-zA-Z.-]+$/, 'must be a tenant id (GUID) or domain').optional(),
  PALISADE_AKS_SERVER_APP_ID: guid('the AKS server application id').optional().default('6dae42f8-4368-4678-94ff-3960e28e3630'),

  PALISADE_OPERATORS: principals,
  PALISADE_APPROVERS: principals,
  PALISADE_ALLOWED_TENANTS: list(guidProblem('a tenant id'), (t) => t.toLowerCase()),
  PALISADE_SELF_APPROVAL: bool(),
  PALISADE_PLAN_TTL_MINUTES: int(60, 1, 7 * 24 * 60),
  // A channel's threads share its id before ";messageid=": any thread of the channel counts
  PALISADE_APPROVERS_CHANNEL: z
    .string()
    .optional()
    .transform((v) => v?.trim().split(';')[0] || undefined)
    .pipe(z.string().regex(/^[^\s,;]{1,512}$/, 'must be a Teams conversation id, e.g. 19:…@thread.tacv2').optional()),
  PALISADE_GRAPH_ENDPOINT: z
    .url({ protocol: /^https$/, message: 'must be an https:// URL' })
    .optional()
    .default('https://graph.microsoft.com')
    .transform((u) => u.replace(/\/+$/, '')),
  PALISADE_GROUP_CACHE_SECONDS: int(300, 0, 3600),

  PALISADE_EGRESS_IPS: list((ip) => (isIPv4(ip) ? undefined : 'is not an IPv4 address (AKS authorized ranges are IPv4)')),
  PALISADE_TRUSTED_PROXIES: list(
    (p) => (parseNetwork(p) ? undefined : 'is not an IP address or CIDR range (e.g. 10.0.0.0/8)'),
    (p) => formatNetwork(parseNetwork(p)!),
  ),
  PALISADE_PUBLIC_URL: url('http or https')
    .optional()
    .transform((u) => u?.replace(/\/+$/, '')),

  PALISADE_STORE: z.enum(['sqlite', 'blob'], { message: 'must be sqlite or blob' }).optional().default('sqlite'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  AZURE_STORAGE_ACCOUNT_URL: z.url({ protocol: /^https$/, message: 'must be an https:// URL (tokens are never sent over http)' }).optional(),
  PALISADE_BLOB_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/, 'must be 3–63 lower-case letters, digits or dashes').optional().default('palisade'),

  PALISADE_SANDBOX_CLIENT_IP: ipv4.optional().default('203.0.113.7'),
  PALISADE_SANDBOX_LATENCY_MS: int(0, 0, 10_000),
  PALISADE_PLAYGROUND: bool(),
  PALISADE_PLAYGROUND_PORT: int(56150, 1, 65535),

  PALISADE_SHUTDOWN_TIMEOUT_SECONDS: int(25, 1, 600),
  PALISADE_READY_CACHE_SECONDS: int(30, 0, 3600),
  // at most 64: the kept-alive agent of an API server origin holds 256 sockets, 4 lists per cluster
  PALISADE_SCAN_CONCURRENCY: int(32, 1, 64),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .regex(/(^|;)\s*(InstrumentationKey|ConnectionString)=/i, 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)')
    .optional(),
});

/** Every variable Palisade reads (`.env.example` documents each one). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

const isProductionLabel = (nodeEnv: string | undefined) => /^prod/i.test(nodeEnv?.trim() ?? '');

/** Rules across fields, checked on the raw values so they are reported even when other fields are invalid. */
function crossFieldProblems(env: Env): string[] {
  const out: string[] = [];
  const azure = Boolean(env.AZURE_SUBSCRIPTION_IDS?.trim());
  if (env.PALISADE_STORE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING && !env.AZURE_STORAGE_ACCOUNT_URL)
    out.push('AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING: one is required when PALISADE_STORE=blob (the account URL signs in with the Azure identity, no keys)');
  if (env.AZURE_STORAGE_CONNECTION_STRING && env.AZURE_STORAGE_ACCOUNT_URL) out.push('AZURE_STORAGE_ACCOUNT_URL: set it or AZURE_STORAGE_CONNECTION_STRING, not both');
  if (!azure && isProductionLabel(env.NODE_ENV))
    out.push(`AZURE_SUBSCRIPTION_IDS: required with NODE_ENV=${env.NODE_ENV}: without it Palisade would run its sandbox (fake clusters, anyone approves)`);
  // Only spaces is reported on its own; the rules that need the app id wait for a real one
  if (env.MicrosoftAppId === undefined || env.MicrosoftAppId.trim()) out.push(...identityProblems(env, azure));
  if (azure && !env.PALISADE_PUBLIC_URL)
    out.push('PALISADE_PUBLIC_URL: required with AZURE_SUBSCRIPTION_IDS: the https address people reach Palisade at (for `allowlist my ip` links)');
  else if (azure && !/^https:\/\//i.test(env.PALISADE_PUBLIC_URL ?? '')) out.push('PALISADE_PUBLIC_URL: must be an https:// URL outside the sandbox');
  return out;
}

/** Authentication follows the mode, never a label: only the sandbox, listening on loopback, may take unsigned requests. */
function identityProblems(env: Env, azure: boolean): string[] {
  const out: string[] = [];
  const appId = env.MicrosoftAppId;
  if (azure && appId === undefined)
    out.push('MicrosoftAppId: required with AZURE_SUBSCRIPTION_IDS: without a bot identity the Bot Framework SDK accepts unsigned requests, so anyone could act as an approver');
  if (!azure && appId === undefined && env.HOST !== undefined && parseAddress(env.HOST) && !isLoopbackHost(env.HOST))
    out.push(
      `HOST: ${env.HOST} would let anyone on the network send unsigned requests to the sandbox (and name any serviceUrl for replies). Listen on 127.0.0.1 (the sandbox default) or ::1, or set MicrosoftAppId so tokens are validated`,
    );
  if (appId === undefined) {
    if (env.MicrosoftAppPassword || env.MicrosoftAppType || env.MicrosoftAppTenantId)
      out.push('MicrosoftAppId: required when MicrosoftAppType, MicrosoftAppPassword or MicrosoftAppTenantId is set');
    return out;
  }
  if (!env.MicrosoftAppType) out.push('MicrosoftAppType: set SingleTenant or UserAssignedMSI');
  if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppPassword) out.push('MicrosoftAppPassword: required for SingleTenant');
  if (!env.MicrosoftAppTenantId) out.push('MicrosoftAppTenantId: required with an app id');
  if (!azure && bool().safeParse(env.PALISADE_PLAYGROUND).data === true)
    out.push('PALISADE_PLAYGROUND: the Agents Playground sends unsigned requests, which a bot with MicrosoftAppId refuses; leave it unset or false');
  return out;
}

export type Principal = { type: 'user' | 'group'; id: string } | { type: 'anyone' };

/** The sandbox's approvers: the "Palisade approvers" group of its Graph emulator (Alice, Bob and the Playground's users). */
export const SANDBOX_APPROVERS_GROUP = '0a990e55-0000-4000-8000-0000000a9905';

export interface Config {
  env: string;
  port: number;
  host: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  mode: 'sandbox' | 'azure';
  bot: {
    appId: string;
    appPassword: string;
    appType: 'SingleTenant' | 'UserAssignedMSI' | 'anonymous';
    tenantId: string;
    /** A message turn still running after this long answers proactively (Bot Service gives up at 10–15 s). */
    replyDeadlineMs: number;
    /** Where the channel publishes its signing keys, when not the public cloud's (BotOpenIdMetadata). */
    openIdMetadataUrl?: string;
  };
  azure: {
    subscriptionIds: string[];
    clusterFilter: string[];
    defaultCluster?: string;
    kubeconfig?: string;
    /** cluster name → kubeconfig context that overrides the ARM-derived access */
    kubeContexts: Record<string, string>;
    armEndpoint?: string;
    /** Entra authority for a sovereign cloud or the sandbox's emulated Entra (AZURE_AUTHORITY_HOST). */
    authorityHost?: string;
    /** A user-assigned managed identity (or the app registration the environment names): AZURE_CLIENT_ID. */
    clientId?: string;
    /** The Entra application of the AKS API server: the audience of Kubernetes tokens. */
    aksServerAppId: string;
  };
  policy: {
    operators: Principal[];
    approvers: Principal[];
    /** lower case */
    allowedTenants: string[];
    selfApproval: boolean;
    planTtlMinutes: number;
    /** A conversation (channel) whose members may approve any plan; otherwise a plan is decided where it was posted. */
    approversChannel?: string;
  };
  /**
   * Microsoft Graph for `group:<id>` roles: the public cloud's or a sovereign cloud's (the token scope follows it), and
   * how long a person's group membership is trusted before it is checked again.
   */
  graph: { endpoint: string; groupCacheMs: number };
  /** trustedProxies: CIDRs (a single address is a /32 or /128) */
  network: { egressIps: string[]; trustedProxies: string[]; publicUrl?: string };
  store: { kind: 'sqlite' | 'blob'; connectionString?: string; accountUrl?: string; container: string };
  sandbox: { clientIp: string; latencyMs: number; playground: boolean; playgroundPort: number };
  ops: { shutdownTimeoutMs: number; readyCacheMs: number; appInsightsConnectionString?: string };
  /** Clusters a digest's posture scan reads at once (each: 4 Kubernetes lists in flight). */
  digest: { scanConcurrency: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem reads as one line (what a container log shows first); several as a list
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function toPrincipal(p: string): Principal {
  if (p === '*') return { type: 'anyone' };
  const m = /^(user|group):(.*)$/i.exec(p);
  return { type: m ? (m[1].toLowerCase() as 'user' | 'group') : 'user', id: (m ? m[2] : p).toLowerCase() };
}

/**
 * The one place configuration is read; reports every bad field at once. An empty value (`X=` in an env file: docker
 * --env-file, a copied .env.example) means "not set"; a value of only spaces is a mistake and reported as such.
 */
export function loadConfig(rawEnv: Env): Config {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''));
  const blank = CONFIG_VARIABLES.filter((k) => env[k] !== undefined && env[k]!.trim() === '');
  const parsed = schema.safeParse(env);
  const problems = [
    ...blank.map((k) => `${k}: only spaces; leave it empty or give a value`),
    ...(parsed.success ? [] : parsed.error.issues.filter((i) => !blank.includes(String(i.path[0]))).map((i) => `${String(i.path[0] ?? '(env)')}: ${i.message}`)),
    ...crossFieldProblems(env),
  ].filter((p, i, all) => all.indexOf(p) === i);
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const mode = e.AZURE_SUBSCRIPTION_IDS.length > 0 ? 'azure' : 'sandbox';
  const appId = e.MicrosoftAppId ?? '';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    // The sandbox answers unsigned requests, so by default only this machine reaches it
    host: e.HOST ?? (mode === 'sandbox' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(e.PALISADE_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    mode,
    bot: {
      appId,
      appPassword: e.MicrosoftAppPassword,
      appType: appId ? e.MicrosoftAppType! : 'anonymous',
      tenantId: e.MicrosoftAppTenantId ?? '',
      openIdMetadataUrl: e.BotOpenIdMetadata,
      replyDeadlineMs: e.PALISADE_REPLY_DEADLINE_MS,
    },
    azure: {
      subscriptionIds: e.AZURE_SUBSCRIPTION_IDS.map((s) => s.toLowerCase()),
      clusterFilter: e.PALISADE_CLUSTERS,
      defaultCluster: e.PALISADE_DEFAULT_CLUSTER ?? (mode === 'sandbox' ? 'aks-workshop' : undefined),
      kubeconfig: e.PALISADE_KUBECONFIG,
      kubeContexts: Object.fromEntries(e.PALISADE_KUBE_CONTEXTS),
      armEndpoint: e.AZURE_RESOURCE_MANAGER_ENDPOINT,
      authorityHost: e.AZURE_AUTHORITY_HOST,
      clientId: e.AZURE_CLIENT_ID,
      aksServerAppId: e.PALISADE_AKS_SERVER_APP_ID,
    },
    policy: {
      operators: e.PALISADE_OPERATORS.length ? e.PALISADE_OPERATORS : [{ type: 'anyone' }],
      approvers: e.PALISADE_APPROVERS.length ? e.PALISADE_APPROVERS : mode === 'sandbox' ? [{ type: 'group', id: SANDBOX_APPROVERS_GROUP }] : [],
      allowedTenants: e.PALISADE_ALLOWED_TENANTS,
      selfApproval: e.PALISADE_SELF_APPROVAL ?? mode === 'sandbox',
      planTtlMinutes: e.PALISADE_PLAN_TTL_MINUTES,
      approversChannel: e.PALISADE_APPROVERS_CHANNEL,
    },
    graph: { endpoint: e.PALISADE_GRAPH_ENDPOINT, groupCacheMs: e.PALISADE_GROUP_CACHE_SECONDS * 1000 },
    // In the sandbox, Palisade and the user share this machine's simulated public IP
    network: {
      egressIps: e.PALISADE_EGRESS_IPS.length || mode !== 'sandbox' ? e.PALISADE_EGRESS_IPS : [e.PALISADE_SANDBOX_CLIENT_IP],
      trustedProxies: e.PALISADE_TRUSTED_PROXIES,
      publicUrl: e.PALISADE_PUBLIC_URL,
    },
    store: { kind: e.PALISADE_STORE, connectionString: e.AZURE_STORAGE_CONNECTION_STRING, accountUrl: e.AZURE_STORAGE_ACCOUNT_URL, container: e.PALISADE_BLOB_CONTAINER },
    sandbox: {
      clientIp: e.PALISADE_SANDBOX_CLIENT_IP,
      latencyMs: e.PALISADE_SANDBOX_LATENCY_MS,
      // The Playground sends unsigned requests: on by default only when the bot accepts them
      playground: e.PALISADE_PLAYGROUND ?? !appId,
      playgroundPort: e.PALISADE_PLAYGROUND_PORT,
    },
    ops: {
      shutdownTimeoutMs: e.PALISADE_SHUTDOWN_TIMEOUT_SECONDS * 1000,
      readyCacheMs: e.PALISADE_READY_CACHE_SECONDS * 1000,
      appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    },
    digest: { scanConcurrency: e.PALISADE_SCAN_CONCURRENCY },
  };
}
