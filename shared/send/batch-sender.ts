/**
 * Sends forwarder envelopes to Event Hubs in as few batches as fit, one open batch per node so
 * that every batch carries one partition key (the node) and each node's lines keep their order
 * on one partition. The producer is passed in: an `EventHubProducerClient` in the CLI, a small
 * fake in tests.
 */
import type { EventData } from '@azure/event-hubs';

/** What the sender needs of an `EventDataBatch`. */
export interface SendableBatch {
  readonly count: number;
  tryAdd(event: EventData): boolean;
}

/** What the sender needs of an `EventHubProducerClient`. */
export interface BatchProducer<B extends SendableBatch> {
  createBatch(options: { partitionKey: string }): Promise<B>;
  sendBatch(batch: B): Promise<void>;
}

/** One line to send, with the node that keys its partition. */
export interface OutgoingLine {
  node: string;
  body: string;
  /** Where the line came from, for the report of lines that could not be sent. */
  source: string;
}

/** A line larger than an empty batch allows (1 MB on Standard); it is skipped, not split. */
export interface OversizedLine {
  source: string;
  bytes: number;
}

/** What a send did. */
export interface SendSummary {
  events: number;
  batches: number;
  nodes: string[];
  oversized: OversizedLine[];
}

/** Sends every line once, in order per node; a batch goes out when the next line won't fit. */
export async function sendLines<B extends SendableBatch>(
  producer: BatchProducer<B>,
  lines: AsyncIterable<OutgoingLine> | Iterable<OutgoingLine>,
): Promise<SendSummary> {
  const open = new Map<string, B>();
  const summary: SendSummary = { events: 0, batches: 0, nodes: [], oversized: [] };

  const send = async (batch: B): Promise<void> => {
    await producer.sendBatch(batch);
    summary.batches += 1;
    summary.events += batch.count;
  };

  for await (const line of lines) {
    const event: EventData = { body: Buffer.from(line.body, 'utf8') };
    let batch = open.get(line.node);
    if (batch === undefined) {
      batch = await producer.createBatch({ partitionKey: line.node });
      open.set(line.node, batch);
      summary.nodes.push(line.node);
    }
    if (batch.tryAdd(event)) continue;

    // Full: an empty batch that refuses the line means the line alone is too large.
    if (batch.count === 0) {
      summary.oversized.push({ source: line.source, bytes: Buffer.byteLength(line.body) });
      continue;
    }
    await send(batch);
    batch = await producer.createBatch({ partitionKey: line.node });
    open.set(line.node, batch);
    if (!batch.tryAdd(event)) {
      summary.oversized.push({ source: line.source, bytes: Buffer.byteLength(line.body) });
    }
  }

  for (const batch of open.values()) {
    if (batch.count > 0) await send(batch);
  }
  return summary;
}
