/**
 * The `oomclusters` table: one row per cluster with the time span of its events, updated on
 * every write so `listClusters` is one small query.
 *
 * `eventsSeen` counts events offered to upsertEvents, so a replayed batch counts again: it is
 * a "rows seen" figure for a dashboard, not the number of distinct events (count the cluster's
 * time index for that). First/last times are idempotent (min/max).
 */
import { odata, TableClient } from '@azure/data-tables';

import { rowKeys } from './keys';
import { statusOf } from './table-client-factory';
import { getEntityOrNull, queryRows } from './table-reads';

/** One cluster as listed. */
export interface ClusterInfo {
  cluster: string;
  firstEventTime: string;
  lastEventTime: string;
  eventsSeen: number;
}

// Concurrent writers retry on 409/412; a handful of attempts covers any real contention.
const MAX_ATTEMPTS = 10;

/** Widens the cluster's time span to cover `filedMs` and adds them to `eventsSeen`. */
export async function noteClusterEvents(
  client: TableClient,
  cluster: string,
  filedMs: readonly number[],
): Promise<void> {
  if (filedMs.length === 0) return;
  const first = new Date(Math.min(...filedMs)).toISOString();
  const last = new Date(Math.max(...filedMs)).toISOString();
  const keys = rowKeys.cluster(cluster);

  for (let attempt = 1; ; attempt += 1) {
    const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
    const next = {
      ...keys,
      cluster,
      firstEventTime:
        row === null || first < String(row.firstEventTime) ? first : String(row.firstEventTime),
      lastEventTime:
        row === null || last > String(row.lastEventTime) ? last : String(row.lastEventTime),
      eventsSeen: (row === null ? 0 : Number(row.eventsSeen)) + filedMs.length,
    };
    try {
      if (row === null) await client.createEntity(next);
      else await client.updateEntity(next, 'Replace', { etag: row.etag });
      return;
    } catch (error) {
      // 409: another writer created the row first; 412: it changed since we read it.
      const status = statusOf(error);
      if ((status !== 409 && status !== 412) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Every cluster with events, by name. */
export async function listClusters(client: TableClient): Promise<ClusterInfo[]> {
  const { partitionKey } = rowKeys.cluster('');
  const rows = await queryRows(client, odata`PartitionKey eq ${partitionKey}`, 10_000);
  return rows
    .map((row) => ({
      cluster: String(row.cluster),
      firstEventTime: String(row.firstEventTime),
      lastEventTime: String(row.lastEventTime),
      eventsSeen: Number(row.eventsSeen),
    }))
    .sort((a, b) => a.cluster.localeCompare(b.cluster));
}
