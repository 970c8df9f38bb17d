/**
 * A deterministic generator of node syslog as a forwarder would ship it: RFC 3164 lines from
 * several AKS nodes interleaved (kubelet, containerd, systemd, kernel and other noise) with
 * complete OOM reports of every scope and format at a chosen density (the share of lines that
 * belong to an OOM report). It counts the reports it writes, so a run can check that the
 * parser found exactly those kills.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Scope } from '../shared/model/event';
import { REPORT_BUILDERS, type BenchPod } from './oom-reports';
import { Random } from './random';

export interface GenerateOptions {
  path: string;
  /** Stop after this many bytes or lines, whichever comes first (open reports are finished). */
  targetBytes: number;
  targetLines?: number;
  /** Share of lines that are OOM report lines, 0–1. */
  density: number;
  seed: number;
  nodes?: number;
  /** Wall time of the first line. */
  start?: Date;
}

export interface GeneratedLog {
  path: string;
  bytes: number;
  lines: number;
  reportLines: number;
  /** OOM reports written: each must become exactly one `oom-kill` event. */
  kills: number;
  byScope: Partial<Record<Scope, number>>;
  byFormat: Record<string, number>;
}

interface QueuedLine {
  program: string;
  text: string;
}

interface NodeState {
  host: string;
  bootMs: number;
  pods: BenchPod[];
  queue: QueuedLine[];
  next: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NAMESPACES = ['default', 'payments', 'search', 'kube-system', 'monitoring', 'batch'];
const APPS = ['api', 'web', 'worker', 'cache', 'indexer', 'etl', 'gateway', 'scheduler'];
const FLUSH_CHARS = 1 << 20;

/** Writes the log and returns what it holds. */
export function generateSyslog(options: GenerateOptions): GeneratedLog {
  const random = new Random(options.seed);
  const nodes = makeNodes(random, options.nodes ?? 6, options.start ?? new Date());
  let wallMs = (options.start ?? new Date()).getTime();
  const out: GeneratedLog = {
    path: options.path,
    bytes: 0,
    lines: 0,
    reportLines: 0,
    kills: 0,
    byScope: {},
    byFormat: {},
  };

  const fd = openSync(options.path, 'w');
  let buffer = '';
  let stampSecond = -1;
  let stamp = '';
  const busy = new Set<NodeState>();

  const write = (node: NodeState, line: QueuedLine): void => {
    const second = Math.floor(wallMs / 1000);
    if (second !== stampSecond) {
      stampSecond = second;
      stamp = syslogStamp(new Date(wallMs));
    }
    let text: string;
    if (line.program === 'kernel') {
      const uptime = ((wallMs - node.bootMs) / 1000 + (out.lines % 1000) / 1e6).toFixed(6);
      text = `${stamp} ${node.host} kernel: [${uptime.padStart(12)}] ${line.text}\n`;
    } else {
      text = `${stamp} ${node.host} ${line.program}: ${line.text}\n`;
    }
    buffer += text;
    out.lines++;
    if (buffer.length >= FLUSH_CHARS) {
      out.bytes += writeSync(fd, buffer);
      buffer = '';
    }
    wallMs += random.int(1, 9);
  };

  const maxLines = options.targetLines ?? Infinity;
  const full = (): boolean =>
    out.bytes + buffer.length >= options.targetBytes || out.lines >= maxLines;
  while (!full() || busy.size > 0) {
    const draining = full();
    // A node prints its report in a burst; other nodes' lines interleave with it.
    const node =
      busy.size > 0 && (draining || random.next() < 0.8)
        ? random.pick([...busy])
        : random.pick(nodes);

    if (node.next < node.queue.length) {
      write(node, node.queue[node.next++] as QueuedLine);
      if (node.next === node.queue.length) busy.delete(node);
      continue;
    }
    if (out.reportLines < options.density * out.lines) {
      const report = pickBuilder(random)(random, random.pick(node.pods));
      node.queue = [
        ...report.kernel.map((text) => ({ program: 'kernel', text })),
        ...report.runtime.map((line) => ({
          program: runtimeTag(random, line.program),
          text: line.text,
        })),
      ];
      node.next = 0;
      busy.add(node);
      out.reportLines += report.kernel.length;
      out.kills++;
      out.byScope[report.scope] = (out.byScope[report.scope] ?? 0) + 1;
      out.byFormat[report.format] = (out.byFormat[report.format] ?? 0) + 1;
      continue;
    }
    write(node, noiseLine(random, node, wallMs));
  }

  out.bytes += writeSync(fd, buffer);
  closeSync(fd);
  return out;
}

function pickBuilder(random: Random) {
  let roll = random.int(0, 99);
  for (const builder of REPORT_BUILDERS) {
    if (roll < builder.weight) return builder.build;
    roll -= builder.weight;
  }
  return (REPORT_BUILDERS[0] as (typeof REPORT_BUILDERS)[number]).build;
}

function runtimeTag(random: Random, program: string): string {
  if (program === 'systemd') return 'systemd[1]';
  return `${program}[${random.int(700, 1200)}]`;
}

function makeNodes(random: Random, count: number, start: Date): NodeState[] {
  const scaleSet = random.int(10_000_000, 99_999_999);
  return Array.from({ length: count }, (_, index) => ({
    host: `aks-nodepool1-${scaleSet}-vmss${String(index).padStart(6, '0')}`,
    bootMs: start.getTime() - random.int(3_600, 2_000_000) * 1000,
    pods: Array.from({ length: 12 }, () => makePod(random)),
    queue: [],
    next: 0,
  }));
}

function makePod(random: Random): BenchPod {
  const app = random.pick(APPS);
  return {
    uid: random.uuid(),
    namespace: random.pick(NAMESPACES),
    name: `${app}-${random.hex(10)}-${random.hex(5)}`,
    container: app,
    containerId: random.hex(64),
    sandboxId: random.hex(64),
    qos: random.pick(['guaranteed', 'burstable', 'burstable', 'besteffort'] as const),
  };
}

/** `Jun 24 18:49:43`: RFC 3164 time, day padded with a space. */
function syslogStamp(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const clock = date.toISOString().slice(11, 19);
  return `${MONTHS[date.getUTCMonth()] ?? 'Jan'} ${day} ${clock}`;
}

/** klog header `I0624 18:49:43.983472    2345 file.go:123] `. */
function klog(level: string, wallMs: number, pid: number, source: string): string {
  const date = new Date(wallMs);
  const iso = date.toISOString();
  const micros = `${iso.slice(20, 23)}${String(wallMs % 1000).padStart(3, '0')}`;
  const day = `${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return `${level}${day} ${iso.slice(11, 19)}.${micros}    ${pid} ${source}] `;
}

/**
 * Picks a line; lines that name pods (sandbox and container creation, PLEG) are 20 times
 * rarer than the others, as containers start far less often than kubelet logs.
 */
function pickNoise(random: Random, lines: (() => string)[], naming: number[]): () => string {
  const index = random.int(0, lines.length - 1);
  const kept = naming.includes(index) && random.next() > 0.05 ? 0 : index;
  return lines[kept] as () => string;
}

/** One line of everyday node chatter, weighted roughly like a busy AKS node. */
function noiseLine(random: Random, node: NodeState, wallMs: number): QueuedLine {
  const pod = random.pick(node.pods);
  const roll = random.int(0, 99);
  const iso = new Date(wallMs).toISOString();
  if (roll < 34) {
    const pid = 2345;
    const kubelet = `kubelet[${pid}]`;
    const lines = [
      () =>
        `${klog('I', wallMs, pid, 'kubelet_getters.go:187')}"Pod status updated" ` +
        `pod="${pod.namespace}/${pod.name}" status="Running"`,
      () =>
        `${klog('I', wallMs, pid, 'prober.go:107')}"Probe failed" probeType="Readiness" ` +
        `pod="${pod.namespace}/${pod.name}" podUID="${pod.uid}" containerName="${pod.container}" ` +
        `probeResult="failure" output="Get \\"http://10.244.1.${random.int(2, 250)}:8080/healthz\\"` +
        `: context deadline exceeded"`,
      () =>
        `${klog('E', wallMs, pid, 'pod_workers.go:1298')}"Error syncing pod, skipping" ` +
        `err="failed to \\"StartContainer\\" for \\"${pod.container}\\" with CrashLoopBackOff: ` +
        `\\"back-off 5m0s restarting failed container\\"" pod="${pod.namespace}/${pod.name}" ` +
        `podUID="${pod.uid}"`,
      () =>
        `${klog('I', wallMs, pid, 'kubelet.go:2455')}"SyncLoop (PLEG): event for pod" ` +
        `pod="${pod.namespace}/${pod.name}" event={"ID":"${pod.uid}","Type":"ContainerStarted",` +
        `"Data":"${pod.containerId}"}`,
      () =>
        `${klog('I', wallMs, pid, 'reconciler_common.go:258')}` +
        '"operationExecutor.VerifyControllerAttachedVolume started for volume ' +
        `\\"kube-api-access-${random.hex(5)}\\"" pod="${pod.namespace}/${pod.name}"`,
      () =>
        `${klog('W', wallMs, pid, 'manager.go:1169')}Failed to process watch event ` +
        `{EventType:0 Name:/kubepods.slice/kubepods-burstable.slice WatchSource:0}: ` +
        'task not found',
    ];
    return { program: kubelet, text: pickNoise(random, lines, [3])() };
  }
  if (roll < 58) {
    const containerd = `containerd[${random.int(700, 1200)}]`;
    const lines = [
      () =>
        `time="${iso}" level=info msg="StartContainer for \\"${pod.containerId}\\" returns ` +
        'successfully"',
      () =>
        `time="${iso}" level=info msg="ImageCreate event ` +
        `name:\\"mcr.microsoft.com/oss/kubernetes/` +
        `pause:3.6\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
      () =>
        `time="${iso}" level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:${pod.name},` +
        `Uid:${pod.uid},Namespace:${pod.namespace},Attempt:0,} returns sandbox id ` +
        `\\"${pod.sandboxId}\\""`,
      () =>
        `time="${iso}" level=info msg="CreateContainer within sandbox \\"${pod.sandboxId}\\" for ` +
        `&ContainerMetadata{Name:${pod.container},Attempt:0,} returns container id ` +
        `\\"${pod.containerId}\\""`,
      () =>
        `time="${iso}" level=info msg="shim disconnected" id=${random.hex(64)} ` +
        'namespace=k8s.io',
      () =>
        `time="${iso}" level=warning msg="cleaning up after shim disconnected" ` +
        `id=${random.hex(64)} namespace=k8s.io`,
    ];
    return { program: containerd, text: pickNoise(random, lines, [2, 3])() };
  }
  if (roll < 72) {
    const lines = [
      () => `Started libcontainer container ${random.hex(64)}.`,
      () =>
        `run-containerd-runc-k8s.io-${random.hex(64)}-runc.${random.hex(6)}.mount: ` +
        'Deactivated successfully.',
      () => 'Starting Cleanup of Temporary Directories...',
      () => 'Finished Daily apt download activities.',
      () => `var-lib-kubelet-pods-${pod.uid}-volumes.mount: Deactivated successfully.`,
      () => `Created slice libcontainer container kubepods-burstable-pod${random.hex(8)}.slice.`,
    ];
    return { program: 'systemd[1]', text: random.pick(lines)() };
  }
  if (roll < 92) {
    const veth = `veth${random.hex(8)}`;
    const lines = [
      () => `IPv6: ADDRCONF(NETDEV_CHANGE): ${veth}: link becomes ready`,
      () => `cni0: port ${random.int(1, 40)}(${veth}) entered forwarding state`,
      () => `cni0: port ${random.int(1, 40)}(${veth}) entered disabled state`,
      () => `device ${veth} entered promiscuous mode`,
      () => `eth0: renamed from tmp${random.int(10_000, 99_999)}`,
      () =>
        `audit: type=1400 audit(${Math.floor(wallMs / 1000)}.${random.int(100, 999)}:` +
        `${random.int(100, 9999)}): apparmor="DENIED" operation="open" profile="cri-containerd.` +
        `apparmor.d" name="/proc/sys/kernel/random/boot_id" pid=${random.int(1000, 99999)}`,
      () => 'hv_balloon: Balloon request will be partially fulfilled. Balloon floor reached.',
      () => `EXT4-fs (sdb1): mounted filesystem with ordered data mode. Quota mode: none.`,
      () => 'TCP: request_sock_TCP: Possible SYN flooding on port 10250. Sending cookies.',
    ];
    return { program: 'kernel', text: random.pick(lines)() };
  }
  const lines: QueuedLine[] = [
    {
      program: `sshd[${random.int(1000, 99999)}]`,
      text: `Accepted publickey for azureuser from 10.0.0.${random.int(2, 250)} port 52344 ssh2`,
    },
    { program: `CRON[${random.int(1000, 99999)}]`, text: '(root) CMD (/usr/sbin/logrotate)' },
    {
      program: `waagent[${random.int(700, 1200)}]`,
      text: `${iso} INFO ExtHandler ExtHandler Checking for agent updates (family: Prod)`,
    },
    {
      program: `rsyslogd[${random.int(700, 1200)}]`,
      text: 'imjournal: journal files changed, reloading...  [v8.2112.0]',
    },
  ];
  return random.pick(lines);
}
