/**
 * Timer: sends yesterday's digest of every cluster with recipients. The schedule is the app
 * setting OOMWATCH_DIGEST_SCHEDULE (six-field NCRONTAB, UTC), resolved by the host through the
 * `%NAME%` binding expression; infra sets it (default `0 0 7 * * *`, 07:00 UTC), and a local
 * host needs it in local.settings.json, since the host refuses to start a timer whose
 * `%…%` setting is missing. A retried run sends nothing twice (shared/digest/digest-log.ts).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';

import { APP_SETTINGS } from '../shared/config/app-settings';
import { DigestRunOptions, sendDailyDigests } from '../shared/digest/send-daily-digests';

/** The binding expression of the schedule. */
export const DIGEST_TIMER_SCHEDULE = `%${APP_SETTINGS.digestSchedule}%`;

/** The schedule infra deploys when none is given: 07:00 UTC daily. */
export const DEFAULT_DIGEST_SCHEDULE = '0 0 7 * * *';

/** What the handler uses; every part defaults to the app settings. */
export interface DigestTimerDeps {
  now: () => Date;
  options: () => DigestRunOptions;
}

const DEFAULTS: DigestTimerDeps = { now: () => new Date(), options: () => ({}) };

/** Builds the handler over `deps`. */
export function makeDigestTimerHandler(deps: DigestTimerDeps = DEFAULTS) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    if (timer.isPastDue) context.warn('digest timer is past due', {});
    const outcomes = await sendDailyDigests(deps.now(), { ...deps.options(), log: context });
    context.info('digests done', {
      sent: outcomes.filter((o) => o.outcome === 'sent').length,
      skipped: outcomes.filter((o) => o.outcome !== 'sent').length,
    });
  };
}

/** The registered handler. */
export const digestTimerHandler = makeDigestTimerHandler();

app.timer('digestTimer', {
  schedule: DIGEST_TIMER_SCHEDULE,
  // A failed send is released in the digest log, so the retry sends only what failed.
  retry: { strategy: 'fixedDelay', maxRetryCount: 3, delayInterval: { minutes: 5 } },
  handler: digestTimerHandler,
});
