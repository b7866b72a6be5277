import type { TokenCredential } from '@azure/core-auth';
import type { ClusterInfo } from '../domain.js';
import type { Logger } from '../log.js';
import { credentialProblem } from '../azure/errors.js';
import { whoAmI, type TokenIdentity } from './identity.js';

export interface StartupReport {
  identity?: TokenIdentity;
  subscriptions: string[];
  clusters?: number;
  problem?: string;
}

/**
 * Logs once, after start, who Palisade runs as (token claims), which subscriptions it was given and how many clusters
 * it sees, or why it cannot: the first thing to read when commands fail after a deployment.
 */
export async function reportStartup(opts: {
  credential: TokenCredential;
  scope: string;
  subscriptions: string[];
  listClusters: () => Promise<ClusterInfo[]>;
  log: Logger;
}): Promise<StartupReport> {
  const report: StartupReport = { subscriptions: opts.subscriptions };
  try {
    report.identity = await whoAmI(opts.credential, opts.scope);
    report.clusters = (await opts.listClusters()).length;
    opts.log.info({ identity: report.identity, subscriptions: report.subscriptions, clusters: report.clusters }, 'Azure access checked');
  } catch (err) {
    const cred = credentialProblem(err);
    report.problem = cred ? `${cred.message} ${cred.nextStep ?? ''}`.trim() : err instanceof Error ? err.message : String(err);
    opts.log.warn({ identity: report.identity, subscriptions: report.subscriptions, problem: report.problem, ...(cred ? {} : { err }) }, 'Azure access check failed: commands will fail until this is fixed');
  }
  return report;
}
