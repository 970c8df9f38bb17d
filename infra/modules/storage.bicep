// One storage account for the Functions host (blobs: leases, checkpoints, the deployment
// package) and for oomwatch's tables. Shared keys are off: every caller uses Entra ID.

import { tagMap } from 'types.bicep'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Blob container the Flex Consumption app deploys its package from.')
param deploymentContainerName string

@description('Tables oomwatch reads and writes; created here so no caller needs to create them.')
param tableNames string[]

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags tagMap

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

@description('Name of the account.')
output name string = account.name

@description('Blob endpoint, https://<account>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Table endpoint without the trailing slash, for OOMWATCH_TABLE_ENDPOINT.')
output tableEndpoint string = replace(account.properties.primaryEndpoints.table, '.net/', '.net')

@description('Name of the deployment container.')
output deploymentContainerName string = deploymentContainer.name
