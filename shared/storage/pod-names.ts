/**
 * Pod and container names learned from containerd and kubelet lines, per cluster: pod uid →
 * namespace/name, pod name → uids, container id → container name and pod uid. A kill report
 * names only uids and container ids, so names are attached from here when events are read.
 */
import { odata, TableClient, TableEntity } from '@azure/data-tables';

import { OomKillEvent } from '../model/event';
import { prefixRange, rowKeys } from './keys';
import { getEntityOrNull, queryRows } from './table-reads';
import { upsertInTransactions } from './transactions';

/** A name learned for a pod or a container. */
export type NameObservation =
  | { kind: 'pod'; podUid: string; namespace: string; name: string }
  | { kind: 'container'; containerId: string; containerName: string; podUid: string | null };

/** A pod's identity. */
export interface PodIdentity {
  uid: string;
  namespace: string;
  name: string;
}

/** A container's name and, when known, its pod. */
export interface ContainerIdentity {
  containerId: string;
  containerName: string;
  podUid: string | null;
}

// Pod names in a namespace are unique at any moment, but a recreated pod reuses its name
// under a new uid; more uids than this for one name are not looked at.
const MAX_UIDS_PER_NAME = 100;

function observationRows(cluster: string, seen: NameObservation): TableEntity[] {
  if (seen.kind === 'container') {
    const row: TableEntity = {
      ...rowKeys.containerName(cluster, seen.containerId),
      containerId: seen.containerId,
      containerName: seen.containerName,
    };
    if (seen.podUid !== null) row.podUid = seen.podUid;
    return [row];
  }
  const fields = { podUid: seen.podUid, namespace: seen.namespace, name: seen.name };
  return [
    { ...rowKeys.podName(cluster, seen.podUid), ...fields },
    { ...rowKeys.podUidByName(cluster, seen.name, seen.namespace, seen.podUid), ...fields },
  ];
}

/**
 * Records names, skipping those already known with the same values. Returns the pods whose
 * name is new or changed, so the caller can index their earlier events by namespace.
 */
export async function recordNames(
  client: TableClient,
  cluster: string,
  observations: readonly NameObservation[],
): Promise<PodIdentity[]> {
  const known = await Promise.all(
    observations.map(async (seen) => {
      const keys =
        seen.kind === 'pod'
          ? rowKeys.podName(cluster, seen.podUid)
          : rowKeys.containerName(cluster, seen.containerId);
      const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
      if (row === null) return false;
      return seen.kind === 'pod'
        ? row.namespace === seen.namespace && row.name === seen.name
        : row.containerName === seen.containerName && (row.podUid ?? null) === seen.podUid;
    }),
  );
  const fresh = observations.filter((_, index) => known[index] !== true);

  await upsertInTransactions(
    client,
    fresh.flatMap((seen) => observationRows(cluster, seen)),
  );
  return fresh.flatMap((seen) =>
    seen.kind === 'pod' ? [{ uid: seen.podUid, namespace: seen.namespace, name: seen.name }] : [],
  );
}

/** The pod with this uid, or null when its name was never seen. */
export async function lookupPod(
  client: TableClient,
  cluster: string,
  podUid: string,
): Promise<PodIdentity | null> {
  const keys = rowKeys.podName(cluster, podUid);
  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  return row === null
    ? null
    : { uid: podUid, namespace: String(row.namespace), name: String(row.name) };
}

/** The container with this id, or null when its name was never seen. */
export async function lookupContainer(
  client: TableClient,
  cluster: string,
  containerId: string,
): Promise<ContainerIdentity | null> {
  const keys = rowKeys.containerName(cluster, containerId);
  const row = await getEntityOrNull(client, keys.partitionKey, keys.rowKey);
  if (row === null) return null;
  const podUid = typeof row.podUid === 'string' ? row.podUid : null;
  return { containerId, containerName: String(row.containerName), podUid };
}

/** The uids of pods with this name (in one namespace when given), from one RowKey range. */
export async function findPodUids(
  client: TableClient,
  cluster: string,
  name: string,
  namespace?: string,
): Promise<string[]> {
  const { partitionKey } = rowKeys.podName(cluster, '');
  const range = prefixRange(rowKeys.podUidByNamePrefix(name, namespace));
  const filter =
    odata`PartitionKey eq ${partitionKey}` +
    odata` and RowKey ge ${range.from} and RowKey lt ${range.below}`;
  const rows = await queryRows(client, filter, MAX_UIDS_PER_NAME);
  return [...new Set(rows.map((row) => String(row.podUid)))];
}

/**
 * Fills in pod namespace/name and container name that the events lack, from names learned
 * since (or before) they were written. A container row can also supply a missing pod.
 * Names already on an event are kept.
 */
export async function attachNames(
  client: TableClient,
  cluster: string,
  events: readonly OomKillEvent[],
): Promise<OomKillEvent[]> {
  const pods = new Map<string, Promise<PodIdentity | null>>();
  const containers = new Map<string, Promise<ContainerIdentity | null>>();
  const pod = (uid: string) => {
    if (!pods.has(uid)) pods.set(uid, lookupPod(client, cluster, uid));
    return pods.get(uid) as Promise<PodIdentity | null>;
  };
  const container = (id: string) => {
    if (!containers.has(id)) containers.set(id, lookupContainer(client, cluster, id));
    return containers.get(id) as Promise<ContainerIdentity | null>;
  };

  return Promise.all(
    events.map(async (event) => {
      let named = event;
      if (event.container !== null && event.container.name === null) {
        const found = await container(event.container.id);
        if (found !== null) {
          named = { ...named, container: { ...event.container, name: found.containerName } };
          if (named.pod === null && found.podUid !== null) {
            named.pod = { uid: found.podUid, qosClass: null, namespace: null, name: null };
          }
        }
      }
      if (named.pod !== null && (named.pod.namespace === null || named.pod.name === null)) {
        const found = await pod(named.pod.uid);
        if (found !== null) {
          named = {
            ...named,
            pod: {
              ...named.pod,
              namespace: named.pod.namespace ?? found.namespace,
              name: named.pod.name ?? found.name,
            },
          };
        }
      }
      return named;
    }),
  );
}
