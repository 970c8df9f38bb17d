/**
 * Turns what the Event Hubs trigger hands a `cardinality: 'many'` function (the messages and
 * `context.triggerMetadata`) into an ingest batch. Plain data in, plain data out: no
 * `@azure/functions` import, so the CLI builds the same shape.
 */

export interface IngestMessage {
  body: unknown;
  sequenceNumber: number;
  /** ISO-8601 UTC. */
  enqueuedTime: string;
  partitionKey: string | null;
  properties: Record<string, unknown> | null;
}

export interface IngestBatch {
  /** `<namespace>/<hub>/<consumer group>`: whose partition state this is. */
  stream: string;
  partitionId: string;
  messages: IngestMessage[];
}

/** Reads the trigger metadata arrays; a missing entry is a host bug worth failing loudly on. */
export function batchFromTrigger(
  messages: unknown[],
  metadata: Record<string, unknown>,
): IngestBatch {
  const partition = asRecord(metadata.partitionContext);
  const sequenceNumbers = asArray(metadata.sequenceNumberArray);
  const enqueuedTimes = asArray(metadata.enqueuedTimeUtcArray);
  const partitionKeys = asArray(metadata.partitionKeyArray);
  const properties = asArray(metadata.propertiesArray);

  return {
    stream: [
      text(partition.fullyQualifiedNamespace, 'unknown-namespace'),
      text(partition.eventHubName, 'unknown-hub'),
      text(partition.consumerGroup, '$Default'),
    ].join('/'),
    partitionId: text(partition.partitionId, '0'),
    messages: messages.map((body, index) => {
      const sequenceNumber = Number(sequenceNumbers[index]);
      if (!Number.isSafeInteger(sequenceNumber)) {
        throw new Error(`trigger metadata has no sequence number for message ${index}`);
      }
      const enqueued = new Date(String(enqueuedTimes[index]));
      const key = partitionKeys[index];
      return {
        body,
        sequenceNumber,
        enqueuedTime: Number.isNaN(enqueued.getTime())
          ? new Date(0).toISOString()
          : enqueued.toISOString(),
        partitionKey: typeof key === 'string' ? key : null,
        properties: properties[index] ? asRecord(properties[index]) : null,
      };
    }),
  };
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
