/** Small kernel OOM reports written by hand from the kernel's formats, for constructed tests. */

export const UID = '10d16a28-60ff-475f-a631-510d9792219f';
export const UID_ = '10d16a28_60ff_475f_a631_510d9792219f';
export const CID = '178ec18073cc6ac7be2de8d9869daf162a6349dd056b6535849112c53ec3102a';
export const CID2 = '2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50';
export const SID = '6c6fcab8562fd3150854986b78552c732f234fd405b624207b8843528a145e70';

/** The systemd-driver pod and container cgroups of a Burstable pod. */
export const BURSTABLE_SLICE = '/kubepods.slice/kubepods-burstable.slice';
export const POD_SLICE = `${BURSTABLE_SLICE}/kubepods-burstable-pod${UID_}.slice`;
export const CONTAINER_SCOPE = `${POD_SLICE}/cri-containerd-${CID}.scope`;

/** A 5.4+ `Killed process` line. */
export function killedLine(pid: number, name: string, prefix = 'Memory cgroup out of memory: ') {
  return (
    `${prefix}Killed process ${pid} (${name}) total-vm:1200000kB, anon-rss:1000000kB, ` +
    'file-rss:100kB, shmem-rss:0kB, UID:0 pgtables:1953kB oom_score_adj:872'
  );
}

export interface ReportSpec {
  pid: number;
  name: string;
  oomMemcg: string;
  taskMemcg: string;
}

/** A minimal 5.x memcg report: header, CPU, usage, summary and kill (messages only). */
export function memcgReport(spec: ReportSpec): string[] {
  return [
    `${spec.name} invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=872`,
    `CPU: 1 PID: ${spec.pid} Comm: ${spec.name} Not tainted 5.15.0-1064-azure #73-Ubuntu`,
    'memory: usage 1048576kB, limit 1048576kB, failcnt 10',
    'swap: usage 0kB, limit 0kB, failcnt 0',
    `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,` +
      `oom_memcg=${spec.oomMemcg},task_memcg=${spec.taskMemcg},task=${spec.name},` +
      `pid=${spec.pid},uid=0`,
    killedLine(spec.pid, spec.name),
  ];
}

/** Prefixes messages with dmesg printk times, one microsecond apart from `start`. */
export function dmesg(messages: string[], start: number): string[] {
  return messages.map((message, index) => `[${(start + index / 1e6).toFixed(6)}] ${message}`);
}

/** Prefixes messages as RFC 3164 syslog kernel lines of `host`, printk times as dmesg does. */
export function syslog(messages: string[], host: string, clock: string, start: number) {
  return dmesg(messages, start).map((line) => `Jun 24 ${clock} ${host} kernel: ${line}`);
}
