/**
 * Assembles kernel OOM reports from log records, per node, incrementally: push records, take
 * the events that finished, flush on demand. All state is plain data (`snapshot()`), so the
 * ingest function saves it between Event Hubs batches and resumes on any instance.
 *
 * A report closes when the next report starts, when a foreign kernel line follows a
 * finished kill, when printk time jumps by more than `gapSeconds` (or goes back: a reboot or a
 * replayed copy), at a grep `--` separator, or on flush. A closed report lingers briefly so
 * that containerd/systemd lines printed just after it (TaskOOM, the scope stopping) can
 * corroborate it; then it is emitted once (ids already emitted on the node are skipped).
 */
import { mayBeKernel, type LogRecord } from '../decode/log-record';
import { MAY_OPEN_REPORT, matchKernelLine, type KernelLine } from '../kernel/line-shapes';
import type { MemoryPressureRecord, OomKillEvent, OomwatchRecord } from '../model/event';
import { emptyNameBook, learnNames, type NameBook, type NameFact } from '../names/name-book';
import { MAY_BE_RUNTIME, matchRuntimeLine, type RuntimeLine } from '../names/runtime-lines';
import { buildEvent } from './build-event';
import { eventId } from './event-id';
import {
  applyLine,
  endsOnForeignLine,
  markSeen,
  newDraft,
  opensNewReport,
  opensReport,
  type ReportDraft,
} from './report-draft';

export interface AssemblerOptions {
  /** Largest printk/wall-time gap inside one report. */
  gapSeconds: number;
  /** How long a closed report waits for corroborating runtime lines. */
  lingerSeconds: number;
}

interface NodeState {
  open: ReportDraft | null;
  closed: ReportDraft[];
  /** Ids emitted lately on this node, so a report forwarded twice is emitted once. */
  recentIds: string[];
  /** A line that may continue on the next (wrapped or cut by a paste). */
  carry: string | null;
}

/** Everything the assembler knows, as JSON-safe data. */
export interface AssemblerState {
  version: 1;
  nodes: Record<string, NodeState>;
  names: NameBook;
}

export interface AssemblerOutput {
  records: OomwatchRecord[];
  names: NameFact[];
}

const DEFAULT_OPTIONS: AssemblerOptions = { gapSeconds: 5, lingerSeconds: 3 };
const MAX_RECENT_IDS = 256;

export class ReportAssembler {
  private readonly state: AssemblerState;
  private readonly options: AssemblerOptions;
  private output: AssemblerOutput = { records: [], names: [] };
  /** Nodes with a report open or a cut line carried: then every line of input matters. */
  private busyNodes: number;

  constructor(state?: AssemblerState, options: Partial<AssemblerOptions> = {}) {
    this.state = state ? structuredClone(state) : { version: 1, nodes: {}, names: emptyNameBook() };
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.busyNodes = Object.values(this.state.nodes).filter(isBusy).length;
  }

  /**
   * Whether a raw line (prefixes and all) could change anything. While no report is open
   * anywhere, only lines that can open one or that name pods matter; the rest need no decoding
   * at all, which is most of a node's syslog.
   */
  mayNeed(line: string): boolean {
    return this.busyNodes > 0 || MAY_MATTER.test(line);
  }

  /** Feeds one record. */
  push(record: LogRecord): void {
    const node = this.nodeState(record.cluster, record.node);
    const wasBusy = isBusy(node);
    this.releaseLingering(node, record);

    if (mayBeKernel(record)) {
      if (record.program === null) this.readRuntimeLine(node, record);
      this.readKernelLine(node, record);
    } else {
      this.readRuntimeLine(node, record);
    }
    // The line may have closed a report it is already past the linger time of.
    this.releaseLingering(node, record);
    this.busyNodes += Number(isBusy(node)) - Number(wasBusy);
  }

  /** Closes every open report and emits everything held. */
  flush(): void {
    for (const node of Object.values(this.state.nodes)) {
      this.close(node);
      this.emitClosed(node, node.closed.length);
    }
    this.busyNodes = 0;
  }

  /**
   * Emits reports nobody has written to since `idleSeconds` before `now` (wall or receive
   * time), so a report cut off by a silent node is not held forever.
   */
  flushIdle(now: Date, idleSeconds: number): void {
    const cutoff = now.getTime() - idleSeconds * 1000;
    for (const node of Object.values(this.state.nodes)) {
      const touched = node.open?.touchedAt ? Date.parse(node.open.touchedAt) : NaN;
      if (node.open && (Number.isNaN(touched) || touched <= cutoff)) this.close(node);
      const idle = node.closed.filter((draft) => {
        const at = draft.touchedAt ? Date.parse(draft.touchedAt) : NaN;
        return Number.isNaN(at) || at <= cutoff;
      }).length;
      this.emitClosed(node, idle);
    }
    this.forgetIdleNodes();
    this.busyNodes = Object.values(this.state.nodes).filter(isBusy).length;
  }

