/**
 * An OOM report being assembled: everything read so far from its lines, as plain data (it is
 * saved between Event Hubs batches). `applyLine` adds one matched line; `opensNewReport`
 * says when a line belongs to the next report instead.
 */
import type { KernelLine, KillFields, KillPrefix } from '../kernel/line-shapes';
import type { OomSummary } from '../kernel/oom-summary';
import type { LogRecord } from '../decode/log-record';
import type { TaskRow } from '../model/event';

export interface ReportDraft {
  node: string | null;
  cluster: string | null;
  firstTime: string | null;
  firstKernelTime: number | null;
  lastTime: string | null;
  lastKernelTime: number | null;
  /** Transport receive time of the first line (files the event when it has no wall time). */
  firstReceivedAt: string | null;
  /**
   * Receive time (else wall time) of the latest line, for idle flushing. The transport's clock
   * is used first: a node's clock may be skewed, and a backlog replays old wall times.
   */
  touchedAt: string | null;
  /** The first line that identifies the report (header, summary, kill …), for the event id. */
  keyLine: string | null;

  header: { name: string; gfpMask: string | null; order: number | null; adj: number | null } | null;
  triggerPid: number | null;
  taskIn: { taskCgroup: string; oomCgroup: string | null } | null;
  usage: Record<string, { usageKb: number; limitKb: number; failcnt: number | null }>;
  statsPath: string | null;
  statsCut: boolean;
  /** Collecting the multi-line (cgroup v2) stats block that follows `Memory cgroup stats`. */
  statsOpen: boolean;
  memoryStats: Record<string, number>;
  taskColumns: string[] | null;
  tasks: TaskRow[];
  summary: OomSummary | null;
  chosen: { pid: number; name: string; prefix: KillPrefix } | null;
  kills: KillFields[];
  groupCgroup: string | null;
  reaped: { pid: number; name: string }[];
  suppressed: boolean;
  fatal: string | null;
  partial: boolean;

  corroboration: string[];
  containerExited: boolean;
  rawLines: string[];
  droppedLines: number;
  /** Digests of the lines already taken (see lineKey), to drop lines forwarded twice. */
  seen: string[];
}

/** Lines kept per report: a full task table on a big node runs to thousands of rows. */
export const MAX_RAW_LINES = 600;
const MAX_TASK_ROWS = 2000;

export function newDraft(record: LogRecord): ReportDraft {
  return {
    node: record.node,
    cluster: record.cluster,
    firstTime: record.time,
    firstKernelTime: record.kernelTime,
    lastTime: record.time,
    lastKernelTime: record.kernelTime,
    firstReceivedAt: record.receivedAt,
    touchedAt: record.receivedAt ?? record.time,
    keyLine: null,
    header: null,
    triggerPid: null,
    taskIn: null,
    usage: {},
    statsPath: null,
    statsCut: false,
    statsOpen: false,
    memoryStats: {},
    taskColumns: null,
    tasks: [],
    summary: null,
    chosen: null,
    kills: [],
    groupCgroup: null,
    reaped: [],
    suppressed: false,
    fatal: null,
    partial: false,
    corroboration: [],
    containerExited: false,
    rawLines: [],
    droppedLines: 0,
    seen: [],
  };
}

/** True when the draft holds more than a rate-limit notice. */
function hasContent(draft: ReportDraft): boolean {
  return (
    draft.header !== null ||
    draft.summary !== null ||
    draft.taskIn !== null ||
    draft.kills.length > 0 ||
    draft.chosen !== null ||
    draft.statsPath !== null ||
    draft.taskColumns !== null ||
    Object.keys(draft.usage).length > 0
  );
}

/** A report has its kill once a victim line was printed (group members may still follow). */
function hasKill(draft: ReportDraft): boolean {
  return draft.kills.length > 0;
}

