// The custom role: exactly the actions infra/palisade-role.json lists (the file the sandbox's ARM emulator enforces).
targetScope = 'subscription'

@description('Subscriptions the role may be assigned in (a custom role name is unique per tenant: one definition for all).')
param assignableSubscriptionIds array

var role = loadJsonContent('../palisade-role.json')

resource definition 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(tenant().tenantId, role.roleName)
  properties: {
    roleName: role.roleName
    description: role.description
    type: 'CustomRole'
    permissions: role.permissions
    assignableScopes: [for id in assignableSubscriptionIds: '/subscriptions/${id}']
  }
}

@description('Role definition resource id.')
output roleDefinitionId string = definition.id
