/**
 * Was only a child process killed, leaving the container running (invisible to kubectl)?
 * The kernel cannot say whether the victim was the container's PID 1; the evidence combined
 * here is what node syslog holds (README "Silent child kills"):
 *   - a memory.oom.group kill took every process: the container died (not silent);
 *   - a container exit line (systemd scope stopped, containerd TaskExit) after the kill: it died;
 *   - the task table lists, in the same cgroup, an older process (lower pid) of the workload
 *     than the victim: the victim was probably a child of it.
 */
import type { ReportDraft } from '../report/report-draft';

export interface ChildKillVerdict {
  suspected: boolean;
  evidence: string[];
}

// Sandbox and runtime helpers share the pod cgroup but are never a container's main process.
const INFRASTRUCTURE = new Set(['pause', 'conmon', 'containerd-shim', 'runc', 'crun']);

/** Weighs the evidence for a silent child kill in a container. */
export function judgeChildKill(draft: ReportDraft, victimPid: number | null, inContainer: boolean) {
  const verdict: ChildKillVerdict = { suspected: false, evidence: [] };
  if (victimPid === null || !inContainer) return verdict;

  if (draft.groupCgroup !== null) {
    verdict.evidence.push('memory.oom.group killed every process of the container');
    return verdict;
  }
  if (draft.containerExited) {
    verdict.evidence.push('the container exited after the kill');
    return verdict;
  }

  const elder = draft.tasks.find(
    (task) => task.pid < victimPid && !INFRASTRUCTURE.has(task.name) && task.oomScoreAdj !== -1000,
  );
  if (elder) {
    verdict.suspected = true;
    verdict.evidence.push(
      `no group kill; ${elder.name} (pid ${elder.pid}) is older than the victim in the same cgroup`,
      'no container exit was seen after the kill',
    );
  } else if (draft.tasks.length > 0) {
    verdict.evidence.push('the victim is the oldest workload process in the task list');
  } else {
    verdict.evidence.push('no task list: not enough evidence either way');
  }
  return verdict;
}
