/** One case per kernel line shape, with the names and tails that break naive patterns. */
import { matchKernelLine, type KillFields } from '../../shared/kernel/line-shapes';

function kill(message: string): KillFields | null {
  const line = matchKernelLine(message);
  return line?.shape === 'killed' ? line.kill : null;
}

const TAIL_54 =
  'total-vm:123456kB, anon-rss:1000kB, file-rss:200kB, ' +
  'shmem-rss:30kB, UID:33 pgtables:400kB oom_score_adj:999';

describe('Killed process', () => {
  it('reads every tail of a 5.4+ memcg kill with a name holding a colon and spaces', () => {
    expect(
      kill(`Memory cgroup out of memory: Killed process 1234 (php-fpm: pool w) ${TAIL_54}`),
    ).toEqual({
      pid: 1234,
      name: 'php-fpm: pool w',
      prefix: 'memcg',
      totalVmKb: 123456,
      anonRssKb: 1000,
      fileRssKb: 200,
      shmemRssKb: 30,
      uid: 33,
      pgtablesKb: 400,
      oomScoreAdj: 999,
    });
  });

  it('reads a 4.5–5.0 global kill (shmem, no UID tail) of a slashed name', () => {
    const line =
      'Out of memory: Killed process 5 (kworker/0:1) total-vm:10kB, ' +
      'anon-rss:1kB, file-rss:2kB, shmem-rss:3kB';
    expect(kill(line)).toEqual({
      pid: 5,
      name: 'kworker/0:1',
      prefix: 'global',
      totalVmKb: 10,
      anonRssKb: 1,
      fileRssKb: 2,
      shmemRssKb: 3,
      uid: null,
      pgtablesKb: null,
      oomScoreAdj: null,
    });
  });

  it('reads a 3.x kill without prefix or shmem, of a name in parentheses', () => {
    expect(
      kill('Killed process 6 ((sd-pam)) total-vm:10kB, anon-rss:1kB, file-rss:2kB'),
    ).toMatchObject({
      pid: 6,
      name: '(sd-pam)',
      prefix: null,
      fileRssKb: 2,
      shmemRssKb: null,
    });
  });

  it.each([
    ['a(b)c', 'a(b)c'],
    ['[brackets] x', '[brackets] x'],
    ['C1 CompilerThre', 'C1 CompilerThre'],
    ['StreamTrans #72', 'StreamTrans #72'],
    ['x) total', 'x) total'],
  ])('takes the name %s up to the last tail marker', (name, expected) => {
    expect(kill(`Out of memory: Killed process 7 (${name}) ${TAIL_54}`)?.name).toBe(expected);
  });

  it('reads the oom_kill_allocating_task prefix as global', () => {
    const line =
      'Out of memory (oom_kill_allocating_task): Killed process 8 ' +
      '(a) total-vm:1kB, anon-rss:1kB, file-rss:0kB';
    expect(kill(line)?.prefix).toBe('global');
  });

  it('reads a prefixed kill line with no tail, and one cut with ...', () => {
    expect(kill('Memory cgroup out of memory: Killed process 9 (java)')).toMatchObject({
      pid: 9,
      name: 'java',
      totalVmKb: null,
    });
    expect(kill('Memory cgroup out of memory: Killed process 9 (java) ...')?.name).toBe('java');
  });

  it('refuses "Killed process" text without the kernel tail or prefix', () => {
    expect(matchKernelLine('Killed process 123 (foo)')).toBeNull();
    expect(
      matchKernelLine('supervisor: Killed process 123 (foo) total-vm:1kB, anon-rss:1kB'),
    ).toBeNull();
    const npd =
      'I0624 18:49:43.983472 6018 log_monitor.go:159] New ' +
      'status generated: &{Source:kernel-monitor ' +
      'Events:[{Reason:OOMKilling Message:Memory cgroup out of ' +
      'memory: Killed process 68061 (stress) ' +
      'total-vm:4195088kB, anon-rss:2884696kB';
    expect(matchKernelLine(npd)).toBeNull();
  });
});

