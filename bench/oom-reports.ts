/**
 * Complete kernel OOM reports for the syslog generator, one builder per scope and format.
 * Each builder returns the report's kernel messages (without syslog or printk prefixes), the
 * runtime lines a node prints right after it, and the scope oomwatch must classify it as.
 * Every report yields exactly one `oom-kill` event; `checkReports` proves that before a run.
 */
import type { Scope } from '../shared/model/event';
import type { Random } from './random';

/** A pod (and its one workload container) living on a generated node. */
export interface BenchPod {
  uid: string;
  namespace: string;
  name: string;
  container: string;
  containerId: string;
  sandboxId: string;
  qos: 'guaranteed' | 'burstable' | 'besteffort';
}

/** One report: kernel messages, then runtime lines (program, text) printed just after. */
export interface OomReport {
  format: string;
  scope: Scope;
  kernel: string[];
  runtime: { program: string; text: string }[];
}

type Builder = (random: Random, pod: BenchPod) => OomReport;

const COMMS = ['java', 'python3', 'node', 'stress', 'postgres', 'nginx', 'ruby', 'dotnet'];
const GFP_V5 = 'gfp_mask=0xcc0(GFP_KERNEL), order=0';
const GFP_V4 = 'gfp_mask=0x6000c0(GFP_KERNEL), nodemask=(null), order=0';

/** systemd-driver cgroup of a pod, as cgroup v2 (and v1 with the systemd driver) print it. */
function podSlice(pod: BenchPod): string {
  const uid = pod.uid.replace(/-/g, '_');
  if (pod.qos === 'guaranteed') return `/kubepods.slice/kubepods-pod${uid}.slice`;
  const qos = `kubepods-${pod.qos}`;
  return `/kubepods.slice/${qos}.slice/${qos}-pod${uid}.slice`;
}

function containerScope(pod: BenchPod): string {
  return `${podSlice(pod)}/cri-containerd-${pod.containerId}.scope`;
}

/** cgroupfs-driver path (cgroup v1, older nodes). */
function podCgroupfs(pod: BenchPod): string {
  const qos = pod.qos === 'guaranteed' ? '' : `/${pod.qos}`;
  return `/kubepods${qos}/pod${pod.uid}`;
}

function headerLines(random: Random, comm: string, pid: number, gfp: string, kernel: string) {
  return [
    `${comm} invoked oom-killer: ${gfp}, oom_score_adj=${random.pick([-997, 0, 872, 999])}`,
    `CPU: ${random.int(0, 15)} PID: ${pid} Comm: ${comm} Not tainted ${kernel} #1`,
    'Hardware name: Microsoft Corporation Virtual Machine/Virtual Machine, BIOS 090008  12/07/2018',
    'Call Trace:',
    ' <TASK>',
    ' dump_stack_lvl+0x4c/0x70',
    ' dump_header+0x4a/0x240',
    ' oom_kill_process+0x109/0x1a0',
    ' out_of_memory+0x246/0x590',
    ' mem_cgroup_out_of_memory+0x13d/0x160',
    ' try_charge_memcg+0x7a8/0x860',
    ' handle_mm_fault+0x107/0x2f0',
    ' exc_page_fault+0x77/0x170',
    ' asm_exc_page_fault+0x26/0x30',
    ' </TASK>',
  ];
}

function v2Stats(random: Random, path: string): string[] {
  const anon = random.int(100, 4000) * 1_048_576;
  return [
    `Memory cgroup stats for ${path}:`,
    `anon ${anon}`,
    `file ${random.int(0, 50) * 4096}`,
    `kernel ${random.int(1, 20) * 65536}`,
    `kernel_stack ${random.int(1, 40) * 16384}`,
    `pagetables ${random.int(1, 200) * 4096}`,
    'sock 0',
    `shmem 0`,
    `file_mapped ${random.int(0, 50) * 4096}`,
    `inactive_anon ${anon}`,
    'active_anon 8192',
    'pgfault 123456',
    'oom_kill 1',
  ];
}

