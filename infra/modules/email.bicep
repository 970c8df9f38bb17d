// Azure Communication Services with an Email Service and an Azure-managed sender domain
// (DoNotReply@<guid>.azurecomm.net). The managed domain has low sending limits; link a
// verified custom domain for production volumes (see infra/README.md).

import { tagMap } from 'types.bicep'

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Email Communication Service.')
param emailServiceName string

@description('Where ACS keeps data at rest, e.g. "United States" or "Europe".')
param dataLocation string

@description('Tags applied to all three resources.')
param tags tagMap

// Communication resources are global; only their data location is regional.
var globalLocation = 'global'

resource emailService 'Microsoft.Communication/emailServices@2025-09-01' = {
  name: emailServiceName
  location: globalLocation
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-09-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: globalLocation
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-09-01' = {
  name: communicationServiceName
  location: globalLocation
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [managedDomain.id]
  }
}

@description('Name of the Communication Services resource, the scope of the sending role.')
output communicationServiceName string = communicationService.name

@description('Endpoint for OOMWATCH_EMAIL_ENDPOINT, https://<acs>.<geo>.communication.azure.com.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('Sender address on the managed domain, for OOMWATCH_EMAIL_SENDER.')
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
