// Palisade's user-assigned managed identity: the bot's app identity (UserAssignedMSI) and its Azure credential.

@description('Identity name.')
param name string

@description('Region.')
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
}

@description('Resource id (the container app and the Azure Bot reference it).')
output id string = identity.id

@description('Client id: MicrosoftAppId and AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId

@description('Object (principal) id: role assignments and the Kubernetes RBAC binding name it.')
output principalId string = identity.properties.principalId
