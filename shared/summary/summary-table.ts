/**
 * The `oomsummaries` table: one row per (cluster, day), PK cluster, RK day, the summary as
 * chunked JSON. Written with a Replace upsert, so building a day twice leaves one row.
 */
import { odata, TableClient } from '@azure/data-tables';

import { compoundKey } from '../storage/keys';
import { readChunks, writeChunks } from '../storage/property-chunks';
import { getEntityOrNull, queryRows } from '../storage/table-reads';
import { DailySummary } from './daily-summary';

/** The keys of a summary row. */
export function summaryKeys(
  cluster: string,
  day: string,
): { partitionKey: string; rowKey: string } {
  return { partitionKey: compoundKey(cluster), rowKey: day };
}

/** Maps a summary to its entity: a few queryable columns plus the whole summary as JSON. */
export function summaryToEntity(summary: DailySummary): Record<string, unknown> & {
  partitionKey: string;
  rowKey: string;
} {
  const entity: Record<string, unknown> = {
    cluster: summary.cluster,
    day: summary.day,
    generatedAt: summary.generatedAt,
    schemaVersion: summary.schemaVersion,
    totalKills: summary.totalKills,
  };
  writeChunks(entity, 'summary', JSON.stringify(summary));
  return { ...entity, ...summaryKeys(summary.cluster, summary.day) };
}

/** Reverses {@link summaryToEntity}; null when the row has no summary JSON. */
export function entityToSummary(row: Record<string, unknown>): DailySummary | null {
  const json = readChunks(row, 'summary');
  return json === undefined ? null : (JSON.parse(json) as DailySummary);
}

/** Upserts (Replace) a summary row. */
export async function writeSummary(client: TableClient, summary: DailySummary): Promise<void> {
  await client.upsertEntity(summaryToEntity(summary), 'Replace');
}

/** One stored summary, or null. */
export async function readStoredSummary(
  client: TableClient,
  cluster: string,
  day: string,
): Promise<DailySummary | null> {
  const keys = summaryKeys(cluster, day);
  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  return row === null ? null : entityToSummary(row);
}

/** Stored summaries with days in `[fromDay, toDay]`, oldest first (one partition range). */
export async function listStoredSummaries(
  client: TableClient,
  cluster: string,
  fromDay: string,
  toDay: string,
): Promise<DailySummary[]> {
  const { partitionKey } = summaryKeys(cluster, fromDay);
  const filter = [
    odata`PartitionKey eq ${partitionKey}`,
    odata`RowKey ge ${fromDay}`,
    odata`RowKey le ${toDay}`,
  ].join(' and ');
  const rows = await queryRows(client, filter, 1000);
  return rows.flatMap((row) => {
    const summary = entityToSummary(row);
    return summary === null ? [] : [summary];
  });
}
