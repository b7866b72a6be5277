// Palisade's identity gets the custom role in one subscription.
targetScope = 'subscription'

@description('Role definition resource id.')
param roleDefinitionId string

@description('Object id of Palisade\'s identity.')
param principalId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
