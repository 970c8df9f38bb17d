// oomwatch in one subscription deployment: a resource group and everything in it.
//   az deployment sub create --location <region> --template-file infra/main.bicep \
//     --parameters infra/main.bicepparam
// or `azd up` (azure.yaml at the repository root). See infra/README.md.

targetScope = 'subscription'

import { recipientMap, tagMap } from 'modules/types.bicep'

@description('Short name of this deployment (azd environment name); names the resource group.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region for every regional resource.')
param location string

@description('Partitions of the hub; fixed after creation on the Standard tier.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Days the hub keeps events, so ingest can catch up after an outage (1-7).')
@minValue(1)
@maxValue(7)
param eventHubRetentionInDays int = 1

@description('Event Hubs throughput units; one is plenty for hundreds of nodes (infra/README.md).')
@minValue(1)
@maxValue(40)
param eventHubCapacity int = 1

@description('Cluster name used when a message names none.')
param defaultCluster string = 'default'

@description('Cluster → digest recipients, e.g. {"prod-weu": ["sre@example.com"]}; {} sends none.')
param digestRecipients recipientMap = {}

@description('Six-field NCRONTAB schedule of the digest, in UTC.')
param digestSchedule string = '0 0 7 * * *'

@description('Where Communication Services keeps data at rest.')
param emailDataLocation string = 'United States'

@description('Object id to grant Event Hubs send and table read access; empty for none.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Most instances the function app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per function instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags tagMap = { 'azd-env-name': environmentName, application: 'oomwatch' }

var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-oomwatch-${resourceToken}'
  workspace: 'log-oomwatch-${resourceToken}'
  appInsights: 'appi-oomwatch-${resourceToken}'
  eventHubNamespace: 'evhns-oomwatch-${resourceToken}'
  eventHub: 'node-logs'
  consumerGroup: 'oomwatch-ingest'
  sendRule: 'forwarder-send'
  storage: 'stoomw${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  plan: 'plan-oomwatch-${resourceToken}'
  functionApp: 'func-oomwatch-${resourceToken}'
  communicationService: 'acs-oomwatch-${resourceToken}'
  emailService: 'email-oomwatch-${resourceToken}'
}

// The tables shared/storage reads and writes: events, their query indexes, pod names, dead
// letters, pending multi-line reports, summaries, digest log and memory-pressure records.
var tableNames = [
  'oomevents'
  'oomeventsbynode'
  'oomeventsbypod'
  'oomeventsbyns'
  'oomeventsbytime'
  'oomclusters'
  'oompodnames'
  'oomdeadletters'
  'oompending'
  'oomsummaries'
  'oomdigests'
  'oompressure'
]

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  scope: rg
  params: {
    namespaceName: names.eventHubNamespace
    hubName: names.eventHub
    consumerGroupName: names.consumerGroup
    sendRuleName: names.sendRule
    partitionCount: eventHubPartitionCount
    retentionInDays: eventHubRetentionInDays
    capacity: eventHubCapacity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: names.storage
    deploymentContainerName: names.deploymentContainer
    tableNames: tableNames
    location: location
    tags: tags
  }
}

module email 'modules/email.bicep' = {
  scope: rg
  params: {
    communicationServiceName: names.communicationService
    emailServiceName: names.emailService
    dataLocation: emailDataLocation
    tags: tags
  }
}

// Names, not module outputs, are passed to modules that use them as resource names, so that
// `what-if` can resolve every resource; dependsOn keeps the order instead.
module rbac 'modules/rbac.bicep' = {
  scope: rg
  dependsOn: [identity, eventHubs, storage, monitoring, email]
  params: {
    appIdentityName: names.identity
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    eventHubNamespaceName: names.eventHubNamespace
    eventHubName: names.eventHub
    storageAccountName: names.storage
    appInsightsName: names.appInsights
    communicationServiceName: names.communicationService
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  // Roles first, so the app's first start already has them.
  dependsOn: [rbac, monitoring]
  params: {
    planName: names.plan
    appName: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    eventHubNamespaceFqdn: eventHubs.outputs.namespaceFqdn
    eventHubName: eventHubs.outputs.hubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    appInsightsName: names.appInsights
    emailEndpoint: email.outputs.endpoint
    emailSender: email.outputs.senderAddress
    digestRecipients: digestRecipients
    digestSchedule: digestSchedule
    defaultCluster: defaultCluster
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// Upper-case names become azd environment values. None of these is a key: the forwarder's
// connection string is fetched separately (infra/README.md, "Forwarder").

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app.')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the HTTP API.')
output FUNCTION_APP_URL string = functionApp.outputs.url

@description('Event Hubs namespace host name, for `oomwatch send --namespace`.')
output EVENTHUB_NAMESPACE_FQDN string = eventHubs.outputs.namespaceFqdn

@description('Name of the Event Hubs namespace.')
output EVENTHUB_NAMESPACE_NAME string = eventHubs.outputs.namespaceName

@description('Hub name: `oomwatch send --hub` and the forwarder\'s Kafka topic.')
output EVENTHUB_NAME string = eventHubs.outputs.hubName

@description('Kafka bootstrap server for forwarders.')
output KAFKA_ENDPOINT string = '${eventHubs.outputs.namespaceFqdn}:9093'

@description('The hub\'s Send-only rule; its connection string goes into the forwarder Secret.')
output FORWARDER_SEND_RULE_NAME string = eventHubs.outputs.sendRuleName

@description('Sender address digests come from.')
output EMAIL_SENDER string = email.outputs.senderAddress
