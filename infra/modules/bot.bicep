// The Azure Bot registration: Palisade's managed identity as its app (UserAssignedMSI), the Teams channel.

@description('Bot resource name (globally unique).')
param name string

@description('F0 or S1.')
param sku string

@description('Messaging endpoint: https://<app>/api/messages.')
param endpoint string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name shown in Teams.')
param displayName string = 'Palisade'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Bot resource name.')
output name string = bot.name