  /**
   * Drops nodes with nothing open or lingering, so saved state stays small however many nodes
   * share a partition. Their remembered ids go too: a late copy of a report then gets emitted
   * again, with the same id, and the store's upsert makes that a no-op.
   */
  private forgetIdleNodes(): void {
    for (const [key, node] of Object.entries(this.state.nodes)) {
      if (!node.open && node.closed.length === 0 && node.carry === null) {
        delete this.state.nodes[key];
      }
    }
  }

  /** Returns and forgets what finished since the last call. */
  take(): AssemblerOutput {
    const output = this.output;
    this.output = { records: [], names: [] };
    return output;
  }

  /** The whole state, as plain data (a copy). */
  snapshot(): AssemblerState {
    return structuredClone(this.state);
  }

  /** True when a report is open or lingering (state worth saving). */
  hasPending(): boolean {
    return Object.values(this.state.nodes).some((node) => node.open || node.closed.length > 0);
  }

  private nodeState(cluster: string | null, name: string | null): NodeState {
    // Several clusters may share one partition, and node names repeat across clusters.
    const key = `${cluster ?? ''}/${name ?? ''}`;
    let node = this.state.nodes[key];
    if (!node) {
      node = { open: null, closed: [], recentIds: [], carry: null };
      this.state.nodes[key] = node;
    }
    return node;
  }

  private readKernelLine(node: NodeState, record: LogRecord): void {
    const open = node.open;
    if (open && this.breaksReport(open, record)) this.close(node);
    if (node.open && !markSeen(node.open, record)) return;

    if (record.bare && record.message === '--') {
      if (node.open && node.open.kills.length === 0) node.open.partial = true;
      this.close(node);
      return;
    }

    const line = this.matchWithCarry(node, record);
    if (line === null) {
      if (node.open && endsOnForeignLine(node.open)) this.close(node);
      return;
    }

    if (node.open && opensNewReport(node.open, line)) this.close(node);
    if (!node.open) {
      if (!opensReport(line)) return;
      node.open = newDraft(record);
      markSeen(node.open, record);
    }
    applyLine(node.open, line, record);
  }

  /**
   * Matches a line, joining it to the previous one when that was cut (a pasted or wrapped
   * log): the joined text is used when it reads as a complete line of a known shape, and then
   * replaces what the cut line gave.
   */
  private matchWithCarry(node: NodeState, record: LogRecord): KernelLine | null {
    const carry = node.carry;
    node.carry = null;
    const mayOpen = node.open !== null || MAY_OPEN_REPORT.test(record.message);
    const line = mayOpen ? matchKernelLine(record.message) : null;

    if (carry !== null && record.bare && (line === null || line.shape === 'dump')) {
      const tail = record.message.trim();
      for (const joined of [carry + tail, `${carry} ${tail}`]) {
        const rejoined = matchKernelLine(joined);
        if (rejoined && isComplete(rejoined)) {
          if (node.open) forgetCutLine(node.open, rejoined);
          return rejoined;
        }
      }
    }
    if (line === null ? CUT_CANDIDATE.test(record.message) : !isComplete(line)) {
      node.carry = record.message.trim();
    }
    return line;
  }

  private breaksReport(open: ReportDraft, record: LogRecord): boolean {
    const gap = this.options.gapSeconds;
    if (record.kernelTime !== null && open.lastKernelTime !== null) {
      const delta = record.kernelTime - open.lastKernelTime;
      if (delta > gap || delta < -1) return true;
    }
    if (record.time !== null && open.lastTime !== null) {
      const delta = (Date.parse(record.time) - Date.parse(open.lastTime)) / 1000;
      if (delta > gap || delta < -gap) return true;
    }
    return false;
  }

  private readRuntimeLine(node: NodeState, record: LogRecord): void {
    const line = matchRuntimeLine(record.message);
    if (!line) return;

    const fact = learnNames(this.state.names, line);
    if (fact) this.output.names.push({ ...fact, cluster: record.cluster });
    if (line.kind === 'pressure') this.emitPressure(node, record, line);
    else this.corroborate(node, line, record);
  }

