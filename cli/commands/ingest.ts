/**
 * `oomwatch ingest FILE… --cluster NAME [--node NAME]`: feeds log files through the same ingest
 * function the Event Hubs trigger uses, cut into messages and batches with realistic trigger
 * metadata (sequence numbers, enqueued times, properties), and prints what it stored.
 */
import { randomUUID } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isContinuationLine } from '../../shared/decode/line-prefix';
import { ingestBatch, type IngestReport } from '../../shared/ingest/ingest-batch';
import type { IngestBatch, IngestMessage } from '../../shared/ingest/trigger-batch';
import { inputSize, readInputChunks } from '../read-inputs';
import { openStorage, type StorageSession } from '../storage-session';

interface IngestOptions {
  cluster: string;
  node?: string;
  /** Node for lines that name none, below the syslog host (the demo's sample files). */
  defaultNode?: string;
}

/** Lines per Event Hubs message and messages per trigger batch, like a batching forwarder. */
export const LINES_PER_MESSAGE = 20;
export const MESSAGES_PER_BATCH = 100;
/** Continuation lines kept with one message at most (an indented file is not one message). */
const MAX_CONTINUATION_LINES = 1000;

/** Totals over every batch of a run. */
export interface IngestTotals {
  lines: number;
  events: number;
  deadLetters: number;
  pressureRecords: number;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('store the OOM events of log files through the Event Hubs ingest function')
    .argument('<files...>', 'log files, or - for stdin')
    .requiredOption('--cluster <name>', 'cluster the files come from')
    .option('--node <name>', 'node name for lines that do not name one')
    .action(async (files: string[], options: IngestOptions) => {
      const storage = await openStorage();
      try {
        const totals = await ingestFiles(storage, files, options);
        process.stdout.write(
          `stored ${totals.events} OOM-kill events and ${totals.pressureRecords} memory-pressure ` +
            `records from ${totals.lines} lines in ${storage.description}` +
            (totals.deadLetters > 0 ? `; ${totals.deadLetters} messages dead-lettered` : '') +
            '\n',
        );
      } finally {
        await storage.close();
      }
    });
}

/** Ingests files, each as its own partition, draining open reports at each file's end. */
export async function ingestFiles(
  storage: StorageSession,
  files: readonly string[],
  options: IngestOptions,
): Promise<IngestTotals> {
  const totals: IngestTotals = { lines: 0, events: 0, deadLetters: 0, pressureRecords: 0 };
  const stream = `cli/${randomUUID()}`;
  const deps = {
    tables: storage.tables,
    store: storage.store,
    defaultCluster: options.cluster,
    defaultNode: options.defaultNode ?? null,
    log: {
      info: () => {},
      warn: (message: string) => process.stderr.write(`${message}\n`),
      error: (message: string, fields?: Record<string, unknown>) =>
        process.stderr.write(`${message} ${JSON.stringify(fields ?? {})}\n`),
    },
  };
  const add = (report: IngestReport) => {
    totals.lines += report.lines;
    totals.events += report.events;
    totals.deadLetters += report.deadLetters;
    totals.pressureRecords += report.pressureRecords;
  };

  for (const [index, file] of files.entries()) {
    const partitionId = String(index);
    const bar = showProgress(inputSize(file));
    let sequence = 0;
    for await (const chunk of readInputChunks(file)) {
      for (const batch of cutIntoBatches(chunk, stream, partitionId, options, sequence)) {
        add(await ingestBatch(batch, deps));
        sequence += batch.messages.length;
      }
      bar?.increment(Buffer.byteLength(chunk));
    }
    // The end of a file: emit what is still open.
    add(await ingestBatch({ stream, partitionId, messages: [] }, deps, { drain: true }));
    bar?.stop();
  }
  return totals;
}

/** Cuts text into Event Hubs-like messages and batches; an empty file still drains once. */
export function cutIntoBatches(
  text: string,
  stream: string,
  partitionId: string,
  options: IngestOptions,
  firstSequence = 0,
): IngestBatch[] {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const start = Date.now();
  const messages: IngestMessage[] = [];
  let at = 0;
  while (at < lines.length) {
    // A message never starts with a continuation line: it stays with the line it continues.
    let end = Math.min(at + LINES_PER_MESSAGE, lines.length);
    const limit = Math.min(end + MAX_CONTINUATION_LINES, lines.length);
    while (end < limit && isContinuationLine(lines[end] ?? '')) end++;
    messages.push({
      body: lines.slice(at, end).join('\n'),
      sequenceNumber: firstSequence + messages.length,
      enqueuedTime: new Date(start + messages.length).toISOString(),
      partitionKey: options.node ?? null,
      properties: { cluster: options.cluster, ...(options.node ? { node: options.node } : {}) },
    });
    at = end;
  }

  const batches: IngestBatch[] = [];
  for (let at = 0; at < messages.length; at += MESSAGES_PER_BATCH) {
    batches.push({ stream, partitionId, messages: messages.slice(at, at + MESSAGES_PER_BATCH) });
  }
  return batches;
}

function showProgress(bytes: number | null): SingleBar | null {
  if (!process.stderr.isTTY || bytes === null || bytes < 1_000_000) return null;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'ingest [{bar}] {percentage}% of {total} bytes',
  });
  bar.start(bytes, 0);
  return bar;
}
