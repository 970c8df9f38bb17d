/**
 * Turns a finished report draft into the oom-kill event: victim, trigger, memcg usage,
 * identity from the cgroup paths, scope, the child-kill verdict and the recommendation.
 */
import { parseCgroupPath, type CgroupInfo } from '../cgroup/cgroup-path';
import { judgeChildKill } from '../classify/child-kill';
import { recommend } from '../classify/recommendation';
import { decideScope } from '../classify/scope';
import type { ContainerRef, OomKillEvent, PodRef, Victim } from '../model/event';
import { lookUpNames, type NameBook } from '../names/name-book';
import { eventId } from './event-id';
import type { ReportDraft } from './report-draft';

/** Builds the event for a finished draft, naming pods from what the name book knows. */
export function buildEvent(draft: ReportDraft, names: NameBook): OomKillEvent {
  const victim = chooseVictim(draft);
  const decision = decideScope(draft);
  const taskCgroup = draft.summary?.taskMemcg ?? draft.taskIn?.taskCgroup ?? null;
  const identity = identify(draft, taskCgroup, decision.oomCgroup);
  const { pod, container } = nameIdentity(identity, names);
  const child = judgeChildKill(draft, victim?.pid ?? null, container !== null);
  const memory = draft.usage.memory ?? null;

  return {
    kind: 'oom-kill',
    id: eventId([
      draft.cluster,
      draft.node,
      draft.firstKernelTime ?? draft.firstTime,
      draft.keyLine,
      victim?.pid ?? null,
    ]),
    cluster: draft.cluster,
    node: draft.node,
    time: draft.firstTime,
    kernelTime: draft.firstKernelTime,
    scope: decision.scope,
    constraint: draft.summary?.constraint ?? null,
    oomCgroup: decision.oomCgroup,
    taskCgroup,
    victim,
    trigger: draft.header
      ? {
          pid: draft.triggerPid,
          name: draft.header.name,
          gfpMask: draft.header.gfpMask,
          order: draft.header.order,
          oomScoreAdj: draft.header.adj,
        }
      : null,
    memcg: memory
      ? { usageKb: memory.usageKb, limitKb: memory.limitKb, failcnt: memory.failcnt }
      : null,
    pod,
    container,
    groupKill: draft.groupCgroup !== null,
    killed: killedProcesses(draft, victim),
    recommendation: recommend({
      scope: decision.scope,
      limitKb: memory?.limitKb ?? null,
      container: container?.name ?? null,
      oomCgroup: decision.oomCgroup,
      childKillSuspected: child.suspected,
    }),
    childKillSuspected: child.suspected,
    childKillEvidence: child.evidence,
    groupCgroup: draft.groupCgroup,
    headerSuppressed:
      draft.suppressed && draft.header === null && draft.summary === null && draft.taskIn === null,
    partial: draft.partial || isCut(draft) || victim === null || draft.droppedLines > 0,
    memoryStats: draft.memoryStats,
    tasks: draft.tasks,
    corroboration: draft.corroboration,
    receivedAt: draft.firstReceivedAt,
    rawLines: draft.rawLines,
  };
}

/**
 * The victim: the `Killed process` line; else the summary's task (header kept, kill line
 * missing); else the reaped process (kill line rate-limited); else the chosen process.
 */
function chooseVictim(draft: ReportDraft): Victim | null {
  const kill = draft.kills[0];
  if (kill) {
    return {
      pid: kill.pid,
      name: kill.name,
      uid: kill.uid,
      totalVmKb: kill.totalVmKb,
      anonRssKb: kill.anonRssKb,
      fileRssKb: kill.fileRssKb,
      shmemRssKb: kill.shmemRssKb,
      pgtablesKb: kill.pgtablesKb,
      oomScoreAdj: kill.oomScoreAdj,
    };
  }
  const summary = draft.summary;
  const fallback =
    summary?.pid != null && summary.task !== null
      ? { pid: summary.pid, name: summary.task, uid: summary.uid }
      : (draft.reaped[0] ?? draft.chosen);
  if (!fallback) return null;
  return {
    pid: fallback.pid,
    name: fallback.name,
    uid: 'uid' in fallback ? fallback.uid : null,
    totalVmKb: null,
    anonRssKb: null,
    fileRssKb: null,
    shmemRssKb: null,
    pgtablesKb: null,
    oomScoreAdj: null,
  };
}

/** A cut summary or Task-in line that no later piece completed. */
function isCut(draft: ReportDraft): boolean {
  return draft.summary?.truncated === true || draft.taskIn?.oomCgroup === null;
}

function killedProcesses(draft: ReportDraft, victim: Victim | null) {
  const killed = draft.kills.map((kill) => ({ pid: kill.pid, name: kill.name }));
  if (killed.length === 0 && victim) killed.push({ pid: victim.pid, name: victim.name });
  return killed;
}

/** Pod and container from the victim's cgroup; else the group cgroup; else the OOM cgroup. */
function identify(
  draft: ReportDraft,
  taskCgroup: string | null,
  oomCgroup: string | null,
): CgroupInfo | null {
  const candidates = [taskCgroup, draft.groupCgroup, oomCgroup, draft.summary?.taskMemcgCut];
  for (const path of candidates) {
    if (path === null || path === undefined) continue;
    const info = parseCgroupPath(path);
    if (info.podUid !== null || info.containerId !== null) return info;
  }
  return null;
}

function nameIdentity(info: CgroupInfo | null, names: NameBook) {
  if (info === null) return { pod: null, container: null };
  const known = lookUpNames(names, info.podUid, info.containerId);
  const pod: PodRef | null = info.podUid
    ? { uid: info.podUid, qosClass: info.qosClass, namespace: known.namespace, name: known.pod }
    : null;
  const container: ContainerRef | null = info.containerId
    ? { id: info.containerId, runtime: info.runtime, name: known.container }
    : null;
  return { pod, container };
}
