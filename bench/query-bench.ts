/**
 * The query benchmark: latency of a pod's week and of a cluster's day through
 * `EventStore.listEvents` (first page of 100, newest first), at a small and a large number of
 * stored events, median of 7 runs after a warm-up.
 *
 * The events are written straight into the emulator (see azurite-child.ts): the real entity
 * mapping for the main table and the two index tables these queries read (by time, by pod),
 * without the HTTP API, whose upserts are quadratic in one partition on Azurite.
 */
import { EventStore } from '../shared/storage/event-store';
import { startBenchStorage } from './storage';
import { CLUSTER, DAY_MS, END_MS, podUid } from './synthetic-events';

/** Latencies measured at one store size. */
export interface QueryRun {
  events: number;
  loadSeconds: number;
  podWeekMs: number;
  clusterDayMs: number;
  podWeekEvents: number;
  clusterDayEvents: number;
}

const PAGE = 100;
const RUNS = 7;
const LOAD_CHUNK = 20_000;

/** Loads `count` events into a fresh Azurite and times both queries (median of runs). */
export async function runQueries(count: number, log: (line: string) => void): Promise<QueryRun> {
  const storage = await startBenchStorage();
  try {
    const started = process.hrtime.bigint();
    for (let from = 0; from < count; from += LOAD_CHUNK) {
      await storage.load(count, from, Math.min(count, from + LOAD_CHUNK));
      if ((from / LOAD_CHUNK) % 10 === 9) log(`  loaded ${from + LOAD_CHUNK} events`);
    }
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const store = new EventStore(storage.tables);
    const podWeek = () =>
      store.listEvents({
        cluster: CLUSTER,
        pod: podUid(0),
        from: new Date(END_MS - 7 * DAY_MS),
        to: new Date(END_MS),
        limit: PAGE,
      });
    const clusterDay = () =>
      store.listEvents({
        cluster: CLUSTER,
        from: new Date(END_MS - DAY_MS),
        to: new Date(END_MS),
        limit: PAGE,
      });
    const pod = await median(podWeek);
    const day = await median(clusterDay);
    return {
      events: count,
      loadSeconds,
      podWeekMs: pod.ms,
      clusterDayMs: day.ms,
      podWeekEvents: pod.events,
      clusterDayEvents: day.events,
    };
  } finally {
    await storage.stop();
  }
}

async function median(query: () => Promise<{ events: unknown[] }>) {
  const times: number[] = [];
  let events = (await query()).events.length; // warm-up
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    events = (await query()).events.length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)] ?? 0, events };
}
