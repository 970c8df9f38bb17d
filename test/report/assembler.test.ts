/**
 * Report assembly from constructed logs: group kills, rate-limited headers, reports close
 * together, interleaved nodes, lines forwarded twice, wrapped lines and impostor lines.
 */
import { decodeMessage } from '../../shared/decode/decode-message';
import type { OomKillEvent } from '../../shared/model/event';
import { parseLogText } from '../../shared/parse-text';
import { ReportAssembler } from '../../shared/report/assembler';
import { assembleParts, CONTEXT, killsOf } from '../support/samples';
import {
  CID,
  CONTAINER_SCOPE,
  dmesg,
  killedLine,
  memcgReport,
  POD_SLICE,
  syslog,
  UID,
} from '../support/kernel-logs';

function kills(text: string): OomKillEvent[] {
  return killsOf(parseLogText(text, CONTEXT).records);
}

const GROUP_REPORT = dmesg(
  [
    'stress invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=872',
    'CPU: 1 PID: 500 Comm: stress Not tainted 5.15.0 #1',
    'memory: usage 1048576kB, limit 1048576kB, failcnt 10',
    'swap: usage 0kB, limit 0kB, failcnt 0',
    `Memory cgroup stats for ${CONTAINER_SCOPE}:`,
    'anon 1000000',
    'file 2000',
    'Tasks state (memory values in pages):',
    '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
    '[    500]     0   500   300000   250000  2000000        0           872 stress',
    '[    501]     0   501   300000    10000  2000000        0           872 stress',
    'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,' +
      `oom_memcg=${CONTAINER_SCOPE},task_memcg=${CONTAINER_SCOPE},task=stress,pid=500,uid=0`,
    killedLine(500, 'stress'),
    `Tasks in ${CONTAINER_SCOPE} are going to be killed due to memory.oom.group set`,
    killedLine(500, 'stress'),
    killedLine(501, 'stress'),
    'Memory cgroup out of memory: OOM victim 502 (sh) is already exiting. Skip killing the task',
    'oom_reaper: reaped process 500 (stress), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
  ],
  100,
).join('\n');

