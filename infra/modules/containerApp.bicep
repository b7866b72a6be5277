// Azure Container Apps: the environment and Palisade's app (external HTTPS ingress, managed identity, probes).

@description('Prefix of the resource names.')
param namePrefix string

@description('Region.')
param location string

@description('Container image.')
param image string

@description('Resource id of Palisade\'s user-assigned identity.')
param identityId string

@description('Client id of that identity (bot app id and AZURE_CLIENT_ID).')
param identityClientId string

@description('Registry the identity pulls the image from.')
param registryServer string

@description('Blob endpoint of the state storage account (AZURE_STORAGE_ACCOUNT_URL).')
param blobEndpoint string

@description('AZURE_SUBSCRIPTION_IDS, comma-separated.')
param subscriptionIds string

@description('PALISADE_APPROVERS.')
param approvers string

@description('PALISADE_OPERATORS.')
param operators string

@description('PALISADE_ALLOWED_TENANTS.')
param allowedTenants string

@description('PALISADE_EGRESS_IPS.')
param egressIps string

@description('PALISADE_TRUSTED_PROXIES.')
param trustedProxies string

@description('Log Analytics workspace for container logs; empty: none.')
param logAnalyticsWorkspaceName string

@description('APPLICATIONINSIGHTS_CONNECTION_STRING; empty: telemetry off.')
@secure()
param appInsightsConnectionString string

@description('Most replicas.')
param maxReplicas int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = if (!empty(logAnalyticsWorkspaceName)) {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: empty(logAnalyticsWorkspaceName)
      ? null
      : {
          destination: 'log-analytics'
          logAnalyticsConfiguration: {
            customerId: workspace!.properties.customerId
            sharedKey: workspace!.listKeys().primarySharedKey
          }
        }
  }
}

var appName = '${namePrefix}-app'
var publicUrl = 'https://${appName}.${environment.properties.defaultDomain}'
var telemetry = empty(appInsightsConnectionString) ? [] : [
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    secretRef: 'appinsights-connection-string'
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3978
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: empty(appInsightsConnectionString) ? [] : [
        {
          name: 'appinsights-connection-string'
          value: appInsightsConnectionString
        }
      ]
    }
    template: {
      // Several replicas only with the Blob store, which this template always uses
      scale: {
        minReplicas: 1
        maxReplicas: maxReplicas
      }
      containers: [
        {
          name: 'palisade'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([
            { name: 'NODE_ENV', value: 'production' }
            { name: 'PORT', value: '3978' }
            { name: 'AZURE_SUBSCRIPTION_IDS', value: subscriptionIds }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'MicrosoftAppId', value: identityClientId }
            { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
            { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
            { name: 'PALISADE_STORE', value: 'blob' }
            { name: 'AZURE_STORAGE_ACCOUNT_URL', value: blobEndpoint }
            { name: 'PALISADE_BLOB_CONTAINER', value: 'palisade' }
            { name: 'PALISADE_PUBLIC_URL', value: publicUrl }
            { name: 'PALISADE_APPROVERS', value: approvers }
            { name: 'PALISADE_OPERATORS', value: operators }
            { name: 'PALISADE_ALLOWED_TENANTS', value: allowedTenants }
            { name: 'PALISADE_EGRESS_IPS', value: egressIps }
            { name: 'PALISADE_TRUSTED_PROXIES', value: trustedProxies }
          ], telemetry)
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 3978
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 3978
              }
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: 3978
              }
              periodSeconds: 5
              failureThreshold: 24
            }
          ]
        }
      ]
    }
  }
}

@description('Public host name of the app.')
output fqdn string = app.properties.configuration.ingress.fqdn

@description('Container app name.')
output name string = app.name
