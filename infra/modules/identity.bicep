// The user-assigned identity the function app runs as. User-assigned rather than system-assigned
// so that every role assignment exists before the app is created: the first start of a
// system-assigned app races role propagation (see infra/README.md, "Identity").

import { tagMap } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags tagMap

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id, for AZURE_CLIENT_ID and the `__clientId` settings.')
output clientId string = identity.properties.clientId

@description('Object id of the service principal, for role assignments.')
output principalId string = identity.properties.principalId
