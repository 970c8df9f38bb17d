/**
 * Index rows of events: a compact projection filed under the event's time, pointing at the
 * main row by event id. The same RowKey (inverted time|id) in every index table makes one
 * cursor work for all of them.
 */
import { OomKillEvent, Scope } from '../model/event';
import { rowKeys, timeOrderedRowKey } from './keys';
import { TableNames } from './table-names';

/** An index-table entity. Optional fields are absent when the event did not name them. */
export interface EventIndexEntity {
  partitionKey: string;
  rowKey: string;
  eventId: string;
  /** ISO time the event is filed under. */
  filedAt: string;
  scope: Scope;
  node?: string;
  podUid?: string;
  namespace?: string;
  podName?: string;
  containerName?: string;
  victimName?: string;
}

/** The fields of an index row other than its keys, as read back. */
export interface EventSummary {
  eventId: string;
  filedAt: string;
  scope: Scope;
  node: string | null;
  podUid: string | null;
  namespace: string | null;
  podName: string | null;
  containerName: string | null;
  victimName: string | null;
}

/** The index tables an event is written to. */
export type EventIndexTable = keyof Pick<
  TableNames,
  'eventsByTime' | 'eventsByNode' | 'eventsByPod' | 'eventsByNamespace'
>;

/** Builds the index rows of an event filed at `filedMs`, one per index that applies. */
export function eventToIndexEntities(
  cluster: string,
  event: OomKillEvent,
  filedMs: number,
): { table: EventIndexTable; entity: EventIndexEntity }[] {
  const projection: Omit<EventIndexEntity, 'partitionKey'> = {
    rowKey: timeOrderedRowKey(filedMs, event.id),
    eventId: event.id,
    filedAt: new Date(filedMs).toISOString(),
    scope: event.scope,
  };
  if (event.node !== null) projection.node = event.node;
  if (event.pod !== null) projection.podUid = event.pod.uid;
  if (event.pod?.namespace != null) projection.namespace = event.pod.namespace;
  if (event.pod?.name != null) projection.podName = event.pod.name;
  if (event.container?.name != null) projection.containerName = event.container.name;
  if (event.victim !== null) projection.victimName = event.victim.name;

  const rows: { table: EventIndexTable; entity: EventIndexEntity }[] = [
    {
      table: 'eventsByTime',
      entity: { ...projection, partitionKey: rowKeys.byTimePartition(cluster) },
    },
  ];
  if (event.node !== null) {
    const partitionKey = rowKeys.byNodePartition(cluster, event.node);
    rows.push({ table: 'eventsByNode', entity: { ...projection, partitionKey } });
  }
  if (event.pod !== null) {
    const partitionKey = rowKeys.byPodPartition(cluster, event.pod.uid);
    rows.push({ table: 'eventsByPod', entity: { ...projection, partitionKey } });
  }
  if (projection.namespace !== undefined) {
    const partitionKey = rowKeys.byNamespacePartition(cluster, projection.namespace);
    rows.push({ table: 'eventsByNamespace', entity: { ...projection, partitionKey } });
  }
  return rows;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reads an index row back; the inverse of the projection in {@link eventToIndexEntities}. */
export function indexEntityToSummary(entity: Record<string, unknown>): EventSummary {
  return {
    eventId: String(entity.eventId),
    filedAt: String(entity.filedAt),
    scope: entity.scope as Scope,
    node: text(entity.node),
    podUid: text(entity.podUid),
    namespace: text(entity.namespace),
    podName: text(entity.podName),
    containerName: text(entity.containerName),
    victimName: text(entity.victimName),
  };
}
