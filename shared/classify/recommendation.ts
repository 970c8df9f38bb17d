/** One sentence a platform engineer can act on, per scope. */
import type { Scope } from '../model/event';

export interface RecommendationInput {
  scope: Scope;
  limitKb: number | null;
  container: string | null;
  oomCgroup: string | null;
  childKillSuspected: boolean;
}

const CHILD_KILL_NOTE =
  ' Only a child process was killed, so the container likely kept running without it;' +
  ' check the workload for lost worker processes.';

/** Builds the event's recommendation. */
export function recommend(input: RecommendationInput): string {
  const base = byScope(input);
  return input.childKillSuspected ? base + CHILD_KILL_NOTE : base;
}

function byScope(input: RecommendationInput): string {
  const limit = input.limitKb !== null ? ` (${formatKb(input.limitKb)})` : '';
  const who = input.container ? `Container ${input.container}` : 'The container';
  switch (input.scope) {
    case 'container':
      return (
        `${who} hit its own memory limit${limit}: ` +
        'raise resources.limits.memory or fix the memory growth.'
      );
    case 'pod':
      return (
        `The pod hit its pod-level limit${limit}, the sum of its containers' limits that also ` +
        "carries the pause container and leftover page cache: raise the containers' limits " +
        'or reduce their usage.'
      );
    case 'node':
      return (
        'Pods together exceeded the node allocatable memory and the kernel killed at node ' +
        'level: set memory requests to real usage so the scheduler spreads pods, or add ' +
        'node memory.'
      );
    case 'global':
      return (
        'The whole node ran out of memory: set requests and limits on every pod, reserve ' +
        'memory for system daemons (kube-reserved, system-reserved), or use a larger VM size.'
      );
    case 'system': {
      const cgroup = input.oomCgroup ? ` (${input.oomCgroup})` : '';
      return (
        `A non-pod cgroup${cgroup} hit its own limit${limit}: ` +
        "raise that unit's MemoryMax or fix the service."
      );
    }
    case 'cpuset':
      return (
        'The allocation was confined to a cpuset whose memory nodes were full: ' +
        'check the cpuset.mems and NUMA placement of the workload.'
      );
    case 'mempolicy':
      return (
        'A NUMA memory policy confined the allocation to full memory nodes: ' +
        'relax the policy or add memory on the bound nodes.'
      );
    default:
      return (
        'The report did not say which limit was hit (header rate-limited away or lines cut): ' +
        'look at the reports from this node just before it.'
      );
  }
}

function formatKb(kb: number): string {
  if (kb >= 1024 * 1024) return `${(kb / 1024 / 1024).toFixed(1)} GiB`;
  if (kb >= 1024) return `${Math.round(kb / 1024)} MiB`;
  return `${kb} KiB`;
}
