/**
 * Reads a memory cgroup path by segments (never one regex over the whole path):
 *   [nested root]/kubepods[.slice][/<qos>]/pod<UID>[/<container leaf>]
 * for the cgroupfs and systemd drivers, all three QoS classes (Guaranteed has no QoS
 * segment), UIDs with `-` or `_`, static pods' 32-hex UIDs, kind's `/kubelet.slice/…` nesting,
 * and containerd / CRI-O / Docker / bare 64-hex leaves. Non-pod paths (system.slice units,
 * podruntime.slice, user.slice, plain Docker containers) are recognised as such.
 */
import type { ContainerRuntime, QosClass } from '../model/event';

/** How deep into the Kubernetes hierarchy a path reaches. */
export type KubeLevel = 'kubepods' | 'qos' | 'pod' | 'container';

export interface CgroupInfo {
  /** `kube` for paths under a kubepods root, `container` for a non-Kubernetes container,
   * `root` for `/`, `system` for every other cgroup. */
  kind: 'kube' | 'container' | 'root' | 'system';
  level: KubeLevel | null;
  qosClass: QosClass | null;
  /** Pod UID with dashes (static pods: 32 hex as printed). */
  podUid: string | null;
  containerId: string | null;
  runtime: ContainerRuntime | null;
  /** The leaf is CRI-O's conmon monitor, not the container's own processes. */
  conmon: boolean;
}

const KUBEPODS_ROOT = /^(?:[a-z0-9]+-)*kubepods(?:\.slice)?$/;
const QOS_SEGMENT = /^(?:(?:[a-z0-9]+-)*kubepods-)?(burstable|besteffort)(?:\.slice)?$/;
const POD_SEGMENT =
  /^(?:(?:[a-z0-9]+-)*kubepods-(?:(?:burstable|besteffort)-)?)?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}|[0-9a-f]{32})(?:\.slice)?$/;
const LEAF =
  /^(cri-containerd-|crio-conmon-|crio-|docker-|containerd-)?([0-9a-f]{64})(?:\.scope)?$/;

const RUNTIME_BY_PREFIX: Record<string, ContainerRuntime> = {
  'cri-containerd-': 'containerd',
  'containerd-': 'containerd',
  'crio-conmon-': 'cri-o',
  'crio-': 'cri-o',
  'docker-': 'docker',
};

/** Parses a cgroup path as printed by the kernel. */
export function parseCgroupPath(path: string): CgroupInfo {
  const info: CgroupInfo = {
    kind: 'system',
    level: null,
    qosClass: null,
    podUid: null,
    containerId: null,
    runtime: null,
    conmon: false,
  };
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) {
    info.kind = 'root';
    return info;
  }

  const rootAt = segments.findIndex((segment) => KUBEPODS_ROOT.test(segment));
  if (rootAt >= 0) {
    readKubeSegments(segments.slice(rootAt + 1), info);
    return info;
  }

  // A plain container: `/docker/<id>` (cgroupfs) or `/system.slice/docker-<id>.scope`.
  const leaf = readLeaf(segments[segments.length - 1] ?? '');
  const parent = segments[segments.length - 2];
  if (leaf && (leaf.runtime !== null || parent === 'docker')) {
    info.kind = 'container';
    info.containerId = leaf.id;
    info.runtime = leaf.runtime ?? 'docker';
  }
  return info;
}

function readKubeSegments(rest: string[], info: CgroupInfo): void {
  info.kind = 'kube';
  info.level = 'kubepods';
  let index = 0;

  const qos = QOS_SEGMENT.exec(rest[index] ?? '');
  if (qos) {
    info.level = 'qos';
    info.qosClass = qos[1] === 'burstable' ? 'Burstable' : 'BestEffort';
    index++;
  }

  const pod = POD_SEGMENT.exec(rest[index] ?? '');
  if (!pod) return;
  info.level = 'pod';
  info.qosClass ??= 'Guaranteed';
  info.podUid = (pod[1] ?? '').replace(/_/g, '-');
  index++;

  const leaf = readLeaf(rest[index] ?? '');
  if (!leaf) return;
  info.level = 'container';
  info.containerId = leaf.id;
  info.runtime = leaf.runtime;
  info.conmon = leaf.conmon;
}

function readLeaf(segment: string) {
  const leaf = LEAF.exec(segment);
  if (!leaf) return null;
  const prefix = leaf[1] ?? '';
  return {
    id: leaf[2] ?? '',
    runtime: RUNTIME_BY_PREFIX[prefix] ?? null,
    conmon: prefix === 'crio-conmon-',
  };
}