/** Which shapes may start a report when none is open. */
export function opensReport(line: KernelLine): boolean {
  switch (line.shape) {
    case 'header':
    case 'summary':
    case 'task-in':
    case 'usage':
    case 'stats':
    case 'tasks-state':
    case 'task-header':
    case 'killed':
    case 'choose':
    case 'group':
    case 'suppressed':
    case 'fatal':
      return true;
    default:
      return false;
  }
}

/**
 * Whether `line` starts the next report rather than continuing `draft`. Kernel order is
 * header → memcg info → task table → summary → kill (→ group members), so a line of an
 * earlier stage after a later one begins a new report.
 */
export function opensNewReport(draft: ReportDraft, line: KernelLine): boolean {
  const killed = hasKill(draft);
  switch (line.shape) {
    case 'header':
      return hasContent(draft);
    case 'summary':
    case 'task-in':
      return draft.summary !== null || draft.taskIn !== null || killed;
    case 'usage':
      return killed || draft.summary !== null || line.counter in draft.usage;
    case 'stats':
    case 'tasks-state':
    case 'task-header':
      return killed || draft.summary !== null || draft.chosen !== null;
    case 'choose':
      return killed || draft.chosen !== null;
    case 'killed':
      return (
        killed &&
        draft.groupCgroup === null &&
        !draft.kills.some((kill) => kill.pid === line.kill.pid)
      );
    case 'group':
      return draft.groupCgroup !== null;
    default:
      return false;
  }
}

/** True when a line that is not part of any report means this report is over. */
export function endsOnForeignLine(draft: ReportDraft): boolean {
  return hasKill(draft) && draft.groupCgroup === null;
}

/** Adds one matched line to the draft. First value wins: later copies never overwrite. */
export function applyLine(draft: ReportDraft, line: KernelLine, record: LogRecord): void {
  touch(draft, record);
  if (line.shape !== 'stat-line' && line.shape !== 'dump') draft.keyLine ??= keyText(line, record);
  // Only the lines right after the first `Memory cgroup stats for` belong to that block.
  if (line.shape !== 'stat-line') draft.statsOpen = false;

  switch (line.shape) {
    case 'header':
      draft.header ??= { name: line.name, gfpMask: line.gfpMask, order: line.order, adj: line.adj };
      break;
    case 'cpu':
      if (draft.header && draft.triggerPid === null) draft.triggerPid = line.pid;
      break;
    case 'task-in':
      draft.taskIn ??= { taskCgroup: line.taskCgroup, oomCgroup: line.oomCgroup };
      break;
    case 'usage':
      draft.usage[line.counter] ??= {
        usageKb: line.usageKb,
        limitKb: line.limitKb,
        failcnt: line.failcnt,
      };
      break;
    case 'stats':
      applyStats(draft, line);
      break;
    case 'stat-line':
      if (draft.statsOpen) draft.memoryStats[line.key] ??= line.value;
      break;
    case 'task-header':
      draft.taskColumns ??= line.columns;
      break;
    case 'task-row':
      applyTaskRow(draft, line.fields);
      break;
    case 'summary':
      draft.summary ??= line.summary;
      break;
    case 'choose':
      draft.chosen ??= { pid: line.pid, name: line.name, prefix: line.prefix };
      break;
    case 'killed':
      if (!draft.kills.some((kill) => kill.pid === line.kill.pid)) draft.kills.push(line.kill);
      break;
    case 'group':
      draft.groupCgroup ??= line.cgroup;
      break;
    case 'reaper':
      if (!draft.reaped.some((reaped) => reaped.pid === line.pid)) {
        draft.reaped.push({ pid: line.pid, name: line.name });
      }
      break;
    case 'suppressed':
      draft.suppressed = true;
      break;
    case 'fatal':
      draft.fatal ??= line.text;
      break;
    default:
      break;
  }
  keepRawLine(draft, record.message);
}