function taskTable(random: Random, pid: number, comm: string, rows: number): string[] {
  const lines = [
    'Tasks state (memory values in pages):',
    '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
    `[ ${String(random.int(1000, 9999)).padStart(5)}]   65535 ${random.int(1000, 9999)}` +
      '      243        1    28672        0          -998 pause',
  ];
  for (let row = 0; row < rows; row++) {
    const rowPid = row === rows - 1 ? pid : pid - rows + row;
    lines.push(
      `[ ${String(rowPid).padStart(5)}]     0 ${rowPid}  ${random.int(100_000, 999_999)}  ` +
        `${random.int(10_000, 99_999)}  ${random.int(100_000, 999_999)}        0           ` +
        `872 ${row === rows - 1 ? comm : 'sh'}`,
    );
  }
  return lines;
}

function killLine(random: Random, prefix: string, pid: number, comm: string, modern: boolean) {
  const anon = random.int(100_000, 4_000_000);
  const base =
    `${prefix}: Killed process ${pid} (${comm}) total-vm:${anon + 200_000}kB, ` +
    `anon-rss:${anon}kB, file-rss:${random.int(0, 9999)}kB, shmem-rss:0kB`;
  return modern ? `${base}, UID:0 pgtables:${random.int(100, 9999)}kB oom_score_adj:872` : base;
}

/** The `oom-kill:` summary line (Linux 5.0+); `oomMemcg` is `oom_memcg=…` or `global_oom`. */
function summary(oomMemcg: string, taskMemcg: string, pod: BenchPod, comm: string, pid: number) {
  return (
    `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-` +
    `${pod.containerId}.scope,mems_allowed=0,${oomMemcg},task_memcg=${taskMemcg},` +
    `task=${comm},pid=${pid},uid=0`
  );
}

function taskOom(pod: BenchPod) {
  return [
    {
      program: 'containerd',
      text:
        `time="2024-06-24T18:49:43.906811011Z" level=info msg="TaskOOM event ` +
        `container_id:\\"${pod.containerId}\\""`,
    },
    {
      program: 'systemd',
      text:
        `cri-containerd-${pod.containerId}.scope: A process of this unit has been killed by ` +
        'the OOM killer.',
    },
  ];
}

/** cgroup v2, Linux 5.15+: the container's own limit (oom_memcg is the container scope). */
const containerV2: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  const path = containerScope(pod);
  return {
    format: 'container-v2',
    scope: 'container',
    kernel: [
      ...headerLines(random, comm, pid, GFP_V5, '5.15.0-1064-azure'),
      `memory: usage ${random.int(100, 4000) * 1024}kB, limit 4194304kB, failcnt 0`,
      'swap: usage 0kB, limit 0kB, failcnt 0',
      ...v2Stats(random, path),
      ...taskTable(random, pid, comm, random.int(1, 4)),
      summary(`oom_memcg=${path}`, path, pod, comm, pid),
      killLine(random, 'Memory cgroup out of memory', pid, comm, true),
    ],
    runtime: taskOom(pod),
  };
};

/** cgroup v2: the pod cgroup's limit (sum of its containers' limits). */
const podV2: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  const path = containerScope(pod);
  return {
    format: 'pod-v2',
    scope: 'pod',
    kernel: [
      ...headerLines(random, comm, pid, GFP_V5, '5.15.0-1064-azure'),
      `memory: usage 2097152kB, limit 2097152kB, failcnt 12`,
      'swap: usage 0kB, limit 0kB, failcnt 0',
      ...v2Stats(random, podSlice(pod)),
      ...taskTable(random, pid, comm, random.int(1, 3)),
      summary(`oom_memcg=${podSlice(pod)}`, path, pod, comm, pid),
      killLine(random, 'Memory cgroup out of memory', pid, comm, true),
    ],
    runtime: taskOom(pod),
  };
};

/** cgroup v2, node allocatable (oom_memcg=/kubepods.slice), a group kill of two processes. */
const nodeGroupV2: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  const path = containerScope(pod);
  return {
    format: 'node-v2-group',
    scope: 'node',
    kernel: [
      ...headerLines(random, comm, pid, GFP_V5, '6.5.0-1025-azure'),
      `memory: usage 7340032kB, limit 7340032kB, failcnt 3`,
      'swap: usage 0kB, limit 0kB, failcnt 0',
      ...v2Stats(random, '/kubepods.slice'),
      ...taskTable(random, pid, comm, 2),
      summary('oom_memcg=/kubepods.slice', path, pod, comm, pid),
      killLine(random, 'Memory cgroup out of memory', pid, comm, true),
      `Tasks in ${path} are going to be killed due to memory.oom.group set`,
      killLine(random, 'Memory cgroup out of memory', pid, comm, true),
      killLine(random, 'Memory cgroup out of memory', pid - 1, 'sh', true),
    ],
    runtime: taskOom(pod),
  };
};

