// Example parameters for infra/main.bicep. Values come from the environment where azd sets
// them (AZURE_ENV_NAME, AZURE_LOCATION, AZURE_PRINCIPAL_ID), with defaults for a plain
//   az deployment sub create --location westeurope --template-file infra/main.bicep \
//     --parameters infra/main.bicepparam
using 'main.bicep'

// Names the resource group (rg-<name>) and seeds the unique suffix of every resource name.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'oomwatch-dev')

// Any region with Flex Consumption; Communication Services itself is global.
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')

// 4 partitions: ample for a few hundred nodes at one throughput unit. Fixed after creation.
param eventHubPartitionCount = 4

// One day is enough for the function to catch up after an outage and is the cheapest.
param eventHubRetentionInDays = 1

// The cluster name used for a message that names none (forwarders always name theirs).
param defaultCluster = 'aks-dev'

// Who gets each cluster's daily digest. An empty object sends none.
param digestRecipients = {
  'aks-dev': [
    'sre-team@example.com'
  ]
}

// Every day at 07:00 UTC (six fields: second minute hour day month weekday).
param digestSchedule = '0 0 7 * * *'

// Where e-mail data rests: "United States", "Europe", "UK", "Australia", ...
param emailDataLocation = 'Europe'

// You (azd sets AZURE_PRINCIPAL_ID), so that `oomwatch send` and table reads work right away.
// Find yours with: az ad signed-in-user show --query id -o tsv
param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
