// A private registry for Palisade's image; the managed identity pulls from it (no admin user, no passwords).

@description('Registry name (5-50 letters and digits).')
param name string

@description('Region.')
param location string

@description('Object id of Palisade\'s identity (gets AcrPull).')
param principalId string

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, principalId, acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Login server, e.g. palisadexyz.azurecr.io.')
output loginServer string = registry.properties.loginServer
