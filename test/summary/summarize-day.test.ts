import { randomBytes } from 'node:crypto';

import { MemoryPressureRecord, OomKillEvent } from '../../shared/model/event';
import { upsertMemoryPressure } from '../../shared/storage/memory-pressure';
import { TableClients } from '../../shared/storage/table-client-factory';
import { getDailySummaries } from '../../shared/summary/daily-summary-query';
import {
  buildAndStoreSummary,
  FutureDayError,
  getDailySummary,
  summarizeDay,
} from '../../shared/summary/summarize-day';
import { SummaryStore } from '../../shared/summary/summary-store';
import { countRows, createTestTables, makeEvent } from '../support/storage-fixtures';

const DAY = '2024-06-10';
const POD_A = 'aaaaaaaa-0000-0000-0000-000000000001';
const POD_B = 'bbbbbbbb-0000-0000-0000-000000000002';
const POD_C = 'cccccccc-0000-0000-0000-000000000003';
const POD_Z = 'dddddddd-0000-0000-0000-000000000004';

function pod(uid: string, namespace: string, name: string): OomKillEvent['pod'] {
  return { uid, qosClass: 'Burstable', namespace, name };
}

function kill(id: string, time: string | null, overrides: Partial<OomKillEvent>): OomKillEvent {
  return makeEvent({ id, time, node: 'node-1', ...overrides });
}

// The summarized day: 6 kills (one filed by receive time), plus one just after midnight.
const dayEvents: OomKillEvent[] = [
  kill('a1', `${DAY}T01:10:00.000Z`, {
    pod: pod(POD_A, 'shop', 'web'),
    victim: { ...makeEvent().victim!, name: 'java', anonRssKb: 100_000 },
    memcg: { usageKb: 262_144, limitKb: 262_144, failcnt: 1 },
  }),
  kill('a2', `${DAY}T01:40:00.000Z`, {
    pod: pod(POD_A, 'shop', 'web'),
    victim: { ...makeEvent().victim!, name: 'java', anonRssKb: 300_000 },
    memcg: { usageKb: 262_144, limitKb: 262_144, failcnt: 2 },
  }),
  kill('a3', `${DAY}T05:00:00.000Z`, {
    pod: pod(POD_A, 'shop', 'web'),
    memcg: { usageKb: 520_000, limitKb: 524_288, failcnt: 3 },
    victim: { ...makeEvent().victim!, anonRssKb: 400_000 },
    recommendation: 'latest advice for web',
  }),
  kill('b1', `${DAY}T05:30:00.000Z`, {
    scope: 'pod',
    node: 'node-2',
    groupKill: true,
    pod: pod(POD_B, 'batch', 'job'),
  }),
  kill('g1', `${DAY}T10:00:00.000Z`, {
    scope: 'global',
    node: 'node-2',
    pod: null,
    container: null,
    childKillSuspected: true,
  }),
  kill('c1', null, { scope: 'node', pod: pod(POD_C, 'shop', 'cart') }),
];
const nextDay = kill('n1', '2024-06-11T00:00:00.000Z', { pod: pod(POD_A, 'shop', 'web') });
// Earlier days: pod B the day before; 2 kills of pod Z 3 days before; 10 outside the window.
const earlier: OomKillEvent[] = [
  kill('p1', '2024-06-09T08:00:00.000Z', { pod: pod(POD_B, 'batch', 'job') }),
  kill('p2', '2024-06-07T08:00:00.000Z', { pod: pod(POD_Z, 'batch', 'old') }),
  kill('p3', '2024-06-07T09:00:00.000Z', { pod: pod(POD_Z, 'batch', 'old') }),
  ...Array.from({ length: 10 }, (_, i) =>
    kill(`old${i}`, `2024-06-02T0${i % 10}:00:00.000Z`, { pod: pod(POD_A, 'shop', 'web') }),
  ),
];

