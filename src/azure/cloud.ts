/** Azure Resource Manager of the public cloud: what Palisade talks to unless AZURE_RESOURCE_MANAGER_ENDPOINT says otherwise. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

/** The ARM token scope for an endpoint: its origin + `/.default` (sovereign clouds and Azure Stack issue tokens for their own ARM). */
export function armScope(endpoint: string = PUBLIC_ARM_ENDPOINT): string {
  return `${new URL(endpoint).origin}/.default`;
}

/** The token scope of the AKS API server's Entra application (the same application id in every cloud). */
export function aksScope(serverAppId: string): string {
  return `${serverAppId}/.default`;
}
