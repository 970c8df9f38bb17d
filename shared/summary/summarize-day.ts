/**
 * Summaries on demand: build a day from storage, and the read path that serves today live and
 * earlier days from the `oomsummaries` table (building and storing a day on first ask).
 */
import { DailySummary, LOOKBACK_DAYS, SUMMARY_LIMITS } from './daily-summary';
import { buildDailySummary, PriorDay } from './build-summary';
import { SummaryStore } from './summary-store';
import { addDays, dayBounds, utcDayOf } from './utc-day';

/**
 * A stored summary built less than this long after its day ended is provisional: events of
 * the day's last minutes may still have been on their way through Event Hubs. The first read
 * after this delay rebuilds and stores it once more.
 */
export const SETTLE_MS = 2 * 3_600_000;

/** Thrown when a summary of a day that has not begun is asked for. */
export class FutureDayError extends Error {
  constructor(readonly day: string) {
    super(`no summary for ${day}: the day has not started (UTC)`);
    this.name = 'FutureDayError';
  }
}

/** Builds the summary of `day` from the events, pressure records and the 7 days before. */
export async function summarizeDay(
  store: SummaryStore,
  cluster: string,
  day: string,
  now: Date = new Date(),
): Promise<DailySummary> {
  const priorDayNames = Array.from({ length: LOOKBACK_DAYS }, (_, i) => addDays(day, -(i + 1)));
  const [{ events, truncated }, pressure, priorDays] = await Promise.all([
    store.eventsOfDay(cluster, day, SUMMARY_LIMITS.events),
    store.pressureOfDay(cluster, day),
    priorFacts(store, cluster, priorDayNames),
  ]);
  return buildDailySummary({
    cluster,
    day,
    generatedAt: now,
    events,
    truncated,
    pressure,
    priorDays,
  });
}

/** Builds `day` and stores it (Replace upsert keyed by cluster and day: safe to repeat). */
export async function buildAndStoreSummary(
  store: SummaryStore,
  cluster: string,
  day: string,
  now: Date = new Date(),
): Promise<DailySummary> {
  const summary = await summarizeDay(store, cluster, day, now);
  await store.saveSummary(summary);
  return summary;
}

/**
 * The summary of `day` as of `now`: today (UTC) is computed live and not stored; an earlier
 * day is read from the table, or built and stored when missing or still provisional.
 */
export async function getDailySummary(
  store: SummaryStore,
  cluster: string,
  day: string,
  now: Date = new Date(),
): Promise<DailySummary> {
  const today = utcDayOf(now);
  if (day > today) throw new FutureDayError(day);
  if (day === today) return summarizeDay(store, cluster, day, now);

  const stored = await store.readSummary(cluster, day);
  if (stored !== null && isSettled(stored, now)) return stored;
  return buildAndStoreSummary(store, cluster, day, now);
}

/** True when rebuilding could not change the summary (see {@link SETTLE_MS}). */
function isSettled(summary: DailySummary, now: Date): boolean {
  const settledAt = dayBounds(summary.day).to.getTime() + SETTLE_MS;
  return Date.parse(summary.generatedAt) >= settledAt || now.getTime() < settledAt;
}

/**
 * Totals and pod sets of earlier days: from their stored summaries where present, else from
 * their events. Never builds those days' own summaries, which would reach further back.
 */
async function priorFacts(
  store: SummaryStore,
  cluster: string,
  days: readonly string[],
): Promise<PriorDay[]> {
  const oldest = days.reduce((a, b) => (a < b ? a : b));
  const newest = days.reduce((a, b) => (a > b ? a : b));
  const stored = new Map(
    (await store.listSummaries(cluster, oldest, newest)).map((s) => [s.day, s]),
  );
  return Promise.all(
    days.map(async (day): Promise<PriorDay> => {
      const summary = stored.get(day);
      if (summary !== undefined) {
        const pods = [...summary.pods.newToday, ...summary.pods.seenBefore];
        return { day, kills: summary.totalKills, podUids: new Set(pods.map((p) => p.uid)) };
      }
      const { events } = await store.eventsOfDay(cluster, day, SUMMARY_LIMITS.events);
      const uids = events.flatMap((e) => (e.pod === null ? [] : [e.pod.uid]));
      return { day, kills: events.length, podUids: new Set(uids) };
    }),
  );
}
