/**
 * Writes rows with upsert (Replace) in entity-group transactions: one partition each, at most
 * 100 operations and under the 4 MiB payload limit. Replace, not Merge, so a rewrite leaves
 * exactly the new row (no stale chunk properties) and a replay is a no-op.
 */
import { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';

/** The service's limit on operations in one transaction. */
export const MAX_TRANSACTION_OPERATIONS = 100;

// The payload limit is 4 MiB including multipart framing; keep well clear of it.
const MAX_TRANSACTION_BYTES = 3_000_000;

// Transactions in flight at once per call; enough to overlap round trips, few enough to keep
// one ingest batch from flooding a partition.
const CONCURRENCY = 8;

/** What {@link upsertInTransactions} did. */
export interface TransactionReport {
  rows: number;
  transactions: number;
}

/**
 * Groups entities into transactions by partition, in input order. Later duplicates of a key
 * replace earlier ones, because a transaction may touch each entity only once.
 */
export function planTransactions<T extends TableEntity<object>>(entities: readonly T[]): T[][] {
  const byKey = new Map<string, T>();
  for (const entity of entities) {
    byKey.set(`${entity.partitionKey}\u0000${entity.rowKey}`, entity);
  }
  const byPartition = new Map<string, T[]>();
  for (const entity of byKey.values()) {
    const group = byPartition.get(entity.partitionKey) ?? [];
    group.push(entity);
    byPartition.set(entity.partitionKey, group);
  }

  const batches: T[][] = [];
  for (const group of byPartition.values()) {
    let batch: T[] = [];
    let bytes = 0;
    for (const entity of group) {
      const size = Buffer.byteLength(JSON.stringify(entity));
      const full = batch.length === MAX_TRANSACTION_OPERATIONS;
      if (batch.length > 0 && (full || bytes + size > MAX_TRANSACTION_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(entity);
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);
  }
  return batches;
}

/** Upserts (Replace) every entity, one transaction per planned batch. */
export async function upsertInTransactions<T extends object>(
  client: TableClient,
  entities: readonly TableEntity<T>[],
): Promise<TransactionReport> {
  const batches = planTransactions(entities);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      const actions = batch.map((e): TransactionAction => ['upsert', e, 'Replace']);
      await client.submitTransaction(actions);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, worker));
  return { rows: batches.reduce((n, b) => n + b.length, 0), transactions: batches.length };
}
