/**
 * Writes and reads events: a main row per event plus index rows by time, node, pod uid and
 * namespace, all with deterministic keys and Replace upserts so a replayed batch is a no-op.
 */
import { odata, TableClient } from '@azure/data-tables';

import { OomKillEvent, Scope } from '../model/event';
import { noteClusterEvents, listClusters, ClusterInfo } from './cluster-registry';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';
import { entityToEvent, eventToEntity, filingTime } from './event-entity';
import { EventIndexEntity, EventIndexTable, eventToIndexEntities } from './event-index-entity';
import { newestBoundRowKey, oldestBoundRowKey, rowKeys } from './keys';
import { attachNames, findPodUids, NameObservation, recordNames } from './pod-names';
import { getTableClients, TableClients } from './table-client-factory';
import { getEntityOrNull, queryRows, Row } from './table-reads';
import { upsertInTransactions } from './transactions';

/** An event to store and the time oomwatch received it (the Event Hubs enqueued time). */
export interface EventWrite {
  event: OomKillEvent;
  /** ISO time; files the event when its own `time` is null (see filingTime). */
  receivedAt: string;
}

/** What {@link EventStore.upsertEvents} wrote. */
export interface UpsertReport {
  events: number;
  rows: number;
  transactions: number;
}

/** A page request. Filters combine; the most selective index serves the query. */
export interface EventQuery {
  cluster: string;
  node?: string;
  namespace?: string;
  /** A pod uid, or a pod name (resolved to uids through the pod-names table). */
  pod?: string;
  scope?: Scope;
  /** Inclusive lower bound of the filing time. */
  from?: Date;
  /** Exclusive upper bound of the filing time. */
  to?: Date;
  /** 1–1000. */
  limit: number;
  cursor?: string;
}

