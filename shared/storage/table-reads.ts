/** Small read helpers over a TableClient: a point read that may miss, and a bounded query. */
import { TableClient, TableEntityResult } from '@azure/data-tables';

import { statusOf } from './table-client-factory';

/** A row as read back, with its ETag. */
export type Row = TableEntityResult<Record<string, unknown>>;

/** Reads one row, or null when it does not exist (404). */
export async function getEntityOrNull(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Row | null> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/**
 * Reads up to `max` rows matching an `odata`-built filter, in key order. The service may end
 * a page early (1,000 rows, ~5 s, partition boundaries), so pages are followed until `max`.
 */
export async function queryRows(client: TableClient, filter: string, max: number): Promise<Row[]> {
  const rows: Row[] = [];
  const pageSize = Math.min(Math.max(max, 1), 1000);
  const pages = client
    .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
    .byPage({ maxPageSize: pageSize });
  for await (const page of pages) {
    for (const row of page) {
      rows.push(row);
      if (rows.length >= max) return rows;
    }
  }
  return rows;
}
