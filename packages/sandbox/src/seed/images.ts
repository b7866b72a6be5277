/** Images the sandbox registries hold; the Kubernetes seed runs pods with these digests so findings match workloads. */

export const SUBSCRIPTION_WORKSHOP = '11111111-1111-4111-8111-111111111111';
export const SUBSCRIPTION_PRODUCTION = '22222222-2222-4222-8222-222222222222';

export interface SandboxImage {
  repository: string;
  tag: string;
  digest: string;
}

/** Same digests in both registries: the workshop imports the same builds into each. */
export const IMAGES: Record<'ratings-api:v1' | 'ratings-web:v1', SandboxImage> = {
  'ratings-api:v1': {
    repository: 'ratings-api',
    tag: 'v1',
    digest: 'sha256:87744a04668cd7f066c8ad946c53fff109920e6f53d467f6cd4e9fefa80a0017',
  },
  'ratings-web:v1': {
    repository: 'ratings-web',
    tag: 'v1',
    digest: 'sha256:c1092b6d79b8c88fc8cd9df1f8e06ac9f1b4ed1c768b51b3d643048e90388297',
  },
};

export interface SandboxRegistry {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  host: string;
  id: string;
  location: string;
}

function registry(subscriptionId: string, resourceGroup: string, name: string, location: string): SandboxRegistry {
  return {
    subscriptionId,
    resourceGroup,
    name,
    location,
    host: `${name}.azurecr.io`,
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${name}`,
  };
}

export const REGISTRIES = {
  workshop: registry(SUBSCRIPTION_WORKSHOP, 'aksworkshop', 'acr5398', 'eastus'),
  production: registry(SUBSCRIPTION_PRODUCTION, 'prod-rg', 'acrprod', 'westeurope'),
} as const;

/** `acrprod.azurecr.io/ratings-web:v1@sha256:…`, the reference a pod spec uses. */
export function imageReference(registryHost: string, image: SandboxImage, withDigest = true): string {
  return `${registryHost}/${image.repository}:${image.tag}${withDigest ? `@${image.digest}` : ''}`;
}
