import path from 'node:path';
import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? dflt : ['true', '1', 'yes'].includes(v)));
const int = (dflt: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().transform((v) => v ?? dflt);
const ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, 'must be an IPv4 address');

/** Principals are `<objectId>` or `user:<objectId>`, `group:<objectId>` (an Entra group, members checked in Microsoft Graph), or `*`. */
const principals = csv.pipe(
  z.array(z.string().regex(/^((user|group):)?[0-9a-fA-F-]{8,}$|^\*$/, 'must be an Entra object id, user:<id>, group:<id> or *')),
);

const schema = z
  .object({
    NODE_ENV: z.string().optional().default('development'),
    PORT: int(3978, 0, 65535),
    HOST: z.string().optional().default('0.0.0.0'),
    PALISADE_DATA_DIR: z.string().optional().default('./.palisade'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),

    MicrosoftAppId: z.string().optional().default(''),
    MicrosoftAppPassword: z.string().optional().default(''),
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', '']).optional().default(''),
    MicrosoftAppTenantId: z.string().optional().default(''),

    AZURE_SUBSCRIPTION_IDS: csv,
    PALISADE_CLUSTERS: csv,
    PALISADE_DEFAULT_CLUSTER: z.string().optional(),
    PALISADE_KUBECONFIG: z.string().optional(),
    PALISADE_KUBE_CONTEXTS: csv,
    AZURE_RESOURCE_MANAGER_ENDPOINT: z.string().url().optional(),
    AZURE_AUTHORITY_HOST: z.string().url().startsWith('https://', 'must be an https:// URL').optional(),
    AZURE_CLIENT_ID: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a client (application) id, a GUID').optional(),
    AZURE_TENANT_ID: z.string().regex(/^[0-9a-zA-Z.-]+$/, 'must be a tenant id (GUID) or domain').optional(),
    PALISADE_AKS_SERVER_APP_ID: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID').optional().default('6dae42f8-4368-4678-94ff-3960e28e3630'),

    PALISADE_OPERATORS: principals,
    PALISADE_APPROVERS: principals,
    PALISADE_ALLOWED_TENANTS: csv,
    PALISADE_SELF_APPROVAL: z.enum(['true', 'false', '1', '0', '']).optional(),
    PALISADE_PLAN_TTL_MINUTES: int(60, 1, 7 * 24 * 60),
    PALISADE_GRAPH_ENDPOINT: z.string().url().startsWith('https://', 'must be an https:// URL').optional().default('https://graph.microsoft.com'),
    PALISADE_GROUP_CACHE_SECONDS: int(300, 0, 3600),

    PALISADE_EGRESS_IPS: csv.pipe(z.array(ipv4)),
    PALISADE_TRUSTED_PROXIES: csv,
    PALISADE_PUBLIC_URL: z.string().url().optional(),

    PALISADE_STORE: z.enum(['sqlite', 'blob']).optional().default('sqlite'),
    AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
    AZURE_STORAGE_ACCOUNT_URL: z.string().url().startsWith('https://', 'must be an https:// URL (tokens are never sent over http)').optional(),
    PALISADE_BLOB_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).optional().default('palisade'),

    PALISADE_SANDBOX_CLIENT_IP: ipv4.optional().default('203.0.113.7'),
    PALISADE_SANDBOX_LATENCY_MS: int(0, 0, 10_000),
    PALISADE_PLAYGROUND: bool(true),
    PALISADE_PLAYGROUND_PORT: int(56150, 1, 65535),

    PALISADE_SHUTDOWN_TIMEOUT_SECONDS: int(25, 1, 600),
    PALISADE_READY_CACHE_SECONDS: int(30, 0, 3600),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().regex(/(^|;)\s*(InstrumentationKey|ConnectionString)=/i, 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional(),
  });

