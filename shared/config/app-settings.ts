/**
 * Every app setting oomwatch reads, in one list. infra/ sets each of them and a test checks
 * that the Bicep templates and this list agree.
 */
export const APP_SETTINGS = {
  /** Event Hubs namespace host for the identity-based trigger connection. */
  eventHubNamespace: 'EventHubConnection__fullyQualifiedNamespace',
  /** Name of the hub the ingest function reads. */
  eventHubName: 'OOMWATCH_EVENTHUB_NAME',
  /** Consumer group reserved for the ingest function. */
  eventHubConsumerGroup: 'OOMWATCH_EVENTHUB_CONSUMER_GROUP',
  /** Table endpoint (https://<account>.table.core.windows.net) used with managed identity. */
  tableEndpoint: 'OOMWATCH_TABLE_ENDPOINT',
  /** Connection string for local runs (Azurite or a real account); never set in Azure. */
  tableConnectionString: 'OOMWATCH_TABLE_CONNECTION_STRING',
  /** Cluster name used when a message names none. */
  defaultCluster: 'OOMWATCH_DEFAULT_CLUSTER',
  /** Client id of the user-assigned identity, when one is used instead of system-assigned. */
  managedIdentityClientId: 'AZURE_CLIENT_ID',
  /** Azure Communication Services endpoint for digest e-mail. */
  emailEndpoint: 'OOMWATCH_EMAIL_ENDPOINT',
  /** Sender address on the ACS e-mail domain. */
  emailSender: 'OOMWATCH_EMAIL_SENDER',
  /** JSON map of cluster → recipient list for digests. */
  digestRecipients: 'OOMWATCH_DIGEST_RECIPIENTS',
  /** NCRONTAB schedule of the digest timer. */
  digestSchedule: 'OOMWATCH_DIGEST_SCHEDULE',
  /** Base URL of the HTTP API, used for links in digests. */
  publicBaseUrl: 'OOMWATCH_PUBLIC_BASE_URL',
  /** SMTP URL for digests in local runs (smtp://host:port); never set in Azure, where ACS sends. */
  smtpUrl: 'OOMWATCH_SMTP_URL',
} as const;

export type AppSettingKey = keyof typeof APP_SETTINGS;

/** Reads one app setting; empty strings count as unset. */
export function readAppSetting(
  key: AppSettingKey,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const value = env[APP_SETTINGS[key]];
  return value === undefined || value === '' ? undefined : value;
}
