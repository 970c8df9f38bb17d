// The Flex Consumption plan and function app (Node.js 22) running as the user-assigned identity.
// Every connection is identity-based; the app settings below are the names in
// shared/config/app-settings.ts, and test/infra/app-settings.test.ts keeps the two in step.

import { recipientMap, tagMap } from 'types.bicep'

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Azure region.')
param location string

@description('Tags applied to plan and app; the app also gets azd-service-name.')
param tags tagMap

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account for host storage.')
param storageAccountName string

@description('Blob endpoint of that account, ending in a slash.')
param blobEndpoint string

@description('Table endpoint of that account, for oomwatch\'s tables.')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Host name of the Event Hubs namespace.')
param eventHubNamespaceFqdn string

@description('Name of the hub the ingest function reads.')
param eventHubName string

@description('Consumer group of the ingest function.')
param eventHubConsumerGroup string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('ACS endpoint for digest e-mail.')
param emailEndpoint string

@description('Sender address on the ACS e-mail domain.')
param emailSender string

@description('Cluster → recipient addresses for digests, e.g. {"prod-weu": ["sre@example.com"]}.')
param digestRecipients recipientMap

@description('Six-field NCRONTAB schedule of the digest timer, in UTC (Flex has no time zones).')
param digestSchedule string

@description('Cluster name used when a message names none.')
param defaultCluster string

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// Deployments (azd, `func azure functionapp publish`, OneDeploy) authenticate with Entra ID;
// publishing user names and passwords stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// A separate resource so that OOMWATCH_PUBLIC_BASE_URL can use the host name the site was given.
// Flex takes its runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and WEBSITE_NODE_DEFAULT_VERSION must not
// be set here.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage, through the identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Event Hubs trigger connection ("EventHubConnection"), through the identity.
    EventHubConnection__fullyQualifiedNamespace: eventHubNamespaceFqdn
    EventHubConnection__credential: 'managedidentity'
    EventHubConnection__clientId: identityClientId

    // Telemetry with Entra ID auth; the component accepts nothing else.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // oomwatch's own settings (shared/config/app-settings.ts). OOMWATCH_TABLE_CONNECTION_STRING
    // is for local runs only and is deliberately absent.
    OOMWATCH_EVENTHUB_NAME: eventHubName
    OOMWATCH_EVENTHUB_CONSUMER_GROUP: eventHubConsumerGroup
    OOMWATCH_TABLE_ENDPOINT: tableEndpoint
    OOMWATCH_DEFAULT_CLUSTER: defaultCluster
    AZURE_CLIENT_ID: identityClientId
    OOMWATCH_EMAIL_ENDPOINT: emailEndpoint
    OOMWATCH_EMAIL_SENDER: emailSender
    OOMWATCH_DIGEST_RECIPIENTS: string(digestRecipients)
    OOMWATCH_DIGEST_SCHEDULE: digestSchedule
    OOMWATCH_PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Base URL of the app, https://<host>.')
output url string = 'https://${site.properties.defaultHostName}'