/** The whole machine ran out: global_oom, with the Mem-Info dump. */
const globalOom: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  const path = containerScope(pod);
  return {
    format: 'global',
    scope: 'global',
    kernel: [
      ...headerLines(random, comm, pid, 'gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE), order=0', '5.15'),
      'Mem-Info:',
      'active_anon:1887 inactive_anon:1950617 isolated_anon:0',
      'Node 0 active_anon:7548kB inactive_anon:7802468kB active_file:0kB inactive_file:1068kB',
      'Node 0 DMA free:11264kB boost:0kB min:32kB low:44kB high:56kB reserved_highatomic:0KB',
      'lowmem_reserve[]: 0 2950 7932 7932 7932',
      '1055 total pagecache pages',
      '0 pages in swap cache',
      'Free swap  = 0kB',
      'Total swap = 0kB',
      '2097022 pages RAM',
      ...taskTable(random, pid, comm, random.int(2, 5)),
      `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,` +
        `task_memcg=${path},task=${comm},pid=${pid},uid=0`,
      killLine(random, 'Out of memory', pid, comm, true),
    ],
    runtime: [],
  };
};

/** A system unit's MemoryMax (containerd.service), outside kubepods. */
const systemUnit: Builder = (random) => {
  const pid = random.int(1000, 9999);
  const path = '/system.slice/containerd.service';
  return {
    format: 'system-v2',
    scope: 'system',
    kernel: [
      ...headerLines(random, 'containerd', pid, GFP_V5, '5.15.0-1064-azure'),
      'memory: usage 1048576kB, limit 1048576kB, failcnt 0',
      'swap: usage 0kB, limit 0kB, failcnt 0',
      ...v2Stats(random, path),
      ...taskTable(random, pid, 'containerd', 1),
      `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=containerd.service,` +
        `mems_allowed=0,oom_memcg=${path},task_memcg=${path},task=containerd,pid=${pid},uid=0`,
      killLine(random, 'Memory cgroup out of memory', pid, 'containerd', true),
    ],
    runtime: [
      {
        program: 'systemd',
        text: 'containerd.service: A process of this unit has been killed by the OOM killer.',
      },
    ],
  };
};

/** A cpuset confined the allocation (CONSTRAINT_CPUSET). */
const cpusetOom: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  const path = containerScope(pod);
  return {
    format: 'cpuset',
    scope: 'cpuset',
    kernel: [
      ...headerLines(random, comm, pid, GFP_V5, '5.15.0-1064-azure'),
      ...taskTable(random, pid, comm, 1),
      `oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=(null),cpuset=cri-containerd-` +
        `${pod.containerId}.scope,mems_allowed=1,task_memcg=${path},task=${comm},pid=${pid},uid=0`,
      killLine(random, 'Out of memory', pid, comm, true),
    ],
    runtime: [],
  };
};

