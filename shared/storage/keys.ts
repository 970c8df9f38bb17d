/**
 * The one module that builds PartitionKey and RowKey values. Every free-text part is escaped
 * so the service never sees a character it forbids in keys, and every key that orders by time
 * uses the same inverted-timestamp prefix so "newest first" is the natural RowKey order.
 */
import { createHash } from 'node:crypto';

/** Joins the escaped parts of a compound key; escaped itself inside parts, so unambiguous. */
export const KEY_SEPARATOR = '|';

/**
 * Largest key the code emits. Azurite rejects keys over 512 UTF-16 chars (the service allows
 * 1 KiB), so longer keys are shortened with a hash suffix; see {@link boundKey}.
 */
export const MAX_KEY_CHARS = 512;

// The service forbids / \ # ? and the C0 and C1 control ranges in keys. `%` is the escape
// character and `|` our separator, so both are escaped too for the encoding to be reversible.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const KEY_UNSAFE = /[%|/\\#?\u0000-\u001f\u007f-\u009f]/g;
const KEY_ESCAPE = /%([0-9A-F]{2})/g;

/** Escapes one key part, percent-style: `a/b` → `a%2Fb`. Reversed by {@link decodeKeyPart}. */
export function encodeKeyPart(part: string): string {
  return part.replace(
    KEY_UNSAFE,
    (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/** Reverses {@link encodeKeyPart}. */
export function decodeKeyPart(encoded: string): string {
  return encoded.replace(KEY_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Keeps a key within {@link MAX_KEY_CHARS}: a longer key keeps its head and gains a SHA-256
 * suffix of the whole, so it stays deterministic and distinct but is no longer reversible.
 * Only index keys can get that long (a 253-char pod name under a long cluster name); readers
 * take the original values from the entity's properties, never from a key.
 */
export function boundKey(key: string): string {
  if (key.length <= MAX_KEY_CHARS) return key;
  const digest = createHash('sha256').update(key).digest('hex');
  return `${key.slice(0, MAX_KEY_CHARS - digest.length - 1)}~${digest}`;
}

/** Builds a compound key from raw parts: each part escaped, joined by {@link KEY_SEPARATOR}. */
export function compoundKey(...parts: readonly string[]): string {
  return boundKey(parts.map(encodeKeyPart).join(KEY_SEPARATOR));
}

/** Splits a compound key built by {@link compoundKey} (when it was not shortened). */
export function splitCompoundKey(key: string): string[] {
  return key.split(KEY_SEPARATOR).map(decodeKeyPart);
}

/** Newest-first key prefixes count down from this (the last millisecond of year 2286). */
export const MAX_EPOCH_MS = 9_999_999_999_999;
const INVERTED_WIDTH = 13;

/** `MAX_EPOCH_MS - epochMs`, zero-padded, so later times sort first as strings. */
export function invertedTime(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs > MAX_EPOCH_MS) {
    throw new RangeError(`epoch milliseconds out of range: ${epochMs}`);
  }
  return String(MAX_EPOCH_MS - epochMs).padStart(INVERTED_WIDTH, '0');
}

/** Reverses {@link invertedTime} from the start of a time-ordered RowKey. */
export function epochMsOfTimeKey(rowKey: string): number {
  return MAX_EPOCH_MS - Number(rowKey.slice(0, INVERTED_WIDTH));
}

/**
 * RowKey of an event in every time-ordered table: inverted time, then the escaped event id,
 * so two events of the same millisecond still get distinct, deterministic keys.
 */
export function timeOrderedRowKey(epochMs: number, id: string): string {
  return boundKey(`${invertedTime(epochMs)}${KEY_SEPARATOR}${encodeKeyPart(id)}`);
}

/**
 * Lowest RowKey of events strictly before `epochMs`: time-ordered keys of times `< epochMs`
 * are `>=` this bound. Used for an exclusive `to`.
 */
export function newestBoundRowKey(epochMs: number): string {
  return invertedTime(epochMs - 1);
}

/**
 * RowKey bound just past events at or after `epochMs`: their keys are `<` this bound. Used for
 * an inclusive `from`; the bound sorts after `<inverted(from)>|<anything>`.
 */
export function oldestBoundRowKey(epochMs: number): string {
  return epochMs === 0 ? invertedTime(0) + '~' : invertedTime(epochMs - 1);
}

/** UTC calendar day `YYYY-MM-DD` of an instant. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Fixed-width RowKey for a sequence number, so numeric and string order agree. */
export function sequenceRowKey(sequenceNumber: number): string {
  if (!Number.isSafeInteger(sequenceNumber) || sequenceNumber < 0) {
    throw new RangeError(`sequence number out of range: ${sequenceNumber}`);
  }
  return String(sequenceNumber).padStart(20, '0');
}

/** The half-open RowKey range `[prefix|, prefix}` holding every key that starts `prefix|`. */
export function prefixRange(prefix: string): { from: string; below: string } {
  // '}' follows '|' in code-point order, so the range ends right after the last such key.
  return { from: prefix + KEY_SEPARATOR, below: prefix + '}' };
}

/** Keys of the rows oomwatch writes, by table; every table's keys come from here. */
export const rowKeys = {
  /** Main event row: PK cluster, RK event id. */
  event: (cluster: string, id: string) => ({
    partitionKey: compoundKey(cluster),
    rowKey: compoundKey(id),
  }),
  /** Partition of the cluster-wide time index. */
  byTimePartition: (cluster: string) => compoundKey(cluster),
  /** Partition of the per-node index. */
  byNodePartition: (cluster: string, node: string) => compoundKey(cluster, node),
  /** Partition of the per-pod index, by pod uid. */
  byPodPartition: (cluster: string, podUid: string) => compoundKey(cluster, podUid),
  /** Partition of the per-namespace index. */
  byNamespacePartition: (cluster: string, namespace: string) => compoundKey(cluster, namespace),
  /** The clusters table keeps every cluster in one small partition. */
  cluster: (cluster: string) => ({ partitionKey: 'clusters', rowKey: compoundKey(cluster) }),
  /** Pod uid → namespace/name. */
  podName: (cluster: string, podUid: string) => ({
    partitionKey: compoundKey(cluster),
    rowKey: compoundKey('uid', podUid),
  }),
  /** Pod name → uid, ordered so one name (optionally one namespace) is a RowKey prefix. */
  podUidByName: (cluster: string, name: string, namespace: string, podUid: string) => ({
    partitionKey: compoundKey(cluster),
    rowKey: compoundKey('name', name, namespace, podUid),
  }),
  /** Prefix of {@link rowKeys.podUidByName} rows for a name, optionally in one namespace. */
  podUidByNamePrefix: (name: string, namespace?: string) =>
    namespace === undefined ? compoundKey('name', name) : compoundKey('name', name, namespace),
  /** Container id → container name and pod uid. */
  containerName: (cluster: string, containerId: string) => ({
    partitionKey: compoundKey(cluster),
    rowKey: compoundKey('ctr', containerId),
  }),
  /** Memory-pressure record: PK cluster|day, RK inverted time|id. */
  memoryPressure: (cluster: string, epochMs: number, id: string) => ({
    partitionKey: compoundKey(cluster, utcDay(epochMs)),
    rowKey: timeOrderedRowKey(epochMs, id),
  }),
  /** Dead letter: one row per (stream, partition, sequence number); a retry rewrites it. */
  deadLetter: (stream: string, partitionId: string, sequenceNumber: number) => ({
    partitionKey: compoundKey(stream, partitionId),
    rowKey: sequenceRowKey(sequenceNumber),
  }),
  /** Assembler state of one Event Hubs partition for one stream (hub + consumer group). */
  pending: (stream: string, partitionId: string) => ({
    partitionKey: compoundKey(stream),
    rowKey: compoundKey(partitionId),
  }),
} as const;
