/**
 * Sends yesterday's digest of every cluster with recipients, once: each (cluster, day) is
 * claimed in the digest log before it is sent (see digest-log.ts for the at-most-once rule).
 */
import { readAppSetting } from '../config/app-settings';
import { getDailySummary } from '../summary/summarize-day';
import { SummaryStore } from '../summary/summary-store';
import { addDays, utcDayOf } from '../summary/utc-day';
import { claimDigest, markDigestFailed, markDigestSent } from './digest-log';
import { DigestRecipients, digestRecipientsFromSettings } from './digest-recipients';
import { emailSenderFromSettings } from './email-sender-from-settings';
import { EmailSender } from './email-sender';
import { DEFAULT_PUBLIC_BASE_URL, renderDigest } from './render-digest';

/** Where log lines go; an InvocationContext fits. */
export interface DigestLogger {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

/** What a run needs; every part defaults to the app settings. */
export interface DigestRunOptions {
  store?: SummaryStore;
  sender?: EmailSender;
  recipients?: DigestRecipients;
  baseUrl?: string;
  log?: DigestLogger;
}

/** What happened to one cluster's digest. */
export interface DigestOutcome {
  cluster: string;
  day: string;
  outcome: 'sent' | 'already-sent' | 'in-progress' | 'failed';
  kills?: number;
  error?: string;
}

/** Thrown after every cluster was tried when at least one send failed, so the host retries. */
export class DigestSendError extends Error {
  constructor(readonly outcomes: readonly DigestOutcome[]) {
    const failed = outcomes.filter((o) => o.outcome === 'failed').map((o) => o.cluster);
    super(`digest send failed for ${failed.join(', ')}`);
    this.name = 'DigestSendError';
  }
}

const SILENT: DigestLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Sends the digests of the UTC day before `now`. Safe to call again (a retried timer, or two
 * instances at once): a digest already claimed or sent is skipped.
 */
export async function sendDailyDigests(
  now: Date,
  options: DigestRunOptions = {},
): Promise<DigestOutcome[]> {
  const recipients = options.recipients ?? digestRecipientsFromSettings();
  const clusters = Object.entries(recipients).filter(([, to]) => to.length > 0);
  if (clusters.length === 0) return [];

  const store = options.store ?? SummaryStore.fromEnvironment();
  const sender = options.sender ?? emailSenderFromSettings();
  const baseUrl = options.baseUrl ?? readAppSetting('publicBaseUrl') ?? DEFAULT_PUBLIC_BASE_URL;
  const log = options.log ?? SILENT;
  const day = addDays(utcDayOf(now), -1);
  const digests = store.tables.digests;

  const outcomes: DigestOutcome[] = [];
  for (const [cluster, to] of clusters) {
    const fields = { cluster, day, sender: sender.kind };
    try {
      // Built (and stored) before the claim, so a storage failure here leaves nothing claimed.
      const summary = await getDailySummary(store, cluster, day, now);
      const content = renderDigest(summary, baseUrl);

      const claim = await claimDigest(digests, cluster, day, now);
      if (!claim.claimed) {
        const outcome = claim.status === 'sent' ? 'already-sent' : 'in-progress';
        log.info('digest skipped', { ...fields, status: claim.status });
        outcomes.push({ cluster, day, outcome });
        continue;
      }

      try {
        await sender.send({ cluster, day, to, ...content });
      } catch (error) {
        await markDigestFailed(digests, cluster, day, new Date(), error);
        throw error;
      }
      await markDigestSent(digests, cluster, day, {
        now: new Date(),
        sender: sender.kind,
        recipients: to.length,
        subject: content.subject,
      });
      log.info('digest sent', { ...fields, recipients: to.length, kills: summary.totalKills });
      outcomes.push({ cluster, day, outcome: 'sent', kills: summary.totalKills });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error('digest not sent', { ...fields, error: message });
      outcomes.push({ cluster, day, outcome: 'failed', error: message });
    }
  }

  if (outcomes.some((o) => o.outcome === 'failed')) throw new DigestSendError(outcomes);
  return outcomes;
}
