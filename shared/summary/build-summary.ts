/**
 * Builds a {@link DailySummary} from a day's events, its memory-pressure records and what is
 * known of the days before. Pure: no I/O, so every count is testable from hand-built events.
 */
import { MemoryPressureRecord, OomKillEvent, SCOPES, Scope } from '../model/event';
import {
  DailySummary,
  EventRef,
  HourKills,
  LOOKBACK_DAYS,
  PodSighting,
  SUMMARY_LIMITS,
  SUMMARY_SCHEMA_VERSION,
  TopPod,
} from './daily-summary';
import { dayBounds } from './utc-day';

/** What one earlier day contributes: its total and the pods killed on it. */
export interface PriorDay {
  day: string;
  kills: number;
  podUids: ReadonlySet<string>;
}

/** Everything a summary is built from. */
export interface SummaryInput {
  cluster: string;
  day: string;
  generatedAt: Date;
  /** The day's events (any order). */
  events: readonly OomKillEvent[];
  /** More events were filed than `events` holds. */
  truncated: boolean;
  pressure: readonly MemoryPressureRecord[];
  /** The {@link LOOKBACK_DAYS} days before `day`, any order; missing days count as 0 kills. */
  priorDays: readonly PriorDay[];
}

/** Builds the summary. */
export function buildDailySummary(input: SummaryInput): DailySummary {
  const { from, to } = dayBounds(input.day);
  // A report cut before its kill line (grep excerpts, a header with the rest lost) is kept as
  // an event for the record, but it is not a kill: counting it would inflate every figure.
  const events = input.events.filter((e) => e.killed.length > 0).sort(newestFirst);

  const killsByScope = Object.fromEntries(SCOPES.map((s) => [s, 0])) as Record<Scope, number>;
  for (const event of events) killsByScope[event.scope] += 1;

  const groupKills = events.filter((e) => e.groupKill);
  const childKills = events.filter((e) => e.childKillSuspected);
  const pods = podSightings(events, input.priorDays);

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    cluster: input.cluster,
    day: input.day,
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    complete: input.generatedAt.getTime() >= to.getTime(),
    totalKills: events.length,
    reportsWithoutKill: input.events.length - events.length,
    killsByScope,
    killsByNode: countBy(events, (e) => e.node).flatMap(([node, kills]) =>
      node === null ? [] : [{ node, kills }],
    ),
    killsByNamespace: countBy(events, (e) => e.pod?.namespace ?? null).map(
      ([namespace, kills]) => ({ namespace, kills }),
    ),
    killsByHour: killsByHour(events, from.getTime()),
    killsWithoutTime: events.filter((e) => e.time === null).length,
    topPods: topPods(events),
    groupKills: { count: groupKills.length, events: refs(groupKills) },
    childKillsSuspected: { count: childKills.length, events: refs(childKills) },
    memoryPressure: {
      count: input.pressure.length,
      byNode: countBy(input.pressure, (r) => r.node).flatMap(([node, kills]) =>
        node === null ? [] : [{ node, kills }],
      ),
      byReason: countBy(input.pressure, (r) => r.reason).map(([reason, count]) => ({
        reason,
        count,
      })),
      records: input.pressure.slice(0, SUMMARY_LIMITS.pressureRecords),
    },
    pods,
    change: change(events.length, input.day, input.priorDays),
    truncated: input.truncated,
  };
}

function newestFirst(a: OomKillEvent, b: OomKillEvent): number {
  return (b.time ?? '').localeCompare(a.time ?? '') || a.id.localeCompare(b.id);
}

/** Counts by key, most first, ties by key, null last. */
function countBy<T, K extends string | null>(
  items: readonly T[],
  key: (item: T) => K,
): [K, number][] {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(
    ([ka, a], [kb, b]) => b - a || (ka === null ? 1 : kb === null ? -1 : ka.localeCompare(kb)),
  );
}

function killsByHour(events: readonly OomKillEvent[], dayStart: number): HourKills[] {
  const hours: HourKills[] = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    total: 0,
    byScope: {},
  }));
  for (const event of events) {
    if (event.time === null) continue;
    const row = hours[Math.floor((Date.parse(event.time) - dayStart) / 3_600_000)];
    if (row === undefined) continue;
    row.total += 1;
    row.byScope[event.scope] = (row.byScope[event.scope] ?? 0) + 1;
  }
  return hours;
}

