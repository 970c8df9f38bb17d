/**
 * Decides which limit was hit, from where the kernel says it was hit: the `oom_memcg` /
 * `limit of` cgroup, the `global_oom` flag and the constraint. The "Memory cgroup out of
 * memory" prefix is not a scope (it is printed for /kubepods.slice too), and `oom_memcg` is
 * trusted over a printed CONSTRAINT_NONE (some 4.19 kernels print it wrongly).
 */
import { parseCgroupPath } from '../cgroup/cgroup-path';
import type { Scope } from '../model/event';
import type { ReportDraft } from '../report/report-draft';

export interface ScopeDecision {
  scope: Scope;
  /** The cgroup whose limit was hit, when printed whole. */
  oomCgroup: string | null;
  /** Where the decision came from, for the reader of an event. */
  basis: string;
}

/** Classifies a finished report. */
export function decideScope(draft: ReportDraft): ScopeDecision {
  const summary = draft.summary;
  const constraint = summary?.constraint ?? null;

  if (constraint === 'CONSTRAINT_CPUSET') {
    return { scope: 'cpuset', oomCgroup: null, basis: 'constraint CONSTRAINT_CPUSET' };
  }
  if (constraint === 'CONSTRAINT_MEMORY_POLICY') {
    return { scope: 'mempolicy', oomCgroup: null, basis: 'constraint CONSTRAINT_MEMORY_POLICY' };
  }

  const limitOf = summary?.oomMemcg ?? draft.taskIn?.oomCgroup ?? null;
  if (limitOf !== null) {
    return { scope: scopeOfPath(limitOf), oomCgroup: limitOf, basis: 'cgroup whose limit was hit' };
  }
  if (summary?.globalOom) return { scope: 'global', oomCgroup: null, basis: 'global_oom' };

  // Old kernels and cut reports: the first stats block names the cgroup that ran out.
  if (draft.statsPath !== null && draft.statsPath !== '') {
    const scope = draft.statsCut ? scopeOfCutPath(draft.statsPath) : scopeOfPath(draft.statsPath);
    if (scope !== 'unknown') {
      return {
        scope,
        oomCgroup: draft.statsCut ? null : draft.statsPath,
        basis: 'first Memory cgroup stats block',
      };
    }
  }

  return decideFromPrefix(draft, constraint);
}

/** Without a cgroup: the kill line's prefix and the task table are all that is left. */
function decideFromPrefix(draft: ReportDraft, constraint: string | null): ScopeDecision {
  const prefix = draft.kills[0]?.prefix ?? draft.chosen?.prefix ?? null;
  const memcg = prefix === 'memcg' || constraint === 'CONSTRAINT_MEMCG' || 'memory' in draft.usage;

  if (!memcg && (prefix === 'global' || constraint === 'CONSTRAINT_NONE')) {
    return { scope: 'global', oomCgroup: null, basis: 'global OOM prefix, no memory cgroup' };
  }
  // The sandbox (pause) process lives in the pod cgroup, not in any container's: a memcg
  // OOM whose task list holds it was at pod level (or above).
  if (memcg && draft.tasks.some((task) => task.name === 'pause')) {
    return {
      scope: 'pod',
      oomCgroup: null,
      basis: 'memcg OOM whose task list holds the pause process',
    };
  }
  return { scope: 'unknown', oomCgroup: null, basis: 'the report does not name the limit' };
}

/** Scope of the cgroup whose limit was hit. */
export function scopeOfPath(path: string): Scope {
  const info = parseCgroupPath(path);
  switch (info.kind) {
    case 'root':
      return 'global';
    case 'container':
      return 'container';
    case 'system':
      return 'system';
    default:
      break;
  }
  switch (info.level) {
    case 'container':
      return 'container';
    case 'pod':
      return 'pod';
    default:
      return 'node';
  }
}

/** A path cut short is trusted only when its complete segments already leave Kubernetes. */
function scopeOfCutPath(path: string): Scope {
  const complete = path.slice(0, path.lastIndexOf('/'));
  if (complete === '') return 'unknown';
  const info = parseCgroupPath(complete);
  return info.kind === 'system' ? 'system' : 'unknown';
}
