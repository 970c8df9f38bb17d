/**
 * One named pattern per kernel OOM line shape (see README "Kernel lines"). Newest format first,
 * older ones as fallbacks; every optional tail stays optional, nothing is anchored at the end
 * of the line, and process names are taken up to the LAST fixed marker because a comm may
 * contain spaces, colons, slashes, brackets and parentheses.
 */
import { parseOomSummary, type OomSummary } from './oom-summary';

/** `<prefix>` of the kill lines: which kind of OOM printed them. */
export type KillPrefix = 'global' | 'memcg' | null;

export interface KillFields {
  pid: number;
  name: string;
  prefix: KillPrefix;
  totalVmKb: number | null;
  anonRssKb: number | null;
  fileRssKb: number | null;
  shmemRssKb: number | null;
  uid: number | null;
  pgtablesKb: number | null;
  oomScoreAdj: number | null;
}

export type KernelLine =
  | {
      shape: 'header';
      name: string;
      gfpMask: string | null;
      order: number | null;
      adj: number | null;
    }
  | { shape: 'cpu'; pid: number; comm: string }
  | { shape: 'cpuset'; name: string; cpuset: string; memsAllowed: string }
  | { shape: 'task-in'; taskCgroup: string; oomCgroup: string | null }
  | { shape: 'usage'; counter: string; usageKb: number; limitKb: number; failcnt: number | null }
  | { shape: 'stats'; path: string; inline: Record<string, number>; cut: boolean }
  | { shape: 'stat-line'; key: string; value: number }
  | { shape: 'tasks-state' }
  | { shape: 'task-header'; columns: string[] }
  | { shape: 'task-row'; fields: string[] }
  | { shape: 'summary'; summary: OomSummary }
  | { shape: 'choose'; pid: number; name: string; prefix: KillPrefix }
  | { shape: 'killed'; kill: KillFields }
  | { shape: 'group'; cgroup: string }
  | { shape: 'exiting'; pid: number; name: string }
  | { shape: 'reaper'; pid: number; name: string }
  | { shape: 'suppressed'; count: number }
  | { shape: 'fatal'; text: string }
  | { shape: 'dump' };

// H, all kernels: `<comm> invoked oom-killer: gfp_mask=0x…(FLAGS), [nodemask=…, ]order=N,
// oom_score_adj=N` (2.6/3.x also `oom_adj=N`).
const HEADER_MARK = ' invoked oom-killer: ';
const GFP_MASK = /gfp_mask=(0x[0-9a-f]+)/;
const ORDER = /order=(-?\d+)/;
const SCORE_ADJ = /oom_score_adj=(-?\d+)/;
// The line after H on every kernel: `CPU: 5 PID: 13536 Comm: memorymonster …`.
const CPU_LINE =
  /^CPU: \d+ (?:UID: \d+ )?PID: (\d+) Comm: (.{1,16}?)(?: (?:Tainted|Not tainted|Kdump)|$)/;
