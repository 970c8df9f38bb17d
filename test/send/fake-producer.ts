/**
 * A stand-in for `EventHubProducerClient` with only createBatch/sendBatch. There is no Event
 * Hubs emulator on this machine (it is Docker-only), so the batching logic is tested against
 * this fake, which measures events the way the service does for its 1 MB limit closely enough
 * for the logic: body bytes plus a fixed per-event overhead.
 */
import type { EventData } from '@azure/event-hubs';

import type { BatchProducer, SendableBatch } from '../../shared/send/batch-sender';

/** Bytes the fake counts for each event besides its body. */
export const EVENT_OVERHEAD = 16;

export class FakeBatch implements SendableBatch {
  readonly events: EventData[] = [];
  private size = 0;

  constructor(
    readonly partitionKey: string,
    readonly maxSizeInBytes: number,
  ) {}

  get count(): number {
    return this.events.length;
  }

  tryAdd(event: EventData): boolean {
    const bytes = (event.body as Buffer).length + EVENT_OVERHEAD;
    if (this.size + bytes > this.maxSizeInBytes) return false;
    this.size += bytes;
    this.events.push(event);
    return true;
  }
}

export class FakeProducer implements BatchProducer<FakeBatch> {
  readonly sent: FakeBatch[] = [];
  created = 0;

  constructor(private readonly maxSizeInBytes: number) {}

  createBatch(options: { partitionKey: string }): Promise<FakeBatch> {
    this.created += 1;
    return Promise.resolve(new FakeBatch(options.partitionKey, this.maxSizeInBytes));
  }

  sendBatch(batch: FakeBatch): Promise<void> {
    this.sent.push(batch);
    return Promise.resolve();
  }

  /** Bodies sent, decoded, in the order they were sent. */
  bodies(): string[] {
    return this.sent.flatMap((batch) => batch.events.map((e) => (e.body as Buffer).toString()));
  }
}