/** Rules across fields, checked on the raw values so they are reported even when other fields are invalid. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  if (env.PALISADE_STORE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING && !env.AZURE_STORAGE_ACCOUNT_URL)
    out.push('AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING: one is required when PALISADE_STORE=blob (the account URL signs in with the Azure identity, no keys)');
  if (env.AZURE_STORAGE_CONNECTION_STRING && env.AZURE_STORAGE_ACCOUNT_URL)
    out.push('AZURE_STORAGE_ACCOUNT_URL: set it or AZURE_STORAGE_CONNECTION_STRING, not both');
  if (env.NODE_ENV === 'production' && !env.AZURE_SUBSCRIPTION_IDS?.trim())
    out.push('AZURE_SUBSCRIPTION_IDS: required in production: without it Palisade would run its sandbox (fake clusters, anyone approves)');
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId)
    out.push('MicrosoftAppId: required in production: without an app id the Bot Framework SDK accepts unsigned requests');
  if (env.MicrosoftAppId && !env.MicrosoftAppType) out.push('MicrosoftAppType: set SingleTenant or UserAssignedMSI');
  if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppPassword) out.push('MicrosoftAppPassword: required for SingleTenant');
  if (env.MicrosoftAppId && !env.MicrosoftAppTenantId) out.push('MicrosoftAppTenantId: required with an app id');
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
  logLevel: string;
  mode: 'sandbox' | 'azure';
  bot: { appId: string; appPassword: string; appType: 'SingleTenant' | 'UserAssignedMSI' | 'anonymous'; tenantId: string };
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
    allowedTenants: string[];
    selfApproval: boolean;
    planTtlMinutes: number;
  };
  /**
   * Microsoft Graph for `group:<id>` roles: the public cloud's or a sovereign cloud's (the token scope follows it), and
   * how long a person's group membership is trusted before it is checked again.
   */
  graph: { endpoint: string; groupCacheMs: number };
  network: { egressIps: string[]; trustedProxies: string[]; publicUrl?: string };
  store: { kind: 'sqlite' | 'blob'; connectionString?: string; accountUrl?: string; container: string };
  sandbox: { clientIp: string; latencyMs: number; playground: boolean; playgroundPort: number };
  ops: { shutdownTimeoutMs: number; readyCacheMs: number; appInsightsConnectionString?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem reads as one line (what a container log shows first); several as a list
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function toPrincipal(p: string): Principal {
  if (p === '*') return { type: 'anyone' };
  const [type, id] = p.includes(':') ? (p.split(':', 2) as ['user' | 'group', string]) : (['user', p] as const);
  return { type, id: id.toLowerCase() };
}

/** The one place configuration is read; reports every bad field at once. */
export function loadConfig(rawEnv: Record<string, string | undefined>): Config {
  // `X=` in an env file (docker --env-file, node --env-file, a copied .env.example) means "not set"
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const mode = e.AZURE_SUBSCRIPTION_IDS.length > 0 ? 'azure' : 'sandbox';
  const contexts = Object.fromEntries(
    e.PALISADE_KUBE_CONTEXTS.map((pair) => pair.split('=', 2) as [string, string]).filter(([k, v]) => k && v),
  );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.PALISADE_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    mode,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppId ? (e.MicrosoftAppType as 'SingleTenant' | 'UserAssignedMSI') : 'anonymous',
      tenantId: e.MicrosoftAppTenantId,
    },
    azure: {
      subscriptionIds: e.AZURE_SUBSCRIPTION_IDS,
      clusterFilter: e.PALISADE_CLUSTERS,
      defaultCluster: e.PALISADE_DEFAULT_CLUSTER ?? (mode === 'sandbox' ? 'aks-workshop' : undefined),
      kubeconfig: e.PALISADE_KUBECONFIG,
      kubeContexts: contexts,
      armEndpoint: e.AZURE_RESOURCE_MANAGER_ENDPOINT,
      authorityHost: e.AZURE_AUTHORITY_HOST,
      clientId: e.AZURE_CLIENT_ID,
      aksServerAppId: e.PALISADE_AKS_SERVER_APP_ID,
    },
    policy: {
      operators: e.PALISADE_OPERATORS.length ? e.PALISADE_OPERATORS.map(toPrincipal) : [{ type: 'anyone' }],
      approvers: e.PALISADE_APPROVERS.length ? e.PALISADE_APPROVERS.map(toPrincipal) : mode === 'sandbox' ? [{ type: 'group', id: SANDBOX_APPROVERS_GROUP }] : [],
      allowedTenants: e.PALISADE_ALLOWED_TENANTS,
      selfApproval: e.PALISADE_SELF_APPROVAL ? ['true', '1'].includes(e.PALISADE_SELF_APPROVAL) : mode === 'sandbox',
      planTtlMinutes: e.PALISADE_PLAN_TTL_MINUTES,
    },
    graph: { endpoint: e.PALISADE_GRAPH_ENDPOINT.replace(/\/$/, ''), groupCacheMs: e.PALISADE_GROUP_CACHE_SECONDS * 1000 },
    // In the sandbox, Palisade and the user share this machine's simulated public IP
    network: { egressIps: e.PALISADE_EGRESS_IPS.length || mode !== 'sandbox' ? e.PALISADE_EGRESS_IPS : [e.PALISADE_SANDBOX_CLIENT_IP], trustedProxies: e.PALISADE_TRUSTED_PROXIES, publicUrl: e.PALISADE_PUBLIC_URL },
    store: { kind: e.PALISADE_STORE, connectionString: e.AZURE_STORAGE_CONNECTION_STRING, accountUrl: e.AZURE_STORAGE_ACCOUNT_URL, container: e.PALISADE_BLOB_CONTAINER },
    sandbox: {
      clientIp: e.PALISADE_SANDBOX_CLIENT_IP,
      latencyMs: e.PALISADE_SANDBOX_LATENCY_MS,
      playground: e.PALISADE_PLAYGROUND,
      playgroundPort: e.PALISADE_PLAYGROUND_PORT,
    },
    ops: {
      shutdownTimeoutMs: e.PALISADE_SHUTDOWN_TIMEOUT_SECONDS * 1000,
      readyCacheMs: e.PALISADE_READY_CACHE_SECONDS * 1000,
      appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    },
  };
}
