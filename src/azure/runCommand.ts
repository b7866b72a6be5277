import { strToU8, zipSync } from 'fflate';
import type { ClusterRef } from '../domain.js';
import type { AzureClients } from './clients.js';
import { AzureError, azureCall } from './errors.js';

/** One AKS Run Command: a shell line run in a pod inside the cluster, with files in its working directory. */
export interface RunCommandRequest {
  command: string;
  /** File name → text; sent as Run Command's `context` (a base64 zip). */
  files?: Record<string, string>;
  /** An Entra token for the AKS server application: the command's kubectl runs as this identity. */
  clusterToken?: string;
  /** Poll interval of the long-running operation (undefined: the SDK's, from Retry-After). */
  pollMs?: number;
  abortSignal?: AbortSignal;
}

export interface RunCommandOutput {
  id?: string;
  exitCode: number;
  /** stdout and stderr together, as Run Command returns them. */
  logs: string;
}

/** Run Command's `context`: the files zipped and base64-encoded. */
export function contextZip(files: Record<string, string>): string {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])))).toString('base64');
}

/**
 * `az aks command invoke` through the SDK: POST runCommand, poll commandResults until done. A command whose pod never
 * ran (provisioningState `failed`, only a `reason`) is an AzureError `RunCommandFailed`.
 */
export async function runCommand(clients: AzureClients, ref: ClusterRef, req: RunCommandRequest): Promise<RunCommandOutput> {
  const aks = clients.containerService(ref.subscriptionId).managedClusters;
  const files = req.files && Object.keys(req.files).length ? contextZip(req.files) : undefined;
  const result = await azureCall(() =>
    aks.runCommand(ref.resourceGroup, ref.name, { command: req.command, context: files, clusterToken: req.clusterToken }, { updateIntervalInMs: req.pollMs, abortSignal: req.abortSignal }).pollUntilDone(),
  );
  if ((result.provisioningState ?? '').toLowerCase() !== 'succeeded')
    throw new AzureError({ code: 'RunCommandFailed', message: `AKS Run Command on ${ref.name} did not run (${result.provisioningState ?? 'no state'}${result.reason ? `: ${result.reason}` : ''}).` });
  return { id: result.id, exitCode: result.exitCode ?? 0, logs: result.logs ?? '' };
}
