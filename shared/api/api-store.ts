/**
 * What the API reads from storage: the EventStore's queries plus a point read of one cluster's
 * row, so a listing can tell an unknown cluster (404) from one with no matching events.
 */
import { OomKillEvent } from '../model/event';
import { ClusterInfo } from '../storage/cluster-registry';
import { EventPage, EventQuery, EventStore } from '../storage/event-store';
import { rowKeys } from '../storage/keys';
import { getTableClients, TableClients } from '../storage/table-client-factory';
import { getEntityOrNull } from '../storage/table-reads';

/** The reads the API's query modules use. */
export interface ApiStore {
  listClusters(): Promise<ClusterInfo[]>;
  /** The cluster's row, or null when no event was ever stored for it. */
  findCluster(cluster: string): Promise<ClusterInfo | null>;
  listEvents(query: EventQuery): Promise<EventPage>;
  getEvent(cluster: string, id: string): Promise<OomKillEvent | null>;
}

/** An ApiStore over one set of table clients. */
export function createApiStore(tables: TableClients): ApiStore {
  const events = new EventStore(tables);
  return {
    listClusters: () => events.listClusters(),
    listEvents: (query) => events.listEvents(query),
    getEvent: (cluster, id) => events.getEvent(cluster, id),
    findCluster: async (cluster) => {
      const keys = rowKeys.cluster(cluster);
      const row = await getEntityOrNull(tables.clusters, keys.partitionKey, keys.rowKey);
      if (row === null) return null;
      return {
        cluster: String(row.cluster),
        firstEventTime: String(row.firstEventTime),
        lastEventTime: String(row.lastEventTime),
        eventsSeen: Number(row.eventsSeen),
      };
    },
  };
}

/** The store over the process's shared clients (the same ones EventStore.fromEnvironment uses). */
export function apiStoreFromEnvironment(): ApiStore {
  return createApiStore(getTableClients());
}
