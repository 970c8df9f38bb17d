/** One actionable sentence per scope. */
import { recommend, type RecommendationInput } from '../../shared/classify/recommendation';

const base: RecommendationInput = {
  scope: 'container',
  limitKb: null,
  container: null,
  oomCgroup: null,
  childKillSuspected: false,
};

describe('recommend', () => {
  it('names the container and its limit in MiB or GiB', () => {
    expect(recommend({ ...base, container: 'app', limitKb: 524288 })).toBe(
      'Container app hit its own memory limit (512 MiB): ' +
        'raise resources.limits.memory or fix the memory growth.',
    );
    expect(recommend({ ...base, limitKb: 3 * 1024 * 1024 })).toBe(
      'The container hit its own memory limit (3.0 GiB): ' +
        'raise resources.limits.memory or fix the memory growth.',
    );
    expect(recommend({ ...base, limitKb: 980 })).toContain('(980 KiB)');
  });

  it('names the system cgroup', () => {
    expect(recommend({ ...base, scope: 'system', oomCgroup: '/mem2', limitKb: 980 })).toBe(
      'A non-pod cgroup (/mem2) hit its own limit (980 KiB): ' +
        "raise that unit's MemoryMax or fix the service.",
    );
  });

  it('adds the child-kill note', () => {
    expect(recommend({ ...base, childKillSuspected: true })).toMatch(
      new RegExp(
        ' Only a child process was killed, so the container likely kept running without it; ' +
          'check the workload for lost worker processes\\.$',
      ),
    );
  });

  it.each(['pod', 'node', 'global', 'cpuset', 'mempolicy', 'unknown'] as const)(
    'gives a sentence for %s',
    (scope) => {
      expect(recommend({ ...base, scope })).toMatch(/^[A-Z].+\.$/);
    },
  );
});
