/**
 * Names of oomwatch's tables. A prefix lets tests (and side-by-side deployments) use their own
 * set of tables in one account.
 */

/** Every table the storage layer uses, by role. */
export interface TableNames {
  /** Main rows: the whole event. PK cluster, RK event id. */
  events: string;
  /** Cluster-wide time index. PK cluster, RK inverted time|id. */
  eventsByTime: string;
  /** PK cluster|node, RK inverted time|id. */
  eventsByNode: string;
  /** PK cluster|pod uid, RK inverted time|id. */
  eventsByPod: string;
  /** PK cluster|namespace, RK inverted time|id. */
  eventsByNamespace: string;
  /** One row per cluster with first/last event time. */
  clusters: string;
  /** Pod and container names learned from containerd/kubelet lines. PK cluster. */
  podNames: string;
  /** Kubelet memory-pressure and eviction records. PK cluster|day. */
  memoryPressure: string;
  /** Messages the ingest could not process. PK partition id, RK sequence number. */
  deadLetters: string;
  /** Saved assembler state. PK stream, RK partition id. */
  pending: string;
  /** Daily summaries (shared/summary). PK cluster, RK day. */
  summaries: string;
  /** Digest e-mails claimed and sent (shared/digest). PK cluster, RK day. */
  digests: string;
}

// Table names must match ^[A-Za-z][A-Za-z0-9]{2,62}$, so a prefix may only add letters/digits.
const TABLE_PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{0,39})?$/;

/** The table names with an optional prefix (letters and digits, starting with a letter). */
export function tableNames(prefix = ''): TableNames {
  if (!TABLE_PREFIX.test(prefix)) {
    throw new RangeError(
      `table prefix must be letters and digits, starting with a letter: ${prefix}`,
    );
  }
  return {
    events: `${prefix}oomevents`,
    eventsByTime: `${prefix}oomeventsbytime`,
    eventsByNode: `${prefix}oomeventsbynode`,
    eventsByPod: `${prefix}oomeventsbypod`,
    eventsByNamespace: `${prefix}oomeventsbyns`,
    clusters: `${prefix}oomclusters`,
    podNames: `${prefix}oompodnames`,
    memoryPressure: `${prefix}oompressure`,
    deadLetters: `${prefix}oomdeadletters`,
    pending: `${prefix}oompending`,
    summaries: `${prefix}oomsummaries`,
    digests: `${prefix}oomdigests`,
  };
}
