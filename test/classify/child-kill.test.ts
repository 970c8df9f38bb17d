/** The silent child-kill verdict, from the task table, group kills and container exits. */
import type { OomKillEvent } from '../../shared/model/event';
import { parseLogText } from '../../shared/parse-text';
import { CONTEXT, killsOf } from '../support/samples';
import { CID, dmesg, SID, UID } from '../support/kernel-logs';

const POD = `/kubepods/burstable/pod${UID}`;
const CONTAINER = `${POD}/${CID}`;

/** A 4.14 cgroupfs report: the pod's limit hit, the younger of two java processes killed. */
function report(victim: number, extra: string[] = []): string[] {
  const messages = [
    'java invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null), order=0, ' +
      'oom_score_adj=999',
    `java cpuset=${CID} mems_allowed=0`,
    `CPU: 3 PID: ${victim} Comm: java Not tainted 4.14.0 #1`,
    `Task in ${CONTAINER} killed as a result of limit of ${POD}`,
    'memory: usage 524288kB, limit 524288kB, failcnt 42',
    'memory+swap: usage 524288kB, limit 9007199254740988kB, failcnt 0',
    `Memory cgroup stats for ${POD}: cache:0KB rss:0KB`,
    `Memory cgroup stats for ${POD}/${SID}: cache:0KB rss:40KB`,
    `Memory cgroup stats for ${CONTAINER}: cache:100KB rss:520000KB`,
    '[ pid ]   uid  tgid total_vm   rss nr_ptes nr_pmds swapents oom_score_adj name',
    '[  790]     0   790      256     1       4       2        0          -998 pause',
    '[  800]  1000   800   500000 120000    300       3        0           999 java',
    '[  801]  1000   801   600000 130000    310       3        0           999 java',
    `Memory cgroup out of memory: Kill process ${victim} (java) score 1000 or sacrifice child`,
    `Killed process ${victim} (java) total-vm:2400000kB, anon-rss:519000kB, file-rss:1000kB, ` +
      'shmem-rss:0kB',
  ];
  return [...dmesg(messages, 600), ...extra];
}

function event(lines: string[]): OomKillEvent {
  const events = killsOf(parseLogText(lines.join('\n'), CONTEXT).records);
  expect(events).toHaveLength(1);
  return events[0] as OomKillEvent;
}

describe('judgeChildKill', () => {
  it('suspects a child kill when an older workload process shares the cgroup', () => {
    expect(event(report(801))).toMatchObject({
      scope: 'pod',
      oomCgroup: POD,
      taskCgroup: CONTAINER,
      pod: { uid: UID, qosClass: 'Burstable' },
      container: { id: CID, runtime: null },
      memcg: { usageKb: 524288, limitKb: 524288, failcnt: 42 },
      victim: { pid: 801, name: 'java', anonRssKb: 519000, fileRssKb: 1000, shmemRssKb: 0 },
      memoryStats: { cache: 0, rss: 0 },
      childKillSuspected: true,
      childKillEvidence: [
        'no group kill; java (pid 800) is older than the victim in the same cgroup',
        'no container exit was seen after the kill',
      ],
    });
    expect(event(report(801)).recommendation).toContain('Only a child process was killed');
  });

  it('does not suspect the oldest workload process (pause does not count)', () => {
    expect(event(report(800))).toMatchObject({
      childKillSuspected: false,
      childKillEvidence: ['the victim is the oldest workload process in the task list'],
    });
  });

  it('does not suspect a kill after which the container exited', () => {
    const exit = `[600.100000] TaskExit event container_id:"${CID}" id:"${CID}" pid:800`;
    expect(event(report(801, [exit]))).toMatchObject({
      childKillSuspected: false,
      childKillEvidence: ['the container exited after the kill'],
    });
  });

  it('has no verdict without a task table', () => {
    const lines = report(801).filter((line) => !/\] \[\s+\d+\]|\[ pid \]/.test(line));
    expect(event(lines)).toMatchObject({
      childKillSuspected: false,
      childKillEvidence: ['no task list: not enough evidence either way'],
    });
  });
});