/** One page of events, newest first. */
export interface EventPage {
  events: OomKillEvent[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Largest page a caller may ask for (the service's own page size). */
export const MAX_PAGE_SIZE = 1000;

// Kubernetes pod uids are RFC 4122 UUIDs; static (mirror) pods print a 32-hex config hash.
const POD_UID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

// Rows of one pod rewritten when its name is learned; a pod with more kills keeps the rest
// unindexed by namespace (still named on read).
const MAX_BACKFILL_ROWS = 1000;

/** Events in Table Storage, over one set of table clients. */
export class EventStore {
  constructor(private readonly tables: TableClients) {}

  /** A store over the process's shared clients, from the app settings. */
  static fromEnvironment(prefix = ''): EventStore {
    return new EventStore(getTableClients(prefix));
  }

  /**
   * Writes events under `cluster`: main rows first, then index rows, so an index row rarely
   * points at a missing main row (readers skip those). Names already learned for the pods are
   * attached first, so the namespace index can be written at once.
   */
  async upsertEvents(cluster: string, writes: readonly EventWrite[]): Promise<UpsertReport> {
    const events = await attachNames(
      this.tables.podNames,
      cluster,
      writes.map((w) => w.event),
    );
    const firstReceipts = await this.firstReceipts(cluster, writes);
    const filed = writes.map((write, index) => {
      const receivedAt = firstReceipts[index] ?? write.receivedAt;
      return {
        event: events[index] as OomKillEvent,
        receivedAt,
        filedMs: filingTime(write.event, receivedAt),
      };
    });

    const main = filed.map((f) => eventToEntity(cluster, f.event, f.receivedAt));
    const mainReport = await upsertInTransactions(this.tables.events, main);

    const byTable = new Map<EventIndexTable, EventIndexEntity[]>();
    for (const f of filed) {
      for (const { table, entity } of eventToIndexEntities(cluster, f.event, f.filedMs)) {
        byTable.set(table, [...(byTable.get(table) ?? []), entity]);
      }
    }
    const indexReports = await Promise.all(
      [...byTable].map(([table, rows]) => upsertInTransactions(this.tables[table], rows)),
    );

    await noteClusterEvents(
      this.tables.clusters,
      cluster,
      filed.map((f) => f.filedMs),
    );
    const reports = [mainReport, ...indexReports];
    return {
      events: filed.length,
      rows: reports.reduce((n, r) => n + r.rows, 0),
      transactions: reports.reduce((n, r) => n + r.transactions, 0),
    };
  }

  /**
   * For events without a wall time (filed under when they were received): the receive time
   * already stored for the same id, so ingesting the same lines again (a CLI re-run, a copy
   * forwarded later) keeps the event under its first keys instead of adding index rows.
   */
  private async firstReceipts(
    cluster: string,
    writes: readonly EventWrite[],
  ): Promise<(string | undefined)[]> {
    return Promise.all(
      writes.map(async (write) => {
        if (write.event.time !== null) return undefined;
        const keys = rowKeys.event(cluster, write.event.id);
        const row = await getEntityOrNull(this.tables.events, keys.partitionKey, keys.rowKey);
        return typeof row?.receivedAt === 'string' ? row.receivedAt : undefined;
      }),
    );
  }

  /** One event by id, with names attached, or null. */
  async getEvent(cluster: string, id: string): Promise<OomKillEvent | null> {
    const keys = rowKeys.event(cluster, id);
    const row = await getEntityOrNull(this.tables.events, keys.partitionKey, keys.rowKey);
    if (row === null) return null;
    const [named] = await attachNames(this.tables.podNames, cluster, [entityToEvent(row)]);
    return named ?? null;
  }

  /** A page of events, newest first, from the index that fits the filters. */
  async listEvents(query: EventQuery): Promise<EventPage> {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const after = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
    const { table, partitions, filters } = await this.planQuery(query);

    const bounds = [...filters];
    if (after !== undefined) bounds.push(odata`RowKey gt ${after}`);
    if (query.to !== undefined)
      bounds.push(odata`RowKey ge ${newestBoundRowKey(query.to.getTime())}`);
    if (query.from !== undefined) {
      bounds.push(odata`RowKey lt ${oldestBoundRowKey(query.from.getTime())}`);
    }

    // Each partition yields at most limit+1 rows; merged in RowKey order, that is enough to
    // fill the page and know whether another follows.
    const perPartition = await Promise.all(
      partitions.map((pk) =>
        queryRows(
          this.tables[table],
          [odata`PartitionKey eq ${pk}`, ...bounds].join(' and '),
          query.limit + 1,
        ),
      ),
    );
    const rows = perPartition
      .flat()
      .sort((a, b) => compareRowKeys(a, b))
      .slice(0, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last ? encodeEventCursor(String(last.rowKey)) : null;

    return { events: await this.loadEvents(query.cluster, page), nextCursor };
  }

  /** Every cluster with events. */
  async listClusters(): Promise<ClusterInfo[]> {
    return listClusters(this.tables.clusters);
  }

  /**
   * Records pod and container names. A pod named for the first time gets its earlier events
   * indexed by namespace, so a kill that arrived before its name is found by namespace too.
   */
  async recordNames(cluster: string, observations: readonly NameObservation[]): Promise<void> {
    const learned = await recordNames(this.tables.podNames, cluster, observations);

    await Promise.all(
      learned.map(async (pod) => {
        const partitionKey = rowKeys.byPodPartition(cluster, pod.uid);
        const rows = await queryRows(
          this.tables.eventsByPod,
          odata`PartitionKey eq ${partitionKey}`,
          MAX_BACKFILL_ROWS,
        );
        const named = rows.map((row) => ({
          ...indexFields(row),
          namespace: pod.namespace,
          podName: pod.name,
        }));
        const byNamespace = rowKeys.byNamespacePartition(cluster, pod.namespace);
        await upsertInTransactions(this.tables.eventsByPod, named);
        await upsertInTransactions(
          this.tables.eventsByNamespace,
          named.map((row) => ({ ...row, partitionKey: byNamespace })),
        );
      }),
    );
  }

  /** Picks the index table, its partitions, and the filters the index does not imply. */
  private async planQuery(
    query: EventQuery,
  ): Promise<{ table: EventIndexTable; partitions: string[]; filters: string[] }> {
    const { cluster } = query;
    const filters: string[] = [];
    if (query.scope !== undefined) filters.push(odata`scope eq ${query.scope}`);

    let table: EventIndexTable;
    let partitions: string[];
    if (query.pod !== undefined) {
      // NOTE: with a pod uid the namespace filter is not applied; a uid names one pod already.
      const uids = POD_UID.test(query.pod)
        ? [query.pod]
        : await findPodUids(this.tables.podNames, cluster, query.pod, query.namespace);
      table = 'eventsByPod';
      partitions = uids.map((uid) => rowKeys.byPodPartition(cluster, uid));
    } else if (query.namespace !== undefined) {
      table = 'eventsByNamespace';
      partitions = [rowKeys.byNamespacePartition(cluster, query.namespace)];
    } else if (query.node !== undefined) {
      table = 'eventsByNode';
      partitions = [rowKeys.byNodePartition(cluster, query.node)];
    } else {
      table = 'eventsByTime';
      partitions = [rowKeys.byTimePartition(cluster)];
    }
    // The node is known when every index row is written, so filtering on it is exact.
    if (query.node !== undefined && table !== 'eventsByNode') {
      filters.push(odata`node eq ${query.node}`);
    }
    return { table, partitions, filters };
  }

  /** Reads the main rows behind index rows, keeping their order and attaching names. */
  private async loadEvents(cluster: string, rows: readonly Row[]): Promise<OomKillEvent[]> {
    const main = await Promise.all(
      rows.map((row) => {
        const keys = rowKeys.event(cluster, String(row.eventId));
        return getEntityOrNull(this.tables.events, keys.partitionKey, keys.rowKey);
      }),
    );
    const events = main.flatMap((row) => (row === null ? [] : [entityToEvent(row)]));
    return attachNames(this.tables.podNames, cluster, events);
  }
}

function compareRowKeys(a: Row, b: Row): number {
  const left = String(a.rowKey);
  const right = String(b.rowKey);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An index row as read, without the service's metadata, ready to be written again. */
function indexFields(row: Row): EventIndexEntity {
  const fields: Record<string, unknown> = { ...row };
  for (const metadata of ['etag', 'timestamp', 'odata.metadata']) delete fields[metadata];
  return fields as unknown as EventIndexEntity;
}

/** Clients the store needs, re-exported for callers that build their own set. */
export type { TableClients, TableClient };
