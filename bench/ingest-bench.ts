/**
 * The ingest benchmark: a generated log cut into Event Hubs-like messages and batches
 * (`cutIntoBatches`, as `oomwatch ingest` does) and run through the real `ingestBatch` into
 * Azurite, counting the HTTP requests the table clients send.
 */
import { readFileSync } from 'node:fs';
import { cutIntoBatches } from '../cli/commands/ingest';
import { ingestBatch } from '../shared/ingest/ingest-batch';
import { EventStore } from '../shared/storage/event-store';
import { startBenchStorage } from './storage';

/** What one ingest run measured. */
export interface IngestRun {
  lines: number;
  batches: number;
  events: number;
  seconds: number;
  requests: number;
  requestsByTable: Record<string, number>;
}

/** Ingests `path` as one partition of cluster `bench`. */
export async function runIngest(path: string): Promise<IngestRun> {
  const storage = await startBenchStorage();
  try {
    const text = readFileSync(path, 'utf8');
    const started = process.hrtime.bigint();
    const batches = cutIntoBatches(text, 'bench/ingest', '0', { cluster: 'bench' });
    const deps = {
      tables: storage.tables,
      store: new EventStore(storage.tables),
      defaultCluster: 'bench',
      log: {
        info: () => {},
        warn: (message: string) => process.stderr.write(`${message}\n`),
        error: (message: string) => process.stderr.write(`${message}\n`),
      },
    };
    let lines = 0;
    let events = 0;
    for (const [index, batch] of batches.entries()) {
      const report = await ingestBatch(batch, deps, { drain: index === batches.length - 1 });
      lines += report.lines;
      events += report.events;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      lines,
      batches: batches.length,
      events,
      seconds,
      requests: storage.requests(),
      requestsByTable: storage.requestsByTable(),
    };
  } finally {
    await storage.stop();
  }
}
