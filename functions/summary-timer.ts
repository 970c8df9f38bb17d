/**
 * Timer: shortly after midnight UTC, builds and stores yesterday's summary of every cluster.
 * A summary built this early is provisional; the first read two hours after midnight (the
 * digest's, usually) rebuilds it with late-arriving events (shared/summary/summarize-day.ts).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';

import { summarizeClusters } from '../shared/summary/summarize-clusters';
import { SummaryStore } from '../shared/summary/summary-store';
import { addDays, utcDayOf } from '../shared/summary/utc-day';

/** 00:05:00 UTC every day (six-field NCRONTAB; Functions timers run in UTC by default). */
export const SUMMARY_TIMER_SCHEDULE = '0 5 0 * * *';

/** What the handler uses; tests pass their own tables and clock. */
export interface SummaryTimerDeps {
  store: () => SummaryStore;
  now: () => Date;
}

const DEFAULTS: SummaryTimerDeps = {
  store: () => SummaryStore.fromEnvironment(),
  now: () => new Date(),
};

/** Builds the handler over `deps`. */
export function makeSummaryTimerHandler(deps: SummaryTimerDeps = DEFAULTS) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const now = deps.now();
    const day = addDays(utcDayOf(now), -1);
    if (timer.isPastDue) context.warn('summary timer is past due', { day });
    const outcomes = await summarizeClusters(deps.store(), day, now, context);
    context.info('daily summaries done', { day, clusters: outcomes.length });
  };
}

/** The registered handler. */
export const summaryTimerHandler = makeSummaryTimerHandler();

app.timer('summaryTimer', {
  schedule: SUMMARY_TIMER_SCHEDULE,
  retry: { strategy: 'fixedDelay', maxRetryCount: 3, delayInterval: { minutes: 5 } },
  handler: summaryTimerHandler,
});
