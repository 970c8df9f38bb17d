/**
 * Non-kernel lines that oomwatch reads beside the kernel report: containerd, CRI-O and kubelet
 * lines that name pods and containers, containerd/systemd lines that corroborate an OOM kill
 * or show a container exiting, and kubelet eviction / memory-pressure lines.
 */

export type RuntimeLine =
  | { kind: 'sandbox'; sandboxId: string; podUid: string | null; namespace: string; pod: string }
  | {
      kind: 'container';
      containerId: string;
      sandboxId: string | null;
      container: string;
      namespace: string | null;
      pod: string | null;
      podUid: string | null;
    }
  | { kind: 'task-oom'; containerId: string }
  | { kind: 'unit-oom'; unit: string; containerId: string | null }
  | { kind: 'container-exit'; containerId: string }
  | {
      kind: 'pressure';
      reason: string;
      pod: { namespace: string; name: string; uid: string | null } | null;
    };

// containerd: RunPodSandbox for &PodSandboxMetadata{Name:N,Uid:U,Namespace:NS,…}
// returns sandbox id "ID"
const SANDBOX =
  /RunPodSandbox for &PodSandboxMetadata\{Name:([^,]+),Uid:([^,]+),Namespace:([^,]+),.*?returns sandbox id \\?"([0-9a-f]{64})/;
// containerd: CreateContainer within sandbox "SID" for &ContainerMetadata{Name:N,…}
// returns container id "ID"
const CREATE =
  /CreateContainer within sandbox \\?"([0-9a-f]{64})\\?" for &ContainerMetadata\{Name:([^,]+),.*?returns container id \\?"([0-9a-f]{64})/;
// CRI-O: `Created container ID: NS/POD/CONTAINER`,
// `Ran pod sandbox ID with infra container: NS/POD/POD`
const CRIO_CREATED = /Created container ([0-9a-f]{64}): ([^/\s]+)\/([^/\s]+)\/([^\s"]+)/;
const CRIO_SANDBOX =
  /Ran pod sandbox ([0-9a-f]{64}) with infra container: ([^/\s]+)\/([^/\s]+)\/POD/;
// kubelet ≥ 1.20: "SyncLoop (PLEG): event for pod" pod="NS/NAME"
// event={"ID":"UID","Type":…,"Data":"CID"}
const PLEG_STRUCTURED =
  /SyncLoop \(PLEG\): event for pod" pod="([^/"]+)\/([^"]+)" event=.*?"ID":"([0-9a-f-]{32,36})".*?"Data":"([0-9a-f]{64})"/;
// kubelet < 1.20: SyncLoop (PLEG): "NAME_NS(UID)", event: &pleg.PodLifecycleEvent{…Data:"CID"}
const PLEG_LEGACY =
  /SyncLoop \(PLEG\): "([^"]+)_([^_"(]+)\(([0-9a-f-]{32,36})\)", event: &pleg\.PodLifecycleEvent\{.*?Data:"([0-9a-f]{64})"/;
// containerd, newer and older event formats.
const TASK_OOM = /TaskOOM event (?:container_id:\\?"|&TaskOOM\{ContainerID:)([0-9a-f]{64})/;
const TASK_EXIT = /TaskExit event (?:.*?container_id:\\?"|&TaskExit\{ContainerID:)([0-9a-f]{64})/;
// systemd, for the container's scope or any unit.
const UNIT_OOM =
  /^(\S+\.(?:scope|service)): A process of this unit has been killed by the OOM killer/;
const UNIT_EXIT = /^(\S+\.scope): (?:Succeeded\.|Deactivated successfully\.|Consumed .* CPU time)/;
const UNIT_CONTAINER = /(?:cri-containerd-|crio-|docker-)([0-9a-f]{64})\.scope$/;
// kubelet eviction manager and admission under memory pressure.
const EVICTION = /eviction[_ ]manager/i;
const ADMIT_REFUSED =
  /Failed to admit pod ([^\s_(]+)_([^\s_(]+)\(([0-9a-f-]{32,36})\) - node has conditions: \[[^\]]*MemoryPressure/;

/** Cheap test before the patterns: these words appear in every line this module reads. */
export const MAY_BE_RUNTIME =
  /Sandbox|CreateContainer|Created container|PLEG|TaskOOM|TaskExit|OOM killer|\.scope: |eviction|MemoryPressure/;

/** Recognises one runtime/kubelet/systemd line; null for everything else. */
export function matchRuntimeLine(message: string): RuntimeLine | null {
  if (!MAY_BE_RUNTIME.test(message)) return null;
  return matchNaming(message) ?? matchLifecycle(message) ?? matchPressure(message);
}

function matchNaming(message: string): RuntimeLine | null {
  const sandbox = SANDBOX.exec(message);
  if (sandbox) {
    return {
      kind: 'sandbox',
      pod: sandbox[1] ?? '',
      podUid: sandbox[2] ?? null,
      namespace: sandbox[3] ?? '',
      sandboxId: sandbox[4] ?? '',
    };
  }
  const create = CREATE.exec(message);
  if (create) {
    return {
      kind: 'container',
      sandboxId: create[1] ?? null,
      container: create[2] ?? '',
      containerId: create[3] ?? '',
      namespace: null,
      pod: null,
      podUid: null,
    };
  }
  const crio = CRIO_CREATED.exec(message);
  if (crio) {
    return {
      kind: 'container',
      containerId: crio[1] ?? '',
      namespace: crio[2] ?? null,
      pod: crio[3] ?? null,
      container: crio[4] ?? '',
      sandboxId: null,
      podUid: null,
    };
  }
  const crioSandbox = CRIO_SANDBOX.exec(message);
  if (crioSandbox) {
    return {
      kind: 'sandbox',
      sandboxId: crioSandbox[1] ?? '',
      namespace: crioSandbox[2] ?? '',
      pod: crioSandbox[3] ?? '',
      podUid: null,
    };
  }
  const pleg = PLEG_STRUCTURED.exec(message);
  const legacy = pleg ? null : PLEG_LEGACY.exec(message);
  if (pleg || legacy) {
    const [namespace, pod] = pleg ? [pleg[1], pleg[2]] : [legacy?.[2], legacy?.[1]];
    const match = (pleg ?? legacy) as RegExpExecArray;
    return {
      kind: 'container',
      containerId: match[4] ?? '',
      namespace: namespace ?? null,
      pod: pod ?? null,
      podUid: match[3] ?? null,
      container: '',
      sandboxId: null,
    };
  }
  return null;
}

function matchLifecycle(message: string): RuntimeLine | null {
  const oom = TASK_OOM.exec(message);
  if (oom) return { kind: 'task-oom', containerId: oom[1] ?? '' };
  const exit = TASK_EXIT.exec(message);
  if (exit) return { kind: 'container-exit', containerId: exit[1] ?? '' };
  const unitOom = UNIT_OOM.exec(message);
  if (unitOom) {
    const unit = unitOom[1] ?? '';
    return { kind: 'unit-oom', unit, containerId: UNIT_CONTAINER.exec(unit)?.[1] ?? null };
  }
  const unitExit = UNIT_EXIT.exec(message);
  const exited = unitExit ? UNIT_CONTAINER.exec(unitExit[1] ?? '') : null;
  return exited ? { kind: 'container-exit', containerId: exited[1] ?? '' } : null;
}

function matchPressure(message: string): RuntimeLine | null {
  const refused = ADMIT_REFUSED.exec(message);
  if (refused) {
    return {
      kind: 'pressure',
      reason: 'admission-refused',
      pod: { name: refused[1] ?? '', namespace: refused[2] ?? '', uid: refused[3] ?? null },
    };
  }
  if (!EVICTION.test(message) || !/memory/i.test(message)) return null;
  const reason = /attempting to reclaim/.test(message)
    ? 'reclaim'
    : /must evict|evict(ed)? pod/i.test(message)
      ? 'eviction'
      : 'memory-pressure';
  return { kind: 'pressure', reason, pod: null };
}
