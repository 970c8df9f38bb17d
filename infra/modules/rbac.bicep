// Data-plane role assignments, each at the narrowest scope that works for its caller.
// The function app's identity gets exactly what the host and oomwatch use; an optional
// operator (the person deploying) gets what `oomwatch send` and read-only table queries need.

import { builtInRoles } from 'roles.bicep'

@description('Name of the user-assigned identity the function app runs as.')
param appIdentityName string

@description('Object id of an operator to grant send and read access, or empty for none.')
param operatorPrincipalId string

@description('Principal type of the operator: User, Group or ServicePrincipal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string

@description('Name of the Event Hubs namespace.')
param eventHubNamespaceName string

@description('Name of the hub.')
param eventHubName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Name of the Communication Services resource.')
param communicationServiceName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubNamespaceName
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' existing = {
  parent: namespace
  name: eventHubName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-09-01' existing = {
  name: communicationServiceName
}

var hasOperator = !empty(operatorPrincipalId)

// Assignment names hash the identity's resource id (known before deployment) rather than its
// principal id (known only after), so `what-if` can show every assignment in advance.
var appPrincipalId = appIdentity.properties.principalId

// The trigger reads one hub; a hub-scoped assignment covers its consumer groups.
resource appReceivesEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, appIdentity.id, builtInRoles.eventHubsDataReceiver.id)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.eventHubsDataReceiver.id
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Account scope: the host creates its own containers (azure-webjobs-hosts, checkpoints) at
// start-up, which a container-scoped assignment cannot allow, and reads the deployment package.
resource appOwnsBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, builtInRoles.storageBlobDataOwner.id)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.storageBlobDataOwner.id
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Account scope: twelve tables would need twelve assignments and a new table would silently fail
// until someone added one; the host's own diagnostic tables live in the same account too.
resource appWritesTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, builtInRoles.storageTableDataContributor.id)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.storageTableDataContributor.id
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Needed because the component has local (instrumentation key) auth disabled.
resource appPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appIdentity.id, builtInRoles.monitoringMetricsPublisher.id)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.monitoringMetricsPublisher.id
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// No narrower built-in role lets an Entra identity send e-mail through ACS: sending is authorized
// by Microsoft.Communication/CommunicationServices/Write. Scoped to this one resource, which
// holds nothing but the e-mail link; a custom role with CommunicationServices/Read+Write and
// EmailServices/Write is the tighter alternative (see infra/README.md).
resource appSendsEmail 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(
    communicationService.id,
    appIdentity.id,
    builtInRoles.communicationAndEmailServiceOwner.id
  )
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.communicationAndEmailServiceOwner.id
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The operator can replay logs into the hub (`oomwatch send`) ...
resource operatorSendsEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasOperator) {
  name: guid(hub.id, operatorPrincipalId, builtInRoles.eventHubsDataSender.id)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.eventHubsDataSender.id
    )
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

// ... and read the tables (Storage Explorer, `az storage entity query --auth-mode login`).
resource operatorReadsTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasOperator) {
  name: guid(storage.id, operatorPrincipalId, builtInRoles.storageTableDataReader.id)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.storageTableDataReader.id
    )
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}
