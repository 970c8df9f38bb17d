// Event Hubs namespace (Standard: Kafka endpoint, 20 consumer groups), the hub node forwarders
// write to, the function's consumer group, and the hub-scoped Send-only rule for forwarders.
// The Send rule is the only shared key in oomwatch; nothing here outputs it.

import { tagMap } from 'types.bicep'

@description('Name of the Event Hubs namespace.')
param namespaceName string

@description('Name of the hub (the Kafka topic for forwarders).')
param hubName string

@description('Consumer group reserved for the ingest function.')
param consumerGroupName string

@description('Name of the Send-only authorization rule that forwarders use.')
param sendRuleName string

@description('Partitions of the hub. Standard tier cannot change this after creation.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('Days the hub keeps events (Standard allows 1 to 7).')
@minValue(1)
@maxValue(7)
param retentionInDays int

@description('Throughput units (1 TU = 1 MB/s or 1,000 events/s in).')
@minValue(1)
@maxValue(40)
param capacity int

@description('Azure region.')
param location string

@description('Tags applied to the namespace.')
param tags tagMap

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    kafkaEnabled: true
    // Fluent Bit's librdkafka cannot fetch Entra tokens on AKS nodes, so forwarders authenticate
    // with the hub-scoped Send rule below; everything else (the function, `oomwatch send`) uses
    // Entra ID. SAS must therefore stay enabled on the namespace.
    disableLocalAuth: false
    minimumTlsVersion: '1.2'
    isAutoInflateEnabled: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'oomwatch ingest function'
  }
}

resource sendRule 'Microsoft.EventHub/namespaces/eventhubs/authorizationRules@2024-01-01' = {
  parent: hub
  name: sendRuleName
  properties: {
    rights: ['Send']
  }
}

@description('Name of the namespace.')
output namespaceName string = namespace.name

// serviceBusEndpoint is 'https://<ns>.servicebus.windows.net:443/' (the suffix differs in
// sovereign clouds), so the host name is taken from it rather than assembled.
var namespaceFqdn = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Host name of the namespace (<ns>.servicebus.windows.net).')
output namespaceFqdn string = namespaceFqdn

@description('Name of the hub.')
output hubName string = hub.name

@description('Name of the function\'s consumer group.')
output consumerGroupName string = consumerGroup.name

@description('Name of the Send-only rule; fetch its connection string with the Azure CLI.')
output sendRuleName string = sendRule.name
