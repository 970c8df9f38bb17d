/** The assembler's saved state stays small however many nodes share a partition. */
import { decodeMessage } from '../../shared/decode/decode-message';
import { ReportAssembler } from '../../shared/report/assembler';

const REPORT = [
  'Dec  1 10:00:00 NODE kernel: [ 100.000001] oom-kill:constraint=CONSTRAINT_MEMCG,' +
    'nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/kubepods.slice,' +
    'task_memcg=/kubepods.slice,task=app,pid=4242,uid=0',
  'Dec  1 10:00:00 NODE kernel: [ 100.000002] Memory cgroup out of memory: Killed process ' +
    '4242 (app) total-vm:1000kB, anon-rss:500kB, file-rss:0kB, shmem-rss:0kB',
].join('\n');

describe('assembler state size', () => {
  it('forgets nodes whose reports were all emitted once they are idle', () => {
    const assembler = new ReportAssembler();
    const receivedAt = '2026-12-01T10:00:00.000Z';
    for (let node = 0; node < 300; node++) {
      const text = REPORT.replace(/NODE/g, `aks-node-${node}`);
      const decoded = decodeMessage(text, {
        referenceTime: new Date(receivedAt),
        receivedAt,
        defaultCluster: 'c1',
      });
      for (const record of decoded.records) assembler.push(record);
    }

    assembler.flushIdle(new Date('2026-12-01T10:05:00.000Z'), 30);

    const kills = assembler.take().records.filter((record) => record.kind === 'oom-kill');
    expect(kills).toHaveLength(300);
    expect(Object.keys(assembler.snapshot().nodes)).toEqual([]);
  });
});
