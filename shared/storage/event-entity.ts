/**
 * Entity ↔ event mapping for the event tables, in one symmetric pair: the main row holds the
 * whole event (large fields split across numbered properties), index rows a compact projection.
 */
import { OomKillEvent, Scope } from '../model/event';
import { rowKeys } from './keys';
import {
  CHUNK_CHARS,
  fitJsonArray,
  fitJsonRecord,
  readChunks,
  writeChunks,
} from './property-chunks';

/** Version of the main-row layout, so a later layout can still read older rows. */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * Chunk budgets per field. 15 chunks of 32 K chars is 960 KB of UTF-16, under the 1 MiB
 * entity limit with room for the small properties.
 */
const CHUNK_BUDGET = { core: 4, rawLines: 6, tasks: 4, memoryStats: 1 } as const;

/**
 * Azurite measures an entity as UTF-8 JSON (limit 1 MiB), where quotes in our JSON-in-JSON
 * chunks are escaped, so the request body is checked against this and shrunk if over.
 */
const ENTITY_BODY_BYTES = 1_000_000;

/** Fields cut to fit the entity limits, recorded on the row. */
export type TruncatedField = 'rawLines' | 'tasks' | 'memoryStats' | 'killed';

/** Thrown when an event cannot fit even after its large fields are cut. */
export class EventTooLargeError extends Error {
  constructor(
    readonly eventId: string,
    readonly bytes: number,
  ) {
    super(`event ${eventId} needs ${bytes} bytes after truncation, over the entity limit`);
    this.name = 'EventTooLargeError';
  }
}

/**
 * The instant an event is filed under. An event without a readable wall clock (`time` null)
 * is filed under the time oomwatch received it, which the caller passes: the Event Hubs
 * enqueued time, so a replay of the same message files the event under the same keys.
 */
export function filingTime(event: OomKillEvent, receivedAt: string): number {
  const ms = Date.parse(event.time ?? receivedAt);
  if (Number.isNaN(ms)) {
    throw new RangeError(`event ${event.id}: unreadable time ${event.time ?? receivedAt}`);
  }
  return ms;
}

/** Main-row properties besides the keys and the chunked JSON. */
export interface EventRowProperties {
  schemaVersion: number;
  cluster: string;
  eventId: string;
  /** ISO time the row is filed under (see {@link filingTime}). */
  filedAt: string;
  /** Whether filedAt is the event's own time or the received time. */
  filedBy: 'event-time' | 'received-time';
  receivedAt: string;
  scope: Scope;
  node?: string;
  podUid?: string;
  containerId?: string;
  /** Comma-separated {@link TruncatedField}s, when anything was cut. */
  truncated?: string;
}

/** A main-table entity: keys, {@link EventRowProperties} and `core_n`/`rawLines_n`/… chunks. */
export type EventEntity = EventRowProperties & {
  partitionKey: string;
  rowKey: string;
  [chunk: string]: unknown;
};

interface FittedFields {
  core: string;
  rawLines: string;
  tasks: string;
  memoryStats: string;
  truncated: TruncatedField[];
}

/** Serialises the event's parts, cutting the large lists to `scale` of their budgets. */
function fitEvent(event: OomKillEvent, scale: number): FittedFields {
  const budget = (chunks: number) => Math.floor(chunks * CHUNK_CHARS * scale);
  const truncated: TruncatedField[] = [];
  const { rawLines, tasks, memoryStats, ...core } = event;

  const lines = fitJsonArray(rawLines, budget(CHUNK_BUDGET.rawLines));
  if (lines.kept < rawLines.length) truncated.push('rawLines');
  const rows = fitJsonArray(tasks, budget(CHUNK_BUDGET.tasks));
  if (rows.kept < tasks.length) truncated.push('tasks');
  const stats = fitJsonRecord(memoryStats, budget(CHUNK_BUDGET.memoryStats));
  if (stats.kept < Object.keys(memoryStats).length) truncated.push('memoryStats');

  // A group kill can list thousands of processes; that list is the only open-ended core part.
  let coreJson = JSON.stringify(core);
  const coreBudget = CHUNK_BUDGET.core * CHUNK_CHARS;
  if (coreJson.length > coreBudget) {
    const others = JSON.stringify({ ...core, killed: [] }).length - 2;
    const killed = fitJsonArray(core.killed, coreBudget - others);
    coreJson = JSON.stringify({ ...core, killed: JSON.parse(killed.json) as unknown });
    truncated.push('killed');
  }
  return {
    core: coreJson,
    rawLines: lines.json,
    tasks: rows.json,
    memoryStats: stats.json,
    truncated,
  };
}