describe('other report lines', () => {
  it('reads the header with gfp_mask, order and oom_score_adj; the name keeps its spaces', () => {
    const line =
      'C1 CompilerThre invoked oom-killer: ' +
      'gfp_mask=0x6000c0(GFP_KERNEL), nodemask=(null), order=0, oom_score_adj=-997';
    expect(matchKernelLine(line)).toEqual({
      shape: 'header',
      name: 'C1 CompilerThre',
      gfpMask: '0x6000c0',
      order: 0,
      adj: -997,
    });
  });

  it('reads a 3.x header with oom_adj', () => {
    const line =
      'memorymonster invoked oom-killer: gfp_mask=0xd0, order=0, oom_adj=0, oom_score_adj=0';
    expect(matchKernelLine(line)).toMatchObject({ gfpMask: '0xd0', order: 0, adj: 0 });
  });

  it('reads the CPU line, with and without the 6.x UID field', () => {
    expect(
      matchKernelLine(
        'CPU: 21 PID: 585614 Comm: C1 CompilerThre Kdump: loaded Not tainted 4.19.0 #1',
      ),
    ).toEqual({
      shape: 'cpu',
      pid: 585614,
      comm: 'C1 CompilerThre',
    });
    expect(
      matchKernelLine('CPU: 1 UID: 0 PID: 77 Comm: stress Not tainted 6.12.0 #1'),
    ).toMatchObject({
      pid: 77,
      comm: 'stress',
    });
  });

  it('reads the pre-4.19 cpuset line', () => {
    expect(
      matchKernelLine('C1 CompilerThre cpuset=cri-containerd-a.scope mems_allowed=0-3'),
    ).toEqual({
      shape: 'cpuset',
      name: 'C1 CompilerThre',
      cpuset: 'cri-containerd-a.scope',
      memsAllowed: '0-3',
    });
  });

  it('reads the pre-5.0 Task in … limit of … line, and one cut before the limit', () => {
    expect(
      matchKernelLine('Task in /kubepods/pod1/c1 killed as a result of limit of /kubepods/pod1'),
    ).toEqual({
      shape: 'task-in',
      taskCgroup: '/kubepods/pod1/c1',
      oomCgroup: '/kubepods/pod1',
    });
    expect(
      matchKernelLine('Task in /kubepods/pod1/c1 killed as a result of limit of '),
    ).toMatchObject({
      oomCgroup: null,
    });
  });

  it('reads Kill process … or sacrifice child, with a name holding parentheses', () => {
    expect(
      matchKernelLine(
        'Memory cgroup out of memory: Kill process 9 (runc:[2:INIT]) score 1000 or sacrifice child',
      ),
    ).toEqual({
      shape: 'choose',
      pid: 9,
      name: 'runc:[2:INIT]',
      prefix: 'memcg',
    });
    expect(
      matchKernelLine('Out of memory: Kill process 1 ((resolved)) score 5 or sacrifice child'),
    ).toMatchObject({
      name: '(resolved)',
      prefix: 'global',
    });
  });

  it.each([
    ['memory: usage 409600kB, limit 409600kB, failcnt 13061', 'memory', 409600, 409600, 13061],
    ['memory+swap: usage 614400kB, limit 614400kB, failcnt 0', 'memory+swap', 614400, 614400, 0],
    ['kmem: usage 0kB, limit 9007199254740988kB, failcnt 0', 'kmem', 0, 9007199254740988, 0],
    ['swap: usage 0kB, limit 0kB, failcnt 0', 'swap', 0, 0, 0],
    ['memory: usage 1024kB, limit 2048kB', 'memory', 1024, 2048, null],
  ])('reads the usage line %s', (line, counter, usageKb, limitKb, failcnt) => {
    expect(matchKernelLine(line)).toEqual({ shape: 'usage', counter, usageKb, limitKb, failcnt });
  });

  it('reads v1 inline stats (kB → bytes) and a v2 stats header', () => {
    expect(
      matchKernelLine('Memory cgroup stats for /mem2: cache:0KB rss:920KB rss_huge:0KB'),
    ).toEqual({
      shape: 'stats',
      path: '/mem2',
      inline: { cache: 0, rss: 920 * 1024, rss_huge: 0 },
      cut: false,
    });
    expect(matchKernelLine('Memory cgroup stats for /kubepods.slice/x.scope:')).toEqual({
      shape: 'stats',
      path: '/kubepods.slice/x.scope',
      inline: {},
      cut: false,
    });
  });

  it('reads a v2 stats line, indented or not', () => {
    expect(matchKernelLine('anon 2953768960')).toEqual({
      shape: 'stat-line',
      key: 'anon',
      value: 2953768960,
    });
    expect(matchKernelLine('    file_mapped 0')).toEqual({
      shape: 'stat-line',
      key: 'file_mapped',
      value: 0,
    });
  });

  it('reads the task table header and rows', () => {
    expect(matchKernelLine('Tasks state (memory values in pages):')).toEqual({
      shape: 'tasks-state',
    });
    expect(
      matchKernelLine(
        '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
      ),
    ).toEqual({
      shape: 'task-header',
      columns: [
        'uid',
        'tgid',
        'total_vm',
        'rss',
        'pgtables_bytes',
        'swapents',
        'oom_score_adj',
        'name',
      ],
    });
    expect(
      matchKernelLine(
        '[  68061]     0 68061  1048772   721252  5832704        0           872 stress',
      ),
    ).toEqual({
      shape: 'task-row',
      fields: ['68061', '0', '68061', '1048772', '721252', '5832704', '0', '872', 'stress'],
    });
  });

  it('reads the group-kill line', () => {
    expect(
      matchKernelLine(
        'Tasks in /kubepods.slice/a.scope are going to be killed due to memory.oom.group set',
      ),
    ).toEqual({
      shape: 'group',
      cgroup: '/kubepods.slice/a.scope',
    });
  });

  it('reads the already-exiting line', () => {
    expect(
      matchKernelLine(
        'Memory cgroup out of memory: OOM victim 55 (kworker/u8:2 x) ' +
          'is already exiting. Skip killing the task',
      ),
    ).toEqual({
      shape: 'exiting',
      pid: 55,
      name: 'kworker/u8:2 x',
    });
  });

  it('reads both oom_reaper lines', () => {
    expect(
      matchKernelLine(
        'oom_reaper: reaped process 68061 (stress), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
      ),
    ).toEqual({
      shape: 'reaper',
      pid: 68061,
      name: 'stress',
    });
    expect(matchKernelLine('oom_reaper: unable to reap pid:12 (a (b))')).toEqual({
      shape: 'reaper',
      pid: 12,
      name: 'a (b)',
    });
  });

  it('reads callbacks suppressed and the fatal lines', () => {
    expect(matchKernelLine('oom_kill_process: 14 callbacks suppressed')).toEqual({
      shape: 'suppressed',
      count: 14,
    });
    expect(
      matchKernelLine('Kernel panic - not syncing: Out of memory and no killable processes...'),
    ).toMatchObject({
      shape: 'fatal',
    });
    expect(matchKernelLine('System is deadlocked on memory')).toMatchObject({ shape: 'fatal' });
  });

  it('reads the oom-kill summary line', () => {
    expect(
      matchKernelLine(
        'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=a,pid=1,uid=0',
      ),
    ).toMatchObject({
      shape: 'summary',
      summary: { globalOom: true, pid: 1 },
    });
  });

  it('knows dump lines and ignores everything else', () => {
    expect(matchKernelLine('Call Trace:')).toEqual({ shape: 'dump' });
    expect(matchKernelLine('Mem-Info:')).toEqual({ shape: 'dump' });
    expect(matchKernelLine('eth0: link up')).toBeNull();
  });
});
