/**
 * Event Hubs trigger: hands each batch and its trigger metadata to the ingest core. Retries a
 * failed batch with bounded exponential backoff; the core makes redelivery a no-op.
 */
import { app, type InvocationContext } from '@azure/functions';
import { APP_SETTINGS, readAppSetting } from '../shared/config/app-settings';
import { ingestBatch } from '../shared/ingest/ingest-batch';
import { batchFromTrigger } from '../shared/ingest/trigger-batch';
import { EventStore } from '../shared/storage/event-store';
import { ensureTables, getTableClients } from '../shared/storage/table-client-factory';

let tablesReady: Promise<void> | null = null;

/** The handler, exported for tests that call it with a real InvocationContext. */
export async function handleIngest(messages: unknown[], context: InvocationContext) {
  const tables = getTableClients();
  tablesReady ??= ensureTables(tables).catch((error: unknown) => {
    tablesReady = null;
    throw error;
  });
  await tablesReady;

  const batch = batchFromTrigger(messages, context.triggerMetadata ?? {});
  return ingestBatch(batch, {
    tables,
    store: new EventStore(tables),
    defaultCluster: readAppSetting('defaultCluster') ?? 'default',
    log: {
      info: (message, fields) => context.log(message, fields),
      warn: (message, fields) => context.warn(message, fields),
      error: (message, fields) => context.error(message, fields),
    },
  });
}

app.eventHub('ingest', {
  // Identity-based: the host reads EventHubConnection__fullyQualifiedNamespace.
  connection: APP_SETTINGS.eventHubNamespace.split('__')[0] ?? 'EventHubConnection',
  eventHubName: `%${APP_SETTINGS.eventHubName}%`,
  consumerGroup: `%${APP_SETTINGS.eventHubConsumerGroup}%`,
  cardinality: 'many',
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: 5,
    minimumInterval: { seconds: 5 },
    maximumInterval: { minutes: 5 },
  },
  handler: handleIngest,
});
