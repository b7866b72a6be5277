import type { KubeRoute } from '../kube/transport/resources.js';
import { routeText } from '../kube/transport/route.js';

/** What a plan card says about how Kubernetes was reached, when not directly: the path and why. */
export function reachedVia(route: KubeRoute): string | undefined {
  const via = routeText(route);
  if (!via) return undefined;
  return `${via[0].toUpperCase()}${via.slice(1)}: the API server does not accept Palisade's connection${route.directProblem ? ` (${route.directProblem})` : ''}, so kubectl ran inside the cluster as Palisade.`;
}
