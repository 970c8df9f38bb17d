/** Scope from where the limit was hit, for every scope value, through whole reports. */
import { scopeOfPath } from '../../shared/classify/scope';
import type { OomKillEvent } from '../../shared/model/event';
import { parseLogText } from '../../shared/parse-text';
import { CONTEXT, killsOf } from '../support/samples';
import {
  BURSTABLE_SLICE,
  CONTAINER_SCOPE,
  dmesg,
  killedLine,
  POD_SLICE,
} from '../support/kernel-logs';

function summaryEvent(fields: string, prefix = 'Memory cgroup out of memory: '): OomKillEvent {
  const summary = `oom-kill:${fields},task_memcg=${CONTAINER_SCOPE},task=app,pid=42,uid=0`;
  const events = killsOf(
    parseLogText(dmesg([summary, killedLine(42, 'app', prefix)], 9).join('\n'), CONTEXT).records,
  );
  expect(events).toHaveLength(1);
  return events[0] as OomKillEvent;
}

const NODES = 'nodemask=(null),cpuset=/,mems_allowed=0';

describe('decideScope', () => {
  it.each([
    ['container', `CONSTRAINT_MEMCG,${NODES},oom_memcg=${CONTAINER_SCOPE}`, CONTAINER_SCOPE],
    ['pod', `CONSTRAINT_MEMCG,${NODES},oom_memcg=${POD_SLICE}`, POD_SLICE],
    ['node', `CONSTRAINT_MEMCG,${NODES},oom_memcg=/kubepods.slice`, '/kubepods.slice'],
    ['node', `CONSTRAINT_MEMCG,${NODES},oom_memcg=${BURSTABLE_SLICE}`, BURSTABLE_SLICE],
    [
      'system',
      `CONSTRAINT_MEMCG,${NODES},oom_memcg=/system.slice/containerd.service`,
      '/system.slice/containerd.service',
    ],
    ['pod', `CONSTRAINT_NONE,${NODES},oom_memcg=${POD_SLICE}`, POD_SLICE],
  ])('%s: constraint=%s', (scope, fields, oomCgroup) => {
    expect(summaryEvent(`constraint=${fields}`)).toMatchObject({ scope, oomCgroup });
  });

  it('global: global_oom', () => {
    const event = summaryEvent(`constraint=CONSTRAINT_NONE,${NODES},global_oom`, 'Out of memory: ');
    expect(event).toMatchObject({ scope: 'global', oomCgroup: null, taskCgroup: CONTAINER_SCOPE });
  });

  it('cpuset and mempolicy: the constraint wins', () => {
    expect(
      summaryEvent(
        `constraint=CONSTRAINT_CPUSET,nodemask=(null),cpuset=/x,mems_allowed=1,global_oom`,
        'Out of memory: ',
      ),
    ).toMatchObject({
      scope: 'cpuset',
      constraint: 'CONSTRAINT_CPUSET',
    });
    expect(
      summaryEvent(
        `constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0-1,cpuset=/,mems_allowed=0,global_oom`,
        'Out of memory: ',
      ),
    ).toMatchObject({
      scope: 'mempolicy',
      constraint: 'CONSTRAINT_MEMORY_POLICY',
    });
  });

  it('pre-5.0: the limit-of cgroup of the Task in line', () => {
    const text = dmesg(
      [
        `Task in ${CONTAINER_SCOPE} killed as a result of limit of ${POD_SLICE}`,
        killedLine(1, 'a'),
      ],
      3,
    );
    expect(killsOf(parseLogText(text.join('\n'), CONTEXT).records)[0]).toMatchObject({
      scope: 'pod',
      oomCgroup: POD_SLICE,
    });
  });

  it('unknown: a bare memcg kill line', () => {
    const text = dmesg([killedLine(1, 'a')], 3).join('\n');
    expect(killsOf(parseLogText(text, CONTEXT).records)[0]?.scope).toBe('unknown');
  });
});

describe('scopeOfPath', () => {
  it.each([
    ['/', 'global'],
    ['/docker/2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50', 'container'],
    ['/kubepods', 'node'],
    ['/kubepods/besteffort', 'node'],
    ['/podruntime.slice/kubelet.service', 'system'],
    ['/user.slice/user-1000.slice', 'system'],
  ])('%s → %s', (path, scope) => {
    expect(scopeOfPath(path)).toBe(scope);
  });
});
