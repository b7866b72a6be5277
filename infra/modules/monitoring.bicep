// Optional: Log Analytics (container logs) and Application Insights (Palisade's OpenTelemetry metrics and traces).

@description('Prefix of the resource names.')
param namePrefix string

@description('Region.')
param location string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

@description('Workspace name (the Container Apps environment sends logs there).')
output workspaceName string = workspace.name

@description('APPLICATIONINSIGHTS_CONNECTION_STRING.')
output connectionString string = insights.properties.ConnectionString