  /** Attaches TaskOOM / unit-OOM / container-exit lines to the report of that container. */
  private corroborate(node: NodeState, line: RuntimeLine, record: LogRecord): void {
    if (line.kind !== 'task-oom' && line.kind !== 'unit-oom' && line.kind !== 'container-exit') {
      return;
    }
    const containerId = line.containerId;
    if (containerId === null) return;
    const drafts = [...node.closed, ...(node.open ? [node.open] : [])];
    const draft = drafts
      .reverse()
      .find(
        (candidate) =>
          mentionsContainer(candidate, containerId) && this.soonAfter(candidate, record),
      );
    if (!draft) return;
    if (line.kind === 'container-exit') draft.containerExited = true;
    else if (draft.corroboration.length < 8) draft.corroboration.push(record.message.trim());
  }

  /**
   * A runtime line corroborates a report only within the linger time of its last line, so the
   * verdict does not depend on how long a closed report happened to be held.
   */
  private soonAfter(draft: ReportDraft, record: LogRecord): boolean {
    if (record.time === null || draft.lastTime === null) return true;
    const seconds = (Date.parse(record.time) - Date.parse(draft.lastTime)) / 1000;
    return seconds >= -this.options.lingerSeconds && seconds <= this.options.lingerSeconds;
  }

  private emitPressure(
    node: NodeState,
    record: LogRecord,
    line: Extract<RuntimeLine, { kind: 'pressure' }>,
  ): void {
    const id = eventId([record.cluster, record.node, record.time, record.message]);
    if (node.recentIds.includes(id)) return;
    remember(node, id);
    const pressure: MemoryPressureRecord = {
      kind: 'memory-pressure',
      id,
      cluster: record.cluster,
      node: record.node,
      time: record.time,
      reason: line.reason,
      message: record.message.trim(),
      pod: line.pod,
    };
    this.output.records.push(pressure);
  }

  private close(node: NodeState): void {
    if (node.open) node.closed.push(node.open);
    node.open = null;
    node.carry = null;
  }

  /** Emits closed reports once later lines show the linger time has passed. */
  private releaseLingering(node: NodeState, record: LogRecord): void {
    if (node.closed.length === 0) return;
    const linger = this.options.lingerSeconds;
    const due = node.closed.filter((draft) => {
      const byKernel =
        record.kernelTime !== null &&
        draft.lastKernelTime !== null &&
        Math.abs(record.kernelTime - draft.lastKernelTime) > linger;
      const byWall =
        record.time !== null &&
        draft.lastTime !== null &&
        Math.abs(Date.parse(record.time) - Date.parse(draft.lastTime)) / 1000 > linger;
      return byKernel || byWall;
    }).length;
    // Closed reports are in order, so release from the oldest; untimed input waits for flush.
    this.emitClosed(node, due);
  }

  private emitClosed(node: NodeState, count: number): void {
    for (const draft of node.closed.splice(0, count)) {
      const event: OomKillEvent = buildEvent(draft, this.state.names);
      if (node.recentIds.includes(event.id)) continue;
      remember(node, event.id);
      this.output.records.push(event);
    }
  }
}

// A raw line can matter with no report open only if it can open one or names pods/containers.
const MAY_MATTER = new RegExp(`${MAY_OPEN_REPORT.source}|${MAY_BE_RUNTIME.source}`);

function isBusy(node: NodeState): boolean {
  return node.open !== null || node.carry !== null;
}

// Shapes whose line may have been cut before its fixed tail.
const CUT_CANDIDATE = /^\s*(oom-kill:|Task in |Tasks in |(?:.*: )?Killed process \d+ \()/;

function isComplete(line: KernelLine): boolean {
  switch (line.shape) {
    case 'summary':
      return !line.summary.truncated;
    case 'task-in':
      return line.oomCgroup !== null;
    case 'killed':
      return line.kill.anonRssKb !== null || line.kill.totalVmKb !== null;
    default:
      return true;
  }
}

/** Drops the values a cut line gave, so its rejoined whole can take their place. */
function forgetCutLine(draft: ReportDraft, line: KernelLine): void {
  if (line.shape === 'summary') draft.summary = null;
  if (line.shape === 'task-in') draft.taskIn = null;
  if (line.shape === 'killed')
    draft.kills = draft.kills.filter((kill) => kill.pid !== line.kill.pid);
}

function mentionsContainer(draft: ReportDraft, containerId: string): boolean {
  const paths = [
    draft.summary?.taskMemcg,
    draft.summary?.cpuset,
    draft.taskIn?.taskCgroup,
    draft.groupCgroup,
    draft.statsPath,
  ];
  return paths.some((path) => path?.includes(containerId));
}

function remember(node: NodeState, id: string): void {
  node.recentIds.push(id);
  if (node.recentIds.length > MAX_RECENT_IDS) node.recentIds.shift();
}