function buildEntity(
  cluster: string,
  event: OomKillEvent,
  receivedAt: string,
  fitted: FittedFields,
): EventEntity {
  const filedAt = new Date(filingTime(event, receivedAt)).toISOString();
  const entity: EventEntity = {
    ...rowKeys.event(cluster, event.id),
    schemaVersion: EVENT_SCHEMA_VERSION,
    cluster,
    eventId: event.id,
    filedAt,
    filedBy: event.time === null ? 'received-time' : 'event-time',
    receivedAt,
    scope: event.scope,
  };
  if (event.node !== null) entity.node = event.node;
  if (event.pod !== null) entity.podUid = event.pod.uid;
  if (event.container !== null) entity.containerId = event.container.id;
  if (fitted.truncated.length > 0) entity.truncated = fitted.truncated.join(',');

  writeChunks(entity, 'core', fitted.core);
  writeChunks(entity, 'rawLines', fitted.rawLines);
  writeChunks(entity, 'tasks', fitted.tasks);
  writeChunks(entity, 'memoryStats', fitted.memoryStats);
  return entity;
}

/**
 * Maps an event to its main-table entity, filed under `cluster`. Raw lines, tasks and memory
 * stats that exceed their budgets are cut (whole lines/rows/entries) and named in `truncated`;
 * {@link entityToEvent} then marks the event partial.
 */
export function eventToEntity(
  cluster: string,
  event: OomKillEvent,
  receivedAt: string,
): EventEntity {
  let bytes = 0;
  for (const scale of [1, 0.5, 0.25, 0.1]) {
    const entity = buildEntity(cluster, event, receivedAt, fitEvent(event, scale));
    bytes = Buffer.byteLength(JSON.stringify(entity));
    if (bytes <= ENTITY_BODY_BYTES) return entity;
  }
  throw new EventTooLargeError(event.id, bytes);
}

function parseChunks<T>(entity: Record<string, unknown>, name: string, empty: T): T {
  const json = readChunks(entity, name);
  return json === undefined ? empty : (JSON.parse(json) as T);
}

/** Maps a main-table entity back to the event; the inverse of {@link eventToEntity}. */
export function entityToEvent(entity: Record<string, unknown>): OomKillEvent {
  const core = parseChunks<Omit<OomKillEvent, 'rawLines' | 'tasks' | 'memoryStats'> | null>(
    entity,
    'core',
    null,
  );
  if (core === null) throw new Error(`entity ${String(entity.rowKey)} has no event data`);

  const event: OomKillEvent = {
    ...core,
    rawLines: parseChunks(entity, 'rawLines', []),
    tasks: parseChunks(entity, 'tasks', []),
    memoryStats: parseChunks(entity, 'memoryStats', {}),
  };
  // A cut report is a partial one, in the contract's own words.
  if (typeof entity.truncated === 'string' && entity.truncated !== '') event.partial = true;
  return event;
}

/** The fields that were cut when the entity was written. */
export function truncatedFields(entity: Record<string, unknown>): TruncatedField[] {
  const value = entity.truncated;
  return typeof value === 'string' && value !== '' ? (value.split(',') as TruncatedField[]) : [];
}