function topPods(events: readonly OomKillEvent[]): TopPod[] {
  const byUid = new Map<string, OomKillEvent[]>();
  for (const event of events) {
    if (event.pod === null) continue;
    byUid.set(event.pod.uid, [...(byUid.get(event.pod.uid) ?? []), event]);
  }
  const pods = [...byUid].map(([uid, kills]): TopPod => {
    // kills is newest first, so [0] is the latest kill.
    const latest = kills[0] as OomKillEvent;
    const named = kills.find((e) => e.pod?.name != null)?.pod ?? latest.pod;
    const peaks = kills.flatMap((e) => [e.victim?.anonRssKb ?? null, e.memcg?.usageKb ?? null]);
    const known = peaks.filter((kb): kb is number => kb !== null);
    return {
      uid,
      namespace: named?.namespace ?? null,
      name: named?.name ?? null,
      kills: kills.length,
      scopes: distinct(kills.map((e) => e.scope)),
      nodes: distinct(kills.flatMap((e) => (e.node === null ? [] : [e.node]))),
      containers: distinct(kills.flatMap((e) => (e.container?.name ? [e.container.name] : []))),
      memcgLimitKb: latest.memcg?.limitKb ?? null,
      peakUsageKb: known.length === 0 ? null : Math.max(...known),
      lastKillAt: latest.time,
      lastEventId: latest.id,
      recommendation: latest.recommendation,
    };
  });
  return pods
    .sort((a, b) => b.kills - a.kills || (b.lastKillAt ?? '').localeCompare(a.lastKillAt ?? ''))
    .slice(0, SUMMARY_LIMITS.topPods);
}

function distinct<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

function refs(events: readonly OomKillEvent[]): EventRef[] {
  return events.slice(0, SUMMARY_LIMITS.eventRefs).map((e) => ({
    id: e.id,
    time: e.time,
    node: e.node,
    scope: e.scope,
    namespace: e.pod?.namespace ?? null,
    pod: e.pod?.name ?? e.pod?.uid ?? null,
    process: e.victim?.name ?? null,
  }));
}

function podSightings(
  events: readonly OomKillEvent[],
  priorDays: readonly PriorDay[],
): DailySummary['pods'] {
  const today = new Map<string, PodSighting>();
  for (const event of events) {
    if (event.pod === null) continue;
    const seen = today.get(event.pod.uid);
    if (seen !== undefined) {
      seen.kills += 1;
      seen.namespace ??= event.pod.namespace;
      seen.name ??= event.pod.name;
    } else {
      const { uid, namespace, name } = event.pod;
      today.set(uid, { uid, namespace, name, kills: 1 });
    }
  }

  const newestPriorFirst = [...priorDays].sort((a, b) => b.day.localeCompare(a.day));
  const newToday: PodSighting[] = [];
  const seenBefore: PodSighting[] = [];
  for (const pod of today.values()) {
    const last = newestPriorFirst.find((d) => d.podUids.has(pod.uid));
    if (last === undefined) newToday.push(pod);
    else seenBefore.push({ ...pod, lastSeenDay: last.day });
  }
  const order = (a: PodSighting, b: PodSighting): number =>
    b.kills - a.kills || a.uid.localeCompare(b.uid);
  // The two lists together are the day's pod set that later days look back on.
  const half = SUMMARY_LIMITS.pods / 2;
  return {
    lookbackDays: LOOKBACK_DAYS,
    newToday: newToday.sort(order).slice(0, half),
    seenBefore: seenBefore.sort(order).slice(0, half),
  };
}

function change(
  total: number,
  day: string,
  priorDays: readonly PriorDay[],
): DailySummary['change'] {
  const previousTotals = [...priorDays]
    .filter((d) => d.day < day)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => ({ day: d.day, kills: d.kills }));
  // Days with nothing known count as zero kills: the average is over the whole window.
  const sum = previousTotals.reduce((n, d) => n + d.kills, 0);
  const previousAverage = round1(sum / LOOKBACK_DAYS);
  const delta = round1(total - sum / LOOKBACK_DAYS);
  const percent =
    sum === 0 ? null : round1(((total - sum / LOOKBACK_DAYS) * 100) / (sum / LOOKBACK_DAYS));
  return { lookbackDays: LOOKBACK_DAYS, previousTotals, previousAverage, delta, percent };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