/** cgroup v1, Linux 4.x, cgroupfs driver: `Task in … limit of`, `Kill process … sacrifice`. */
const containerV1: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 99_999);
  const path = `${podCgroupfs(pod)}/${pod.containerId}`;
  const anon = random.int(10_000, 500_000);
  return {
    format: 'container-v1',
    scope: 'container',
    kernel: [
      `${comm} invoked oom-killer: ${GFP_V4}, oom_score_adj=872`,
      `${comm} cpuset=${pod.containerId} mems_allowed=0`,
      `CPU: 1 PID: ${pid} Comm: ${comm} Not tainted 4.15.0-1096-azure #106~16.04.1-Ubuntu`,
      'Hardware name: Microsoft Corporation Virtual Machine/Virtual Machine, BIOS 090007 ' +
        ' 06/02/2017',
      'Call Trace:',
      ' dump_stack+0x63/0x8b',
      ' dump_header+0x71/0x285',
      ' oom_kill_process+0x220/0x440',
      ' out_of_memory+0x2d1/0x4f0',
      ' mem_cgroup_out_of_memory+0x4b/0x80',
      `Task in ${path} killed as a result of limit of ${path}`,
      `memory: usage ${anon + 4}kB, limit ${anon + 4}kB, failcnt ${random.int(1, 9999)}`,
      'memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0',
      'kmem: usage 1234kB, limit 9007199254740988kB, failcnt 0',
      `Memory cgroup stats for ${path}: cache:0KB rss:${anon}KB rss_huge:0KB shmem:0KB ` +
        'mapped_file:0KB dirty:0KB writeback:0KB inactive_anon:0KB active_anon:' +
        `${anon}KB inactive_file:0KB active_file:0KB unevictable:0KB`,
      '[ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
      `[${String(pid).padStart(5)}]     0 ${pid}   530382     5191   430080        0` +
        `           872 ${comm}`,
      `Memory cgroup out of memory: Kill process ${pid} (${comm}) score 1046 or sacrifice child`,
      `Killed process ${pid} (${comm}) total-vm:2121528kB, anon-rss:${anon}kB, ` +
        'file-rss:2140kB, shmem-rss:0kB',
      `oom_reaper: reaped process ${pid} (${comm}), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`,
    ],
    runtime: taskOom(pod),
  };
};

/** cgroup v1, 4.14: the pod's limit printed by `Task in`, stats of pod and container. */
const podV1: Builder = (random, pod) => {
  const base = containerV1(random, pod);
  const pid = random.int(10_000, 99_999);
  const comm = random.pick(COMMS);
  const container = `${podCgroupfs(pod)}/${pod.containerId}`;
  return {
    ...base,
    format: 'pod-v1',
    scope: 'pod',
    kernel: [
      `${comm} invoked oom-killer: ${GFP_V4}, oom_score_adj=-998`,
      `${comm} cpuset=${pod.containerId} mems_allowed=0`,
      `CPU: 3 PID: ${pid} Comm: ${comm} Not tainted 4.14.0-1-amd64 #1 Debian 4.14.2-1`,
      `Task in ${container} killed as a result of limit of ${podCgroupfs(pod)}`,
      'memory: usage 409600kB, limit 409600kB, failcnt 13061',
      'memory+swap: usage 409600kB, limit 9007199254740988kB, failcnt 0',
      `Memory cgroup stats for ${podCgroupfs(pod)}: cache:0KB rss:0KB rss_huge:0KB`,
      `Memory cgroup stats for ${container}: cache:0KB rss:409000KB rss_huge:0KB`,
      'Tasks state (memory values in pages):',
      '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
      `[ ${String(pid).padStart(5)}]     0 ${pid}   530382   102400   880640        0` +
        `          -998 ${comm}`,
      killLine(random, 'Memory cgroup out of memory', pid, comm, false),
    ],
  };
};

/**
 * The header was rate-limited away (`callbacks suppressed`), so only the kill line remains:
 * scope cannot be told (unknown), but the kill is counted.
 */
const suppressedBareKill: Builder = (random, pod) => {
  const comm = random.pick(COMMS);
  const pid = random.int(10_000, 4_000_000);
  return {
    format: 'suppressed-bare-kill',
    scope: 'unknown',
    kernel: [
      `oom_kill_process: ${random.int(2, 40)} callbacks suppressed`,
      killLine(random, 'Memory cgroup out of memory', pid, comm, true),
    ],
    runtime: taskOom(pod),
  };
};

/** Every builder with its share of the generated reports (weights sum to 100). */
export const REPORT_BUILDERS: readonly { weight: number; build: Builder }[] = [
  { weight: 35, build: containerV2 },
  { weight: 15, build: podV2 },
  { weight: 8, build: nodeGroupV2 },
  { weight: 6, build: globalOom },
  { weight: 6, build: systemUnit },
  { weight: 3, build: cpusetOom },
  { weight: 12, build: containerV1 },
  { weight: 7, build: podV1 },
  { weight: 8, build: suppressedBareKill },
];
