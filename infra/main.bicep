// Palisade on Azure: identity, storage, registry, monitoring, Container Apps, the Azure Bot (Teams) and the custom
// role. Deploy at subscription scope (see docs/deploy.md). Not compiled in CI (no Bicep compiler there):
// test/infra/deployment.test.ts checks paths, parameters, API versions and settings offline.
targetScope = 'subscription'

@description('Azure region for every regional resource (the Azure Bot itself is global).')
param location string = deployment().location

@description('Resource group that holds Palisade (created if missing).')
param resourceGroupName string = 'palisade'

@description('Prefix of every resource name: 3-10 lowercase letters or digits.')
@minLength(3)
@maxLength(10)
param namePrefix string = 'palisade'

@description('Container image to run. First deployment: keep the placeholder, push the real image to the registry this template creates, then update the app (docs/deploy.md).')
param image string = 'mcr.microsoft.com/k8se/quickstart:latest'

@description('Subscriptions whose AKS clusters Palisade manages: the custom role is assignable in all of them and assigned in each.')
param managedSubscriptionIds array = [
  subscription().subscriptionId
]

@description('Who may approve changes: comma-separated Entra object ids (user:<id>). Empty: nobody (every change stays pending).')
param approvers string = ''

@description('Who may request changes: comma-separated Entra object ids. Empty: everyone in the allowed tenants.')
param operators string = ''

@description('Teams tenants whose messages Palisade handles, comma-separated. Default: this tenant.')
param allowedTenants string = tenant().tenantId

@description('Palisade\'s own public egress IPs, comma-separated, for the lockout guard (Container Apps: the NAT gateway or environment outbound IPs).')
param egressIps string = ''

@description('Proxy addresses whose X-Forwarded-For the allowlist-my-IP link trusts, comma-separated.')
param trustedProxies string = ''

@description('Create Log Analytics + Application Insights and export Palisade\'s metrics and traces there.')
param enableMonitoring bool = true

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Most replicas Container Apps may run (several replicas share state through the Blob store).')
@minValue(1)
@maxValue(10)
param maxReplicas int = 2

var suffix = uniqueString(subscription().id, resourceGroupName, namePrefix)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'palisade-identity'
  params: {
    name: '${namePrefix}-id'
    location: location
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'palisade-storage'
  params: {
    name: take('${namePrefix}${suffix}', 24)
    location: location
    principalId: identity.outputs.principalId
  }
}

module registry 'modules/registry.bicep' = {
  scope: rg
  name: 'palisade-registry'
  params: {
    name: take('${namePrefix}${suffix}', 50)
    location: location
    principalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = if (enableMonitoring) {
  scope: rg
  name: 'palisade-monitoring'
  params: {
    namePrefix: namePrefix
    location: location
  }
}

module app 'modules/containerApp.bicep' = {
  scope: rg
  name: 'palisade-app'
  params: {
    namePrefix: namePrefix
    location: location
    image: image
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryServer: registry.outputs.loginServer
    blobEndpoint: storage.outputs.blobEndpoint
    subscriptionIds: join(managedSubscriptionIds, ',')
    approvers: approvers
    operators: operators
    allowedTenants: allowedTenants
    egressIps: egressIps
    trustedProxies: trustedProxies
    logAnalyticsWorkspaceName: enableMonitoring ? monitoring!.outputs.workspaceName : ''
    appInsightsConnectionString: enableMonitoring ? monitoring!.outputs.connectionString : ''
    maxReplicas: maxReplicas
  }
}

module bot 'modules/bot.bicep' = {
  scope: rg
  name: 'palisade-bot'
  params: {
    name: '${namePrefix}-${suffix}'
    sku: botSku
    endpoint: 'https://${app.outputs.fqdn}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
  }
}

module role 'modules/role.bicep' = {
  name: 'palisade-role'
  params: {
    assignableSubscriptionIds: managedSubscriptionIds
  }
}

module roleAssignments 'modules/roleAssignment.bicep' = [
  for subscriptionId in managedSubscriptionIds: {
    scope: subscription(subscriptionId)
    name: 'palisade-role-assignment'
    params: {
      roleDefinitionId: role.outputs.roleDefinitionId
      principalId: identity.outputs.principalId
    }
  }
]

@description('Palisade\'s public URL (the bot endpoint is <url>/api/messages).')
output url string = 'https://${app.outputs.fqdn}'

@description('Client id of Palisade\'s managed identity: the bot app id (MicrosoftAppId) and AZURE_CLIENT_ID.')
output identityClientId string = identity.outputs.clientId

@description('Object id of Palisade\'s managed identity: what the Kubernetes RBAC binding names.')
output identityPrincipalId string = identity.outputs.principalId

@description('Registry to push the image to.')
output registryServer string = registry.outputs.loginServer

@description('Container app name (for az containerapp update --image).')
output containerAppName string = app.outputs.name

@description('Resource group name.')
output resourceGroup string = rg.name
