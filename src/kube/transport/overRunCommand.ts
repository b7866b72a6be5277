import type { AzureClients } from '../../azure/clients.js';
import { AzureCredentialError, AzureError } from '../../azure/errors.js';
import { runCommand } from '../../azure/runCommand.js';
import type { ClusterRef } from '../../domain.js';
import { KubeUnreachable } from '../errors.js';
import type { RunKubectl } from './runCommand.js';

/**
 * kubectl lines sent through AKS Run Command as Palisade itself: the command carries Palisade's Entra token for the
 * AKS server app (`clusterToken`), so inside the cluster it holds exactly Palisade's Kubernetes RBAC, never the
 * cluster admin's. Azure refusing or failing the command is KubeUnreachable (this way in is closed too).
 */
export function kubectlOverRunCommand(opts: { azure: AzureClients; cluster: ClusterRef; token: () => Promise<string>; timeoutMs: number; runCommandPollMs?: number }): RunKubectl {
  return async (command, files) => {
    const clusterToken = await opts.token();
    try {
      return await runCommand(opts.azure, opts.cluster, { command, files, clusterToken, pollMs: opts.runCommandPollMs, abortSignal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (e) {
      if (e instanceof AzureCredentialError) throw e;
      if (e instanceof AzureError) throw new KubeUnreachable(`${e.message} (${e.code}${e.requestId ? `, request ${e.requestId}` : ''})`);
      if ((e as Error)?.name === 'AbortError' || (e as Error)?.name === 'TimeoutError') throw new KubeUnreachable(`the command did not finish within ${Math.round(opts.timeoutMs / 1000)} s`);
      throw e;
    }
  };
}