describe('daily summary', () => {
  let tables: TableClients;
  let store: SummaryStore;
  const cluster = `sum-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    tables = await createTestTables('summary');
    store = new SummaryStore(tables);
    const writes = [...dayEvents, nextDay, ...earlier].map((event) => ({
      event: { ...event, cluster },
      receivedAt: `${DAY}T12:00:00.000Z`,
    }));
    await store.events.upsertEvents(cluster, writes);
    const pressure: MemoryPressureRecord = {
      kind: 'memory-pressure',
      id: 'mp1',
      cluster,
      node: 'node-1',
      time: `${DAY}T04:59:00.000Z`,
      reason: 'EvictionThresholdMet',
      message: 'Attempting to reclaim memory',
      pod: null,
    };
    await upsertMemoryPressure(tables.memoryPressure, cluster, [
      { record: pressure, receivedAt: `${DAY}T05:00:00.000Z` },
    ]);
  });

  it('counts the day by scope, node, namespace and hour', async () => {
    const summary = await summarizeDay(store, cluster, DAY, new Date('2024-06-12T00:00:00Z'));

    expect(summary).toMatchObject({
      cluster,
      day: DAY,
      from: `${DAY}T00:00:00.000Z`,
      to: '2024-06-11T00:00:00.000Z',
      complete: true,
      totalKills: 6,
      killsWithoutTime: 1,
      truncated: false,
    });
    expect(summary.killsByScope).toEqual({
      container: 3,
      pod: 1,
      node: 1,
      global: 1,
      system: 0,
      cpuset: 0,
      mempolicy: 0,
      unknown: 0,
    });
    expect(summary.killsByNode).toEqual([
      { node: 'node-1', kills: 4 },
      { node: 'node-2', kills: 2 },
    ]);
    expect(summary.killsByNamespace).toEqual([
      { namespace: 'shop', kills: 4 },
      { namespace: 'batch', kills: 1 },
      { namespace: null, kills: 1 },
    ]);
    expect(summary.killsByHour).toHaveLength(24);
    expect(summary.killsByHour[1]).toEqual({ hour: 1, total: 2, byScope: { container: 2 } });
    expect(summary.killsByHour[5]).toEqual({
      hour: 5,
      total: 2,
      byScope: { container: 1, pod: 1 },
    });
    expect(summary.killsByHour[10]).toEqual({ hour: 10, total: 1, byScope: { global: 1 } });
    expect(summary.killsByHour.reduce((n, h) => n + h.total, 0)).toBe(5);
  });

  it('ranks pods with their limit, peak usage and latest recommendation', async () => {
    const summary = await summarizeDay(store, cluster, DAY, new Date('2024-06-12T00:00:00Z'));

    expect(summary.topPods.map((p) => [p.name, p.kills])).toEqual([
      ['web', 3],
      ['job', 1],
      ['cart', 1],
    ]);
    expect(summary.topPods[0]).toMatchObject({
      uid: POD_A,
      namespace: 'shop',
      scopes: ['container'],
      nodes: ['node-1'],
      memcgLimitKb: 524_288,
      peakUsageKb: 520_000,
      lastKillAt: `${DAY}T05:00:00.000Z`,
      lastEventId: 'a3',
      recommendation: 'latest advice for web',
    });
    expect(summary.groupKills.count).toBe(1);
    expect(summary.groupKills.events.map((e) => e.id)).toEqual(['b1']);
    expect(summary.childKillsSuspected.count).toBe(1);
    expect(summary.childKillsSuspected.events[0]).toMatchObject({ id: 'g1', scope: 'global' });
    expect(summary.memoryPressure).toMatchObject({
      count: 1,
      byNode: [{ node: 'node-1', kills: 1 }],
      byReason: [{ reason: 'EvictionThresholdMet', count: 1 }],
    });
    expect(summary.memoryPressure.records[0]?.id).toBe('mp1');
  });

  it('tells pods new today from pods killed in the 7 days before, and the change', async () => {
    const summary = await summarizeDay(store, cluster, DAY, new Date('2024-06-12T00:00:00Z'));

    // Pod A's kills on 06-02 are 8 days back: outside the look-back, so A is new.
    expect(summary.pods.newToday.map((p) => p.uid).sort()).toEqual([POD_A, POD_C]);
    expect(summary.pods.seenBefore).toEqual([
      { uid: POD_B, namespace: 'batch', name: 'job', kills: 1, lastSeenDay: '2024-06-09' },
    ]);
    expect(summary.change.previousTotals).toEqual([
      { day: '2024-06-03', kills: 0 },
      { day: '2024-06-04', kills: 0 },
      { day: '2024-06-05', kills: 0 },
      { day: '2024-06-06', kills: 0 },
      { day: '2024-06-07', kills: 2 },
      { day: '2024-06-08', kills: 0 },
      { day: '2024-06-09', kills: 1 },
    ]);
    // 3 kills over 7 days: average 0.43; 6 today is 5.57 above it, +1300 %.
    expect(summary.change).toMatchObject({ previousAverage: 0.4, delta: 5.6, percent: 1300 });
  });

  it('stores one row per cluster and day however often it is built', async () => {
    const first = await buildAndStoreSummary(store, cluster, DAY, new Date('2024-06-12T01:00Z'));
    const second = await buildAndStoreSummary(store, cluster, DAY, new Date('2024-06-12T02:00Z'));

    const rows = await countRows(tables.summaries);
    expect(rows).toBe(1);
    expect({ ...second, generatedAt: first.generatedAt }).toEqual(first);
    expect(await store.readSummary(cluster, DAY)).toEqual(second);
  });

  it('computes today live and does not store it', async () => {
    const now = new Date(`${DAY}T06:00:00.000Z`);
    const live = await getDailySummary(store, cluster, DAY, now);

    expect(live.complete).toBe(false);
    expect(live.generatedAt).toBe(now.toISOString());
    expect(live.totalKills).toBe(6);
    const other = `live-${randomBytes(3).toString('hex')}`;
    await getDailySummary(store, other, DAY, now);
    expect(await store.readSummary(other, DAY)).toBeNull();
    await expect(getDailySummary(store, cluster, '2024-06-11', now)).rejects.toThrow(
      FutureDayError,
    );
  });

  it('reads past days from the table, building a missing or provisional one once', async () => {
    const day = '2024-06-09';
    // Built 5 minutes after midnight: provisional, so the next read after 02:00 rebuilds it.
    const early = await getDailySummary(store, cluster, day, new Date('2024-06-10T00:05:00Z'));
    expect(early.totalKills).toBe(1);
    expect((await store.readSummary(cluster, day))?.generatedAt).toBe(early.generatedAt);

    const settled = await getDailySummary(store, cluster, day, new Date('2024-06-10T07:00:00Z'));
    expect(settled.generatedAt).toBe('2024-06-10T07:00:00.000Z');
    const again = await getDailySummary(store, cluster, day, new Date('2024-06-11T07:00:00Z'));
    expect(again.generatedAt).toBe(settled.generatedAt);
  });

  it('serves a range of days for the API, oldest first and clipped to today', async () => {
    const summaries = await getDailySummaries(cluster, '2024-06-08', '2024-06-30', {
      store,
      now: new Date('2024-06-11T12:00:00Z'),
    });

    expect(summaries.map((s) => [s.day, s.totalKills, s.complete])).toEqual([
      ['2024-06-08', 0, true],
      ['2024-06-09', 1, true],
      [DAY, 6, true],
      ['2024-06-11', 1, false],
    ]);
    await expect(getDailySummaries(cluster, '2024-02-30', DAY, { store })).rejects.toThrow(
      'not a calendar day (YYYY-MM-DD): 2024-02-30',
    );
  });
});
