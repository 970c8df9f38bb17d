/**
 * Summaries for the HTTP API: one day, or a range of days, over the process's storage.
 * Inputs are expected validated by the caller; an invalid day throws InvalidDayError and a day
 * after today throws FutureDayError, which an API maps to 400.
 */
import { DailySummary } from './daily-summary';
import { FutureDayError, getDailySummary as summaryOf } from './summarize-day';
import { SummaryStore } from './summary-store';
import { daysBetween, InvalidDayError, isUtcDay, utcDayOf } from './utc-day';

/** Longest range {@link getDailySummaries} serves in one call. */
export const MAX_SUMMARY_RANGE_DAYS = 92;

/** Where the summaries come from and what time it is; defaults to the app settings and now. */
export interface SummaryQueryOptions {
  store?: SummaryStore;
  now?: Date;
}

/** The summary of one UTC day (`YYYY-MM-DD`); today's is computed live. */
export async function getDailySummary(
  cluster: string,
  date: string,
  options: SummaryQueryOptions = {},
): Promise<DailySummary> {
  const store = options.store ?? SummaryStore.fromEnvironment();
  return summaryOf(store, cluster, date, options.now ?? new Date());
}

/**
 * Summaries of every day in `[from, to]` (inclusive `YYYY-MM-DD`), oldest first. `to` is
 * clipped to today; a range over {@link MAX_SUMMARY_RANGE_DAYS} days throws a RangeError.
 */
export async function getDailySummaries(
  cluster: string,
  from: string,
  to: string,
  options: SummaryQueryOptions = {},
): Promise<DailySummary[]> {
  for (const day of [from, to]) if (!isUtcDay(day)) throw new InvalidDayError(day);
  const now = options.now ?? new Date();
  const today = utcDayOf(now);
  const last = to > today ? today : to;
  if (from > today) throw new FutureDayError(from);

  const days = daysBetween(from, last);
  if (days.length > MAX_SUMMARY_RANGE_DAYS) {
    throw new RangeError(`at most ${MAX_SUMMARY_RANGE_DAYS} days per request: ${from}..${to}`);
  }
  const store = options.store ?? SummaryStore.fromEnvironment();
  // One day at a time: each may build and store, and a missing day reads 7 earlier ones.
  const summaries: DailySummary[] = [];
  for (const day of days) summaries.push(await summaryOf(store, cluster, day, now));
  return summaries;
}

export { FutureDayError, InvalidDayError };
export type { DailySummary };
