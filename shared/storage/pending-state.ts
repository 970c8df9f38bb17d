/**
 * The `oompending` table: the report assembler's state per (stream, Event Hubs partition) with
 * the last sequence number it covers, so assembly resumes across batches and instances.
 * Writes carry the ETag read with the state, so two instances cannot clobber each other.
 */
import { TableClient, TableEntity } from '@azure/data-tables';

import { rowKeys } from './keys';
import { CHUNK_CHARS, readChunks, writeChunks } from './property-chunks';
import { statusOf } from './table-client-factory';
import { getEntityOrNull } from './table-reads';

/** Which state: the stream (e.g. `<hub>/<consumer group>`) and the partition id. */
export interface PendingKey {
  stream: string;
  partitionId: string;
}

/** Saved state as loaded; `etag` is null when nothing was saved yet. */
export interface LoadedPending<T> {
  state: T | null;
  lastSequenceNumber: number | null;
  etag: string | null;
}

/** Outcome of a save: the new ETag, or why nothing was written. */
export type SaveResult =
  | { ok: true; etag: string }
  /** Another instance wrote since `etag` was read: reload and redo the batch. */
  | { ok: false; reason: 'conflict' }
  /** The state does not fit one entity: flush what is pending and save a smaller state. */
  | { ok: false; reason: 'too-large'; chars: number; maxChars: number };

/**
 * Largest state JSON, in characters: 15 chunk properties, 960 KB of UTF-16, under the 1 MiB
 * entity limit (Azurite counts the UTF-8 body; JSON escapes make that larger for quotes).
 */
export const MAX_PENDING_STATE_CHARS = 15 * CHUNK_CHARS;

/** Loads the state for a key (null state and ETag when none was saved). */
export async function loadPendingState<T>(
  client: TableClient,
  key: PendingKey,
): Promise<LoadedPending<T>> {
  const keys = rowKeys.pending(key.stream, key.partitionId);
  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  if (row === null) return { state: null, lastSequenceNumber: null, etag: null };
  const json = readChunks(row, 'state');
  return {
    state: json === undefined ? null : (JSON.parse(json) as T),
    lastSequenceNumber: Number(row.lastSequenceNumber),
    etag: row.etag,
  };
}

/**
 * Saves the state if nobody else wrote since `etag` was loaded (null: only if none exists).
 * Replace mode, so chunk properties of a larger earlier state do not linger.
 */
export async function savePendingState(
  client: TableClient,
  key: PendingKey,
  state: unknown,
  lastSequenceNumber: number,
  etag: string | null,
): Promise<SaveResult> {
  const json = JSON.stringify(state);
  const overhead = json.replace(/[^"\\]/g, '').length; // each quote or backslash is escaped
  if (json.length + overhead > MAX_PENDING_STATE_CHARS) {
    return {
      ok: false,
      reason: 'too-large',
      chars: json.length,
      maxChars: MAX_PENDING_STATE_CHARS,
    };
  }

  const entity: TableEntity<Record<string, unknown>> = {
    ...rowKeys.pending(key.stream, key.partitionId),
    stream: key.stream,
    partitionId: key.partitionId,
    lastSequenceNumber: String(lastSequenceNumber),
  };
  writeChunks(entity, 'state', json);

  try {
    const response =
      etag === null
        ? await client.createEntity(entity)
        : await client.updateEntity(entity, 'Replace', { etag });
    return { ok: true, etag: response.etag ?? '' };
  } catch (error) {
    // 409: created by someone else meanwhile; 412: changed since our ETag was read.
    const status = statusOf(error);
    if (status === 409 || status === 412) return { ok: false, reason: 'conflict' };
    throw error;
  }
}