// C, before 4.19: `<comm> cpuset=<name> mems_allowed=<list>`.
const CPUSET_LINE = /^(.*) cpuset=(\S*) mems_allowed=(\S+)$/;
// T, memcg OOM before 5.0 (v1 and v2): `Task in <cg> killed as a result of limit of <cg>`.
// The line may be cut after `limit of`, and the caller trims the trailing space.
const TASK_IN = /^Task in (\S+) killed as a result of limit of(?: (\S+))?/;
// U: `memory: usage NkB, limit NkB, failcnt N`; v1 also memory+swap/kmem, v2 (5.3+) swap.
const USAGE = /^(memory|memory\+swap|swap|kmem): usage (\d+)kB, limit (\d+)kB(?:, failcnt (\d+))?/;
// M: `Memory cgroup stats for <cg>:` then v1 inline `key:NKB` pairs or v2 `key N` lines.
const STATS = /^Memory cgroup stats for (\S*?)(\.\.\.)?:?(?: (.*))?$/;
const INLINE_STAT = /([a-z_]+):(\d+)KB/g;
const STAT_LINE = /^\s*([a-z][a-z0-9_]*) (\d+)$/;
// P: `Tasks state (memory values in pages):`, then `[ pid ] uid tgid …` and `[  123] …` rows.
const TASKS_STATE = 'Tasks state (memory values in pages):';
const TASK_HEADER = /^\[\s*pid\s*\]\s+(.*)$/;
const TASK_ROW = /^\[\s*(\d+)\]\s+(-?\d.*)$/;
// K, before 5.1: `<prefix>: Kill process <pid> (<comm>) score <n> or sacrifice child`.
const CHOOSE = /^(?:(.*?): )?Kill process (\d+) \((.*)\) score -?\d+ or sacrifice child/;
// V, every kernel; prefix from 5.1, shmem-rss 4.5+, UID/pgtables/oom_score_adj 5.4+; this line
// is not rate-limited.
const KILLED = /^(?:(.*?): )?Killed process (\d+) \((.*)$/;
const KILL_TAIL_START = /\) total-vm:|\) anon-rss:|\)$|\) \.\.\.$/;
const TOTAL_VM = /total-vm:(\d+)kB/;
const ANON_RSS = /anon-rss:(\d+)kB/;
const FILE_RSS = /file-rss:(\d+)kB/;
const SHMEM_RSS = /shmem-rss:(\d+)kB/;
const KILL_UID = /UID:(\d+)/;
const PGTABLES = /pgtables:(\d+)kB/;
// The kill line prints `oom_score_adj:N`; the header prints `oom_score_adj=N`.
const KILL_SCORE_ADJ = /oom_score_adj:(-?\d+)/;
// G, cgroup v2 group kills (4.19+):
// `Tasks in <cg> are going to be killed due to memory.oom.group set`.
const GROUP = /^Tasks in (\S+) are going to be killed due to memory\.oom\.group set/;
// X, newer kernels:
// `<prefix>: OOM victim <pid> (<comm>) is already exiting. Skip killing the task`.
const EXITING = /^(?:.*?: )?OOM victim (\d+) \((.*)\) is already exiting/;
// R, 4.6+: `oom_reaper: reaped process <pid> (<comm>), now anon-rss:…`
// or `oom_reaper: unable to reap pid:N (comm)`.
const REAPED = /^oom_reaper: reaped process (\d+) \((.*)\), now /;
const UNABLE_TO_REAP = /^oom_reaper: unable to reap pid:(\d+) \((.*)\)/;
// Q, any kernel: the header of the following kills was rate-limited away.
const SUPPRESSED = /^(?:oom_kill_process|dump_header|out_of_memory): (\d+) callbacks suppressed/;
// Z, rare: the machine could not recover.
const FATAL =
  /^(Out of memory and no killable processes|Kernel panic - not syncing: .*[Oo]ut of memory|System is deadlocked on memory)/;
// Lines that belong inside a report but carry no field we use.
const DUMP =
  /^(Call Trace:|Hardware name:|Mem-Info:|Node \d|lowmem_reserve|\d+ total pagecache|Free swap|Total swap|Swap cache|\d+ pages |R[A-Z0-9]{1,3}: |Code: |Stack :|<\/?TASK>|\[<[0-9a-f]+>\]|\? |[a-z_.0-9]+\+0x[0-9a-f]+\/0x[0-9a-f]+)/;

/**
 * Cheap test for lines that can open a report; callers run it before matchKernelLine when no
 * report is open, because almost every syslog line is not an OOM line at all.
 */
export const MAY_OPEN_REPORT =
  /oom|Kill|Task|emory|callbacks suppressed|\[\s*pid\s*\]|deadlocked|usage \d/;

/** Matches a kernel message to its shape; null when it is not part of an OOM report. */
export function matchKernelLine(message: string): KernelLine | null {
  const statLine = STAT_LINE.exec(message);
  if (statLine) return { shape: 'stat-line', key: statLine[1] ?? '', value: Number(statLine[2]) };

  const text = message.trim();
  return (
    matchHeaderFamily(text) ??
    matchKillFamily(text) ??
    matchMemcgFamily(text) ??
    matchTaskTable(text) ??
    (DUMP.test(text) ? { shape: 'dump' } : null)
  );
}

function matchHeaderFamily(text: string): KernelLine | null {
  const headerAt = text.indexOf(HEADER_MARK);
  if (headerAt > 0) {
    const tail = text.slice(headerAt + HEADER_MARK.length);
    return {
      shape: 'header',
      name: text.slice(0, headerAt),
      gfpMask: GFP_MASK.exec(tail)?.[1] ?? null,
      order: numberOrNull(ORDER.exec(tail)?.[1]),
      adj: numberOrNull(SCORE_ADJ.exec(tail)?.[1]),
    };
  }
  if (text.startsWith('oom-kill:')) {
    const summary = parseOomSummary(text);
    if (summary) return { shape: 'summary', summary };
  }
  const cpu = CPU_LINE.exec(text);
  if (cpu) return { shape: 'cpu', pid: Number(cpu[1]), comm: cpu[2] ?? '' };
  const cpuset = CPUSET_LINE.exec(text);
  if (cpuset) {
    return {
      shape: 'cpuset',
      name: cpuset[1] ?? '',
      cpuset: cpuset[2] ?? '',
      memsAllowed: cpuset[3] ?? '',
    };
  }
  const suppressed = SUPPRESSED.exec(text);
  if (suppressed) return { shape: 'suppressed', count: Number(suppressed[1]) };
  const fatal = FATAL.exec(text);
  return fatal ? { shape: 'fatal', text } : null;
}

