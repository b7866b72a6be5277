import { UserError } from '../errors.js';
import { KubeError, KubeForbidden, KubeNoRoute, KubeUnreachable } from '../kube/errors.js';
import { within } from '../text/distance.js';
import { quoted } from '../text/markdown.js';

/** Runs Kubernetes reads; unreachable or forbidden become a UserError that says what to do (`access`: what Palisade needs). */
export async function readKube<T>(cluster: string, access: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw kubeFailure(cluster, access, e);
  }
}

/** A Kubernetes failure in plain words where there are some (unreachable, forbidden, still failing after retries); anything else as it is. */
export function kubeFailure(cluster: string, access: string, e: unknown): unknown {
  if (e instanceof KubeNoRoute)
    return new UserError(
      `I can't reach the Kubernetes API of ${cluster}, neither directly (${e.direct}) nor through AKS Run Command (${e.runCommand}).`,
      `Palisade's Azure role needs Microsoft.ContainerService/managedClusters/runCommand/action and commandResults/read, and Run Command must be enabled on the cluster (\`az aks update --enable-run-command\`); or allow Palisade's address with \`ip ranges on ${cluster}\`.`,
    );
  if (e instanceof KubeUnreachable)
    return new UserError(`I can't reach the Kubernetes API of ${cluster} (${e.message}).`, `Check \`ip ranges on ${cluster}\`: Palisade's address must be allowed.`);
  if (e instanceof KubeForbidden) return new UserError(`The Kubernetes API of ${cluster} refused Palisade: ${e.message}.`, `Give Palisade ${access}.`);
  // still busy or failing after the wrapper's retries (429, 5xx): say so rather than "internal error"
  if (e instanceof KubeError && e.constructor === KubeError && e.status !== undefined && (e.status === 429 || e.status >= 500))
    return new UserError(`The Kubernetes API of ${cluster} kept answering ${e.status} (${e.message}).`, 'Try again in a few minutes.');
  return e;
}

/** A namespace that is not there, with the near names (typos) and the next step. */
export function unknownNamespace(ns: string, cluster: string, known: string[], nextStep: string): UserError {
  const near = within(ns, known, 2);
  return new UserError(`There is no namespace ${quoted(ns)} on ${cluster}.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`, nextStep);
}
