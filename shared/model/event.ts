/**
 * The oom-kill event: oomwatch's stable output contract (documented in README.md).
 * Fields may be added; none of these may be renamed.
 */

/** Which limit the kernel hit, decided from where the limit was hit (see shared/classify). */
export type Scope =
  'container' | 'pod' | 'node' | 'global' | 'system' | 'cpuset' | 'mempolicy' | 'unknown';

export const SCOPES: readonly Scope[] = [
  'container',
  'pod',
  'node',
  'global',
  'system',
  'cpuset',
  'mempolicy',
  'unknown',
];

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';
export type ContainerRuntime = 'containerd' | 'cri-o' | 'docker';

/** The process the kernel chose to kill, from the `Killed process` line (or a fallback). */
export interface Victim {
  pid: number;
  name: string;
  uid: number | null;
  totalVmKb: number | null;
  anonRssKb: number | null;
  fileRssKb: number | null;
  shmemRssKb: number | null;
  pgtablesKb: number | null;
  oomScoreAdj: number | null;
}

/** The process whose allocation invoked the OOM killer (`… invoked oom-killer:`). */
export interface Trigger {
  pid: number | null;
  name: string;
  gfpMask: string | null;
  order: number | null;
  oomScoreAdj: number | null;
}

/** Usage and limit of the memory cgroup that ran out (`memory: usage …`). */
export interface MemcgUsage {
  usageKb: number | null;
  limitKb: number | null;
  failcnt: number | null;
}

export interface PodRef {
  /** With dashes; a static pod's 32-hex UID is kept as printed. */
  uid: string;
  qosClass: QosClass | null;
  namespace: string | null;
  name: string | null;
}

export interface ContainerRef {
  /** 64 hex characters. */
  id: string;
  runtime: ContainerRuntime | null;
  name: string | null;
}

export interface KilledProcess {
  pid: number;
  name: string;
}

/** One row of the task table (`[  pid  ] uid tgid total_vm rss …`). */
export interface TaskRow {
  pid: number;
  uid: number;
  tgid: number;
  totalVmPages: number;
  rssPages: number;
  oomScoreAdj: number;
  name: string;
}

export interface OomKillEvent {
  kind: 'oom-kill';
  id: string;
  cluster: string | null;
  node: string | null;
  /** ISO-8601 UTC of the report's first timed line, or null when no wall time was readable. */
  time: string | null;
  /** Seconds since boot (printk time) of the report's first line, or null. */
  kernelTime: number | null;
  scope: Scope;
  constraint: string | null;
  oomCgroup: string | null;
  taskCgroup: string | null;
  victim: Victim | null;
  trigger: Trigger | null;
  memcg: MemcgUsage | null;
  pod: PodRef | null;
  container: ContainerRef | null;
  groupKill: boolean;
  killed: KilledProcess[];
  recommendation: string;

  /** A child process was killed and the container probably kept running (see README). */
  childKillSuspected: boolean;
  /** The evidence behind childKillSuspected, in words, for the reader of an event. */
  childKillEvidence: string[];
  /** The group cgroup named by `Tasks in … memory.oom.group set`, when printed. */
  groupCgroup: string | null;
  /** The header was rate-limited away (`oom_kill_process: N callbacks suppressed`). */
  headerSuppressed: boolean;
  /** Lines of the report were cut or missing (truncated, grep excerpts). */
  partial: boolean;
  /** `Memory cgroup stats for` of the OOMing cgroup, key → value as printed. */
  memoryStats: Record<string, number>;
  tasks: TaskRow[];
  /** containerd TaskOOM / systemd "killed by the OOM killer" lines seen for this container. */
  corroboration: string[];
  /** When the transport received the report's first line (Event Hubs enqueued time), or null. */
  receivedAt: string | null;
  /** The report's kernel lines, as received (messages only, without syslog prefixes). */
  rawLines: string[];
}

/** Kubelet eviction and node memory-pressure lines: context, never counted as kills. */
export interface MemoryPressureRecord {
  kind: 'memory-pressure';
  id: string;
  cluster: string | null;
  node: string | null;
  time: string | null;
  reason: string;
  message: string;
  pod: { namespace: string; name: string; uid: string | null } | null;
}

export type OomwatchRecord = OomKillEvent | MemoryPressureRecord;