function matchKillFamily(text: string): KernelLine | null {
  const killed = KILLED.exec(text);
  if (killed) return parseKilled(killed[1], Number(killed[2]), killed[3] ?? '');
  const choose = CHOOSE.exec(text);
  if (choose) {
    return {
      shape: 'choose',
      pid: Number(choose[2]),
      name: choose[3] ?? '',
      prefix: killPrefix(choose[1]),
    };
  }
  const group = GROUP.exec(text);
  if (group) return { shape: 'group', cgroup: group[1] ?? '' };
  const exiting = EXITING.exec(text);
  if (exiting) return { shape: 'exiting', pid: Number(exiting[1]), name: exiting[2] ?? '' };
  const reaped = REAPED.exec(text) ?? UNABLE_TO_REAP.exec(text);
  if (reaped) return { shape: 'reaper', pid: Number(reaped[1]), name: reaped[2] ?? '' };
  return null;
}

/**
 * `Killed process` text appears in audit and application logs too, so the line must carry
 * the kernel's `total-vm:` tail or one of the kernel's prefixes.
 */
function parseKilled(prefixText: string | undefined, pid: number, rest: string): KernelLine | null {
  const prefix = killPrefix(prefixText);
  const tailAt = searchLast(rest, KILL_TAIL_START);
  const tail = tailAt >= 0 ? rest.slice(tailAt) : '';
  if (!TOTAL_VM.test(tail) && prefix === null) return null;
  if (prefixText !== undefined && prefix === null) return null;

  return {
    shape: 'killed',
    kill: {
      pid,
      name: tailAt >= 0 ? rest.slice(0, tailAt) : rest.replace(/\)?\s*(\.\.\.)?$/, ''),
      prefix,
      totalVmKb: numberOrNull(TOTAL_VM.exec(tail)?.[1]),
      anonRssKb: numberOrNull(ANON_RSS.exec(tail)?.[1]),
      fileRssKb: numberOrNull(FILE_RSS.exec(tail)?.[1]),
      shmemRssKb: numberOrNull(SHMEM_RSS.exec(tail)?.[1]),
      uid: numberOrNull(KILL_UID.exec(tail)?.[1]),
      pgtablesKb: numberOrNull(PGTABLES.exec(tail)?.[1]),
      oomScoreAdj: numberOrNull(KILL_SCORE_ADJ.exec(tail)?.[1]),
    },
  };
}

function matchMemcgFamily(text: string): KernelLine | null {
  const taskIn = TASK_IN.exec(text);
  if (taskIn) {
    return { shape: 'task-in', taskCgroup: taskIn[1] ?? '', oomCgroup: taskIn[2] ?? null };
  }
  const usage = USAGE.exec(text);
  if (usage) {
    return {
      shape: 'usage',
      counter: usage[1] ?? '',
      usageKb: Number(usage[2]),
      limitKb: Number(usage[3]),
      failcnt: numberOrNull(usage[4]),
    };
  }
  const stats = STATS.exec(text);
  if (stats) {
    const inline: Record<string, number> = {};
    for (const pair of (stats[3] ?? '').matchAll(INLINE_STAT)) {
      inline[pair[1] ?? ''] = Number(pair[2]) * 1024;
    }
    return { shape: 'stats', path: stats[1] ?? '', inline, cut: stats[2] !== undefined };
  }
  return null;
}

function matchTaskTable(text: string): KernelLine | null {
  if (text === TASKS_STATE) return { shape: 'tasks-state' };
  const header = TASK_HEADER.exec(text);
  if (header) return { shape: 'task-header', columns: (header[1] ?? '').split(/\s+/) };
  const row = TASK_ROW.exec(text);
  if (row) return { shape: 'task-row', fields: [row[1] ?? '', ...(row[2] ?? '').split(/\s+/)] };
  return null;
}

/** Maps the printed prefix to the OOM kind that prints it; null when absent or unknown. */
function killPrefix(text: string | undefined): KillPrefix {
  if (text === undefined) return null;
  if (text === 'Memory cgroup out of memory') return 'memcg';
  if (text.startsWith('Out of memory')) return 'global';
  return null;
}

function searchLast(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, 'g');
  let last = -1;
  for (const match of text.matchAll(global)) last = match.index;
  return last;
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}
