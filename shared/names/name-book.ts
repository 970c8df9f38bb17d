/**
 * What the runtime and kubelet lines taught us about pods and containers, as plain data so it
 * can be saved with the assembler state. Bounded: the oldest entries go first.
 */
import type { RuntimeLine } from './runtime-lines';

export interface PodName {
  namespace: string;
  name: string;
}

export interface ContainerName {
  name: string | null;
  podUid: string | null;
  sandboxId: string | null;
  namespace: string | null;
  pod: string | null;
}

export interface NameBook {
  pods: Record<string, PodName>;
  sandboxes: Record<string, string>;
  containers: Record<string, ContainerName>;
}

/** A name fact learned from one line, for storage (so later reads can name earlier kills). */
export interface NameFact {
  /** Cluster of the line that taught it (set by the assembler). */
  cluster: string | null;
  podUid: string | null;
  namespace: string | null;
  pod: string | null;
  containerId: string | null;
  container: string | null;
}

// Kept small because the book is saved with each partition's state; the pod-names table holds
// everything learned, and reads name events from it.
const MAX_ENTRIES = 500;

export function emptyNameBook(): NameBook {
  return { pods: {}, sandboxes: {}, containers: {} };
}

/**
 * Records what a naming line says; returns the fact learned, or null for other lines and for
 * lines that teach nothing new (kubelet repeats a pod's names on every PLEG event; storing
 * each repeat cost most of ingest's storage requests).
 */
export function learnNames(book: NameBook, line: RuntimeLine): NameFact | null {
  if (line.kind === 'sandbox') {
    const pod = line.podUid ? book.pods[line.podUid] : undefined;
    const knownAlready =
      line.podUid !== null &&
      pod?.namespace === line.namespace &&
      pod.name === line.pod &&
      book.sandboxes[line.sandboxId] === line.podUid;
    if (knownAlready) return null;
    if (line.podUid) put(book.pods, line.podUid, { namespace: line.namespace, name: line.pod });
    if (line.podUid) put(book.sandboxes, line.sandboxId, line.podUid);
    return {
      cluster: null,
      podUid: line.podUid,
      namespace: line.namespace,
      pod: line.pod,
      containerId: null,
      container: null,
    };
  }
  if (line.kind !== 'container') return null;

  const podUid = line.podUid ?? (line.sandboxId ? (book.sandboxes[line.sandboxId] ?? null) : null);
  const known = book.containers[line.containerId];
  const entry: ContainerName = {
    name: line.container || known?.name || null,
    podUid: podUid ?? known?.podUid ?? null,
    sandboxId: line.sandboxId ?? known?.sandboxId ?? null,
    namespace: line.namespace ?? known?.namespace ?? null,
    pod: line.pod ?? known?.pod ?? null,
  };
  const knownPod = entry.podUid ? book.pods[entry.podUid] : undefined;
  const podNews =
    entry.podUid !== null &&
    entry.namespace !== null &&
    entry.pod !== null &&
    (knownPod?.namespace !== entry.namespace || knownPod.name !== entry.pod);
  if (known && sameContainer(known, entry) && !podNews) return null;

  put(book.containers, line.containerId, entry);
  if (podNews && entry.podUid && entry.namespace && entry.pod) {
    put(book.pods, entry.podUid, { namespace: entry.namespace, name: entry.pod });
  }
  const pod = entry.podUid ? book.pods[entry.podUid] : undefined;
  return {
    cluster: null,
    podUid: entry.podUid,
    namespace: entry.namespace ?? pod?.namespace ?? null,
    pod: entry.pod ?? pod?.name ?? null,
    containerId: line.containerId,
    container: entry.name,
  };
}

/** Names for a pod UID and/or container id, from everything learned so far. */
export function lookUpNames(book: NameBook, podUid: string | null, containerId: string | null) {
  const container = containerId ? book.containers[containerId] : undefined;
  const uid = podUid ?? container?.podUid ?? null;
  const pod = uid ? book.pods[uid] : undefined;
  return {
    namespace: pod?.namespace ?? container?.namespace ?? null,
    pod: pod?.name ?? container?.pod ?? null,
    container: container?.name ?? null,
  };
}

function sameContainer(a: ContainerName, b: ContainerName): boolean {
  return (
    a.name === b.name &&
    a.podUid === b.podUid &&
    a.sandboxId === b.sandboxId &&
    a.namespace === b.namespace &&
    a.pod === b.pod
  );
}

function put<T>(map: Record<string, T>, key: string, value: T): void {
  if (!(key in map)) {
    const keys = Object.keys(map);
    if (keys.length >= MAX_ENTRIES) delete map[keys[0] ?? ''];
  }
  map[key] = value;
}
