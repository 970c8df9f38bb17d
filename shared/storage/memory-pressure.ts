/**
 * The `oompressure` table: kubelet eviction and memory-pressure records, context for kills,
 * kept apart from the events. PK cluster|day so a day's records are one partition.
 */
import { odata, TableClient } from '@azure/data-tables';

import { MemoryPressureRecord } from '../model/event';
import { rowKeys } from './keys';
import { CHUNK_CHARS } from './property-chunks';
import { queryRows } from './table-reads';
import { upsertInTransactions } from './transactions';

/** A record and the time it was received, used for its day when it has no time of its own. */
export interface PressureWrite {
  record: MemoryPressureRecord;
  receivedAt: string;
}

/** Writes memory-pressure records under `cluster` (Replace upserts, so replays are no-ops). */
export async function upsertMemoryPressure(
  client: TableClient,
  cluster: string,
  writes: readonly PressureWrite[],
): Promise<void> {
  const rows = writes.map(({ record, receivedAt }) => {
    const ms = Date.parse(record.time ?? receivedAt);
    // Kubelet messages are one line; the cap only guards the one-property limit.
    const message = record.message.slice(0, CHUNK_CHARS / 2);
    return {
      ...rowKeys.memoryPressure(cluster, ms, record.id),
      receivedAt,
      node: record.node ?? undefined,
      reason: record.reason,
      record: JSON.stringify({ ...record, message }),
    };
  });
  await upsertInTransactions(client, rows);
}

/** A day's records for a cluster (`YYYY-MM-DD`, UTC), newest first. */
export async function listMemoryPressure(
  client: TableClient,
  cluster: string,
  day: string,
  limit = 1000,
): Promise<MemoryPressureRecord[]> {
  const partitionKey = rowKeys.memoryPressure(
    cluster,
    Date.parse(`${day}T00:00:00Z`),
    '',
  ).partitionKey;
  const rows = await queryRows(client, odata`PartitionKey eq ${partitionKey}`, limit);
  return rows.map((row) => JSON.parse(String(row.record)) as MemoryPressureRecord);
}