describe('a memory.oom.group kill', () => {
  const events = kills(GROUP_REPORT);
  const event = events[0];

  it('is one event with every distinct member killed, not the exiting task', () => {
    expect(events).toHaveLength(1);
    expect(event?.groupKill).toBe(true);
    expect(event?.groupCgroup).toBe(CONTAINER_SCOPE);
    expect(event?.killed).toEqual([
      { pid: 500, name: 'stress' },
      { pid: 501, name: 'stress' },
    ]);
  });

  it('carries every field of the report', () => {
    expect(event).toMatchObject({
      kind: 'oom-kill',
      node: 'node-a',
      cluster: null,
      time: null,
      kernelTime: 100,
      scope: 'container',
      constraint: 'CONSTRAINT_MEMCG',
      oomCgroup: CONTAINER_SCOPE,
      taskCgroup: CONTAINER_SCOPE,
      victim: {
        pid: 500,
        name: 'stress',
        uid: 0,
        totalVmKb: 1200000,
        anonRssKb: 1000000,
        fileRssKb: 100,
        shmemRssKb: 0,
        pgtablesKb: 1953,
        oomScoreAdj: 872,
      },
      trigger: { pid: 500, name: 'stress', gfpMask: '0xcc0', order: 0, oomScoreAdj: 872 },
      memcg: { usageKb: 1048576, limitKb: 1048576, failcnt: 10 },
      pod: { uid: UID, qosClass: 'Burstable', namespace: null, name: null },
      container: { id: CID, runtime: 'containerd', name: null },
      memoryStats: { anon: 1000000, file: 2000 },
      childKillSuspected: false,
      childKillEvidence: ['memory.oom.group killed every process of the container'],
      headerSuppressed: false,
      partial: false,
    });
    expect(event?.tasks.map((task) => [task.pid, task.rssPages, task.oomScoreAdj])).toEqual([
      [500, 250000, 872],
      [501, 10000, 872],
    ]);
    expect(event?.id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('rate-limited headers', () => {
  const text = dmesg(
    [
      'oom_kill_process: 3 callbacks suppressed',
      killedLine(601, 'java'),
      killedLine(602, 'java'),
      killedLine(603, 'nginx', 'Out of memory: '),
    ],
    300,
  ).join('\n');
  const events = kills(text);

  it('gives each bare Killed line its own event', () => {
    expect(events.map((event) => event.victim?.pid)).toEqual([601, 602, 603]);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
  });

  it('keeps the scope unknown unless the prefix says global', () => {
    expect(events.map((event) => event.scope)).toEqual(['unknown', 'unknown', 'global']);
    expect(events[0]?.headerSuppressed).toBe(true);
  });
});

describe('report boundaries', () => {
  const first = memcgReport({
    pid: 701,
    name: 'a',
    oomMemcg: POD_SLICE,
    taskMemcg: CONTAINER_SCOPE,
  });
  const second = memcgReport({
    pid: 702,
    name: 'b',
    oomMemcg: CONTAINER_SCOPE,
    taskMemcg: CONTAINER_SCOPE,
  });

  it('separates two reports printed within milliseconds on one node', () => {
    const text = [...dmesg(first, 400), ...dmesg(second, 400.002)].join('\n');
    expect(kills(text).map((event) => [event.victim?.pid, event.scope, event.kernelTime])).toEqual([
      [701, 'pod', 400],
      [702, 'container', 400.002],
    ]);
  });

  it('assembles two nodes interleaved line by line as each alone', () => {
    const one = syslog(first, 'node-1', '10:00:00', 50);
    const two = syslog(second, 'node-2', '10:00:00', 80);
    const interleaved = one.flatMap((line, index) => [line, two[index] ?? '']).join('\n');
    const alone = [...kills(one.join('\n')), ...kills(two.join('\n'))];

    const events = kills(interleaved);
    expect(events.map((event) => [event.node, event.victim?.pid])).toEqual([
      ['node-1', 701],
      ['node-2', 702],
    ]);
    expect(events.map((event) => event.id).sort()).toEqual(alone.map((event) => event.id).sort());
  });

  it('emits a line forwarded twice, or a whole report replayed, once', () => {
    const lines = dmesg(first, 500);
    const twice = lines.flatMap((line) => [line, line]).join('\n');
    const replayed = [...lines, ...lines].join('\n');
    const once = kills(lines.join('\n'));

    expect(once).toHaveLength(1);
    expect(kills(twice).map((event) => event.id)).toEqual([once[0]?.id]);
    expect(kills(replayed).map((event) => event.id)).toEqual([once[0]?.id]);
  });

  it('emits syslog lines without printk time forwarded twice once', () => {
    const lines = first.map((message) => `Jun 24 10:00:00 node-1 kernel: ${message}`);
    const twice = lines.flatMap((line) => [line, line]).join('\n');
    expect(kills(twice).map((event) => [event.victim?.pid, event.scope])).toEqual([[701, 'pod']]);
  });

  it('rejoins a summary line wrapped in two', () => {
    const lines = dmesg(first, 600);
    const summaryAt = lines.findIndex((line) => line.includes('oom-kill:'));
    const summary = lines[summaryAt] ?? '';
    const cutAt = summary.indexOf('cri-containerd-') + 20;
    const wrapped = [
      ...lines.slice(0, summaryAt),
      summary.slice(0, cutAt),
      summary.slice(cutAt),
      ...lines.slice(summaryAt + 1),
    ].join('\n');

    const events = kills(wrapped);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      taskCgroup: CONTAINER_SCOPE,
      oomCgroup: POD_SLICE,
      scope: 'pod',
      container: { id: CID },
      partial: false,
    });
  });

  it('keeps what a cut summary still says: the pod UID of a cut task_memcg', () => {
    const summary =
      'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,' +
      `oom_memcg=${POD_SLICE},task_memcg=${POD_SLICE}/cri-containerd-178ec18...`;
    const events = kills(dmesg([summary, killedLine(703, 'a')], 700).join('\n'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      scope: 'pod',
      oomCgroup: POD_SLICE,
      taskCgroup: null,
      pod: { uid: UID, qosClass: 'Burstable' },
      container: null,
      partial: true,
      victim: { pid: 703 },
    });
  });
});

describe('lines that are not kernel kills', () => {
  const npd =
    'I0624 18:49:43.983472 6018 log_monitor.go:159] New status generated: ' +
    '&{Source:kernel-monitor Events:[{Severity:warn Reason:OOMKilling Message:' +
    killedLine(68061, 'stress');

  it('ignores a Killed process line inside another program’s message', () => {
    expect(kills(npd)).toEqual([]);
    expect(kills(`Jun 24 18:49:43 n1 node-problem-detector[6018]: ${npd}`)).toEqual([]);
    expect(kills(`Jun 24 18:49:43 n1 myapp[7]: ${killedLine(5, 'x')}`)).toEqual([]);
  });

  it('does not count an already-exiting victim as a kill', () => {
    const line = 'Memory cgroup out of memory: OOM victim 77 (java) is already exiting. Skip';
    expect(kills(dmesg([line], 10).join('\n'))).toEqual([]);
  });
});

describe('incremental use', () => {
  it('holds an open report until flush, then emits it once', () => {
    const assembler = new ReportAssembler();
    const lines = dmesg(
      memcgReport({ pid: 9, name: 'x', oomMemcg: CONTAINER_SCOPE, taskMemcg: CONTAINER_SCOPE }),
      5,
    );
    for (const record of records(lines.join('\n'))) assembler.push(record);
    expect(assembler.take().records).toEqual([]);
    expect(assembler.hasPending()).toBe(true);
    assembler.flush();
    expect(killsOf(assembler.take().records).map((event) => event.victim?.pid)).toEqual([9]);
    expect(assembler.hasPending()).toBe(false);
    assembler.flush();
    expect(assembler.take().records).toEqual([]);
  });

  it('emits a report once later lines pass the linger time', () => {
    const report = dmesg(
      memcgReport({ pid: 9, name: 'x', oomMemcg: CONTAINER_SCOPE, taskMemcg: CONTAINER_SCOPE }),
      5,
    );
    const later = dmesg(['eth0: link up'], 20);
    const assembler = new ReportAssembler();
    for (const record of records([...report, ...later].join('\n'))) assembler.push(record);
    expect(killsOf(assembler.take().records).map((event) => event.victim?.pid)).toEqual([9]);
  });

  it('gives the same events however the input is cut into messages', () => {
    const text = [GROUP_REPORT, ...dmesg([killedLine(9, 'y')], 200)].join('\n');
    const whole = kills(text).map((event) => event.id);
    const lines = text.split('\n').map((line) => `${line}\n`);
    expect(killsOf(assembleParts(lines)).map((event) => event.id)).toEqual(whole);
    expect(whole).toHaveLength(2);
  });
});

function records(text: string) {
  return decodeMessage(text, CONTEXT).records;
}
