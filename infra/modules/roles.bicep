// Built-in Azure role definition ids used by oomwatch, in one place. Ids are the same in every
// tenant; names and ids are from Microsoft's "Azure built-in roles" reference.
// test/infra/roles.test.ts checks this table against its own copy of that reference.

@export()
@description('Built-in roles oomwatch assigns, keyed by a short name.')
var builtInRoles = {
  eventHubsDataReceiver: {
    name: 'Azure Event Hubs Data Receiver'
    id: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  }
  eventHubsDataSender: {
    name: 'Azure Event Hubs Data Sender'
    id: '2b629674-e913-4c01-ae53-ef4638d8f975'
  }
  storageBlobDataOwner: {
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  storageTableDataContributor: {
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
  storageTableDataReader: {
    name: 'Storage Table Data Reader'
    id: '76199698-9eea-4c19-bc75-cec21354c6b6'
  }
  monitoringMetricsPublisher: {
    name: 'Monitoring Metrics Publisher'
    id: '3913510d-42f4-4e42-8a64-420c390055eb'
  }
  communicationAndEmailServiceOwner: {
    name: 'Communication and Email Service Owner'
    id: '09976791-48a7-449e-bb21-39d1a415f350'
  }
}