function applyStats(draft: ReportDraft, line: Extract<KernelLine, { shape: 'stats' }>): void {
  // The first stats block names the cgroup that ran out; the rest are its children (v1).
  if (draft.statsPath !== null) return;
  draft.statsPath = line.path;
  draft.statsCut = line.cut;
  draft.statsOpen = true;
  Object.assign(draft.memoryStats, line.inline);
}

/**
 * Task rows: `pid uid tgid total_vm rss … oom_score_adj name`. The middle columns vary by
 * kernel, so the header's column count says where the name starts (a name may hold spaces).
 */
function applyTaskRow(draft: ReportDraft, fields: string[]): void {
  if (draft.tasks.length >= MAX_TASK_ROWS) return;
  const numericCount = draft.taskColumns ? draft.taskColumns.length : countNumeric(fields);
  if (fields.length < Math.max(numericCount, 6) + 1) return;

  const numbers = fields.slice(0, numericCount).map(Number);
  if (numbers.some((value) => !Number.isFinite(value))) return;
  draft.tasks.push({
    pid: numbers[0] ?? 0,
    uid: numbers[1] ?? 0,
    tgid: numbers[2] ?? 0,
    totalVmPages: numbers[3] ?? 0,
    rssPages: numbers[4] ?? 0,
    oomScoreAdj: numbers[numbers.length - 1] ?? 0,
    name: fields.slice(numericCount).join(' '),
  });
}

function countNumeric(fields: string[]): number {
  let count = 0;
  while (count < fields.length - 1 && /^-?\d+$/.test(fields[count] ?? '')) count++;
  return count;
}

/** Marks a line as seen; false when this exact timed line was taken already (sent twice). */
export function markSeen(draft: ReportDraft, record: LogRecord): boolean {
  if (record.kernelTime === null) return markSeenWithoutPrintkTime(draft, record);
  const key = lineKey(String(record.kernelTime), record.message);
  if (draft.seen.includes(key)) return false;
  if (draft.seen.length < MAX_RAW_LINES) draft.seen.push(key);
  return true;
}

/**
 * Without printk time a report's lines share one wall-clock second, and the kernel may print
 * the same text twice in it (the group victim's repeated kill line); only a line repeating the
 * one just taken is known to be a copy (syslog and kern.log both forwarded).
 */
/**
 * A 64-bit FNV-1a digest of a line and its time, as 16 hex characters: the saved state holds
 * this instead of up to 600 whole lines (it is written with every batch).
 */
function lineKey(time: string, message: string): string {
  let low = 0x84222325;
  let high = 0xcbf29ce4;
  const text = `${time}|${message}`;
  for (let index = 0; index < text.length; index++) {
    low = (low ^ text.charCodeAt(index)) >>> 0;
    // Multiply the 64-bit value by the FNV prime 2^40 + 0x1b3, in two 32-bit halves.
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (high * 0x1b3 + (low << 8) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

function markSeenWithoutPrintkTime(draft: ReportDraft, record: LogRecord): boolean {
  if (record.time === null) return true;
  const key = lineKey(record.time, record.message);
  if (draft.seen[draft.seen.length - 1] === key) return false;
  if (draft.seen.length < MAX_RAW_LINES) draft.seen.push(key);
  return true;
}

function touch(draft: ReportDraft, record: LogRecord): void {
  draft.firstTime ??= record.time;
  draft.firstKernelTime ??= record.kernelTime;
  if (record.time !== null) draft.lastTime = record.time;
  if (record.kernelTime !== null) draft.lastKernelTime = record.kernelTime;
  draft.touchedAt = record.receivedAt ?? record.time ?? draft.touchedAt;
}

function keepRawLine(draft: ReportDraft, message: string): void {
  if (draft.rawLines.length < MAX_RAW_LINES) draft.rawLines.push(message);
  else draft.droppedLines++;
}

function keyText(line: KernelLine, record: LogRecord): string {
  return `${line.shape}:${record.message.trim()}`;
}
