/**
 * The `oomdeadletters` table: Event Hubs messages the ingest could not process, kept where an
 * operator can find them. Keyed by (stream, partition id, sequence number), so a retried batch
 * rewrites the same row instead of adding one, and two hubs (or CLI runs) never share rows.
 */
import { odata, TableClient } from '@azure/data-tables';

import { rowKeys } from './keys';
import { CHUNK_CHARS } from './property-chunks';
import { queryRows } from './table-reads';
import { upsertInTransactions } from './transactions';

/** A message that could not be processed. */
export interface DeadLetter {
  /** Why, as a stable code or short sentence. */
  reason: string;
  /** `<namespace>/<hub>/<consumer group>` (or the CLI run) the partition belongs to. */
  stream: string;
  partitionId: string;
  sequenceNumber: number;
  /** ISO enqueued time of the message. */
  enqueuedTime: string;
  /** The message body as text. */
  body: string;
}

/** A dead letter as stored: the body may have been cut to fit one property. */
export interface StoredDeadLetter extends DeadLetter {
  bodyTruncated: boolean;
  /** Length of the original body, in UTF-16 code units. */
  bodyLength: number;
}

/** Longest body kept, in characters (one string property). */
export const MAX_DEAD_LETTER_BODY = CHUNK_CHARS;

/** Writes dead letters; writing the same (partition, sequence number) again replaces the row. */
export async function recordDeadLetters(
  client: TableClient,
  letters: readonly DeadLetter[],
): Promise<void> {
  const rows = letters.map((letter) => ({
    ...rowKeys.deadLetter(letter.stream, letter.partitionId, letter.sequenceNumber),
    reason: letter.reason.slice(0, MAX_DEAD_LETTER_BODY),
    stream: letter.stream,
    partitionId: letter.partitionId,
    // A string: sequence numbers outgrow the Int32 the SDK infers for plain numbers.
    sequenceNumber: String(letter.sequenceNumber),
    enqueuedTime: letter.enqueuedTime,
    body: letter.body.slice(0, MAX_DEAD_LETTER_BODY),
    bodyTruncated: letter.body.length > MAX_DEAD_LETTER_BODY,
    bodyLength: letter.body.length,
  }));
  await upsertInTransactions(client, rows);
}

/** Dead letters of one partition of a stream, oldest sequence number first. */
export async function listDeadLetters(
  client: TableClient,
  stream: string,
  partitionId: string,
  limit = 100,
): Promise<StoredDeadLetter[]> {
  const { partitionKey } = rowKeys.deadLetter(stream, partitionId, 0);
  const rows = await queryRows(client, odata`PartitionKey eq ${partitionKey}`, limit);
  return rows.map((row) => ({
    reason: String(row.reason),
    stream: String(row.stream),
    partitionId: String(row.partitionId),
    sequenceNumber: Number(row.sequenceNumber),
    enqueuedTime: String(row.enqueuedTime),
    body: String(row.body),
    bodyTruncated: row.bodyTruncated === true,
    bodyLength: Number(row.bodyLength),
  }));
}
