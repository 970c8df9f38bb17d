/** The `oom-kill:` summary line, read by its fixed keys and never split on commas. */
import { parseOomSummary } from '../../shared/kernel/oom-summary';

const POD = 'kubepods-burstable-pod10d16a28_60ff_475f_a631_510d9792219f.slice';
const CID = '178ec18073cc6ac7be2de8d9869daf162a6349dd056b6535849112c53ec3102a';
const TASK_MEMCG = `/kubepods.slice/kubepods-burstable.slice/${POD}/cri-containerd-${CID}.scope`;

describe('parseOomSummary', () => {
  it('reads a 5.x memcg summary', () => {
    const line =
      `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-${CID}.scope,` +
      `mems_allowed=0,oom_memcg=/kubepods.slice,task_memcg=${TASK_MEMCG},task=stress,` +
      'pid=68061,uid=0';
    expect(parseOomSummary(line)).toEqual({
      constraint: 'CONSTRAINT_MEMCG',
      nodemask: '(null)',
      cpuset: `cri-containerd-${CID}.scope`,
      memsAllowed: '0',
      globalOom: false,
      oomMemcg: '/kubepods.slice',
      taskMemcg: TASK_MEMCG,
      task: 'stress',
      pid: 68061,
      uid: 0,
      truncated: false,
      taskMemcgCut: null,
    });
  });

  it('keeps commas inside nodemask, mems_allowed and the task name', () => {
    const line =
      'oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=0,2-3,cpuset=/,mems_allowed=0,2-3,' +
      'global_oom,task_memcg=/user.slice,task=my,proc,pid=42,uid=1000';
    expect(parseOomSummary(line)).toMatchObject({
      constraint: 'CONSTRAINT_CPUSET',
      nodemask: '0,2-3',
      cpuset: '/',
      memsAllowed: '0,2-3',
      globalOom: true,
      oomMemcg: null,
      taskMemcg: '/user.slice',
      task: 'my,proc',
      pid: 42,
      uid: 1000,
      truncated: false,
    });
  });

  it('reads a summary without cpuset fields (no CONFIG_CPUSETS)', () => {
    const line =
      'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(nu' +
      'll),global_oom,task_memcg=/,task=a b,pid=1,uid=0';
    expect(parseOomSummary(line)).toMatchObject({
      cpuset: null,
      memsAllowed: null,
      globalOom: true,
      taskMemcg: '/',
      task: 'a b',
    });
  });

  it('reads a 4.19 summary without memcg fields', () => {
    const line =
      'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(n' +
      'ull),cpuset=/,mems_allowed=0,task=x,pid=5,uid=0';
    expect(parseOomSummary(line)).toMatchObject({
      constraint: 'CONSTRAINT_NONE',
      globalOom: false,
      oomMemcg: null,
      taskMemcg: null,
      task: 'x',
      pid: 5,
    });
  });

  it('does not take a task named global_oomer for the global_oom flag', () => {
    const line =
      'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oo' +
      'm_memcg=/a,task_memcg=/a,task=x,global_oomer,pid=5,uid=0';
    expect(parseOomSummary(line)).toMatchObject({ globalOom: false, task: 'x,global_oomer' });
  });

  it('keeps the whole oom_memcg of a summary cut inside task_memcg, and the cut rest', () => {
    const cut = TASK_MEMCG.slice(0, 120);
    const line =
      `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),` +
      `oom_memcg=/kubepods.slice/${POD},task_memcg=${cut}...`;
    expect(parseOomSummary(line)).toMatchObject({
      oomMemcg: `/kubepods.slice/${POD}`,
      taskMemcg: null,
      taskMemcgCut: cut,
      task: null,
      pid: null,
      uid: null,
      truncated: true,
    });
  });

  it('drops a path the cut went through', () => {
    const line = 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/kubepods/burs';
    expect(parseOomSummary(line)).toMatchObject({ oomMemcg: null, truncated: true });
  });

  it('accepts a short prefix and refuses lines that are not summaries', () => {
    expect(parseOomSummary('  oom-kill:constraint=CONSTRAINT_NONE,task=a,pid=1,uid=0')?.pid).toBe(
      1,
    );
    expect(parseOomSummary('note: oom-kill:constraint=CONSTRAINT_NONE')).toBeNull();
    expect(parseOomSummary('Out of memory')).toBeNull();
  });
});
