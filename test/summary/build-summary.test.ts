/** The summary counts kills, not every stored report. */
import { buildDailySummary } from '../../shared/summary/build-summary';
import { makeEvent } from '../support/storage-fixtures';

describe('buildDailySummary', () => {
  it('leaves reports without a killed process out of every kill count', () => {
    const killed = makeEvent({ id: 'k1', time: '2024-06-10T08:00:00.000Z', scope: 'pod' });
    const cut = makeEvent({
      id: 'cut1',
      time: '2024-06-10T09:00:00.000Z',
      scope: 'unknown',
      victim: null,
      killed: [],
    });

    const summary = buildDailySummary({
      cluster: 'c1',
      day: '2024-06-10',
      generatedAt: new Date('2024-06-11T03:00:00.000Z'),
      events: [killed, cut],
      truncated: false,
      pressure: [],
      priorDays: [],
    });

    expect(summary.totalKills).toBe(1);
    expect(summary.reportsWithoutKill).toBe(1);
    expect(summary.killsByScope.unknown).toBe(0);
    expect(summary.killsByScope.pod).toBe(1);
  });
});
