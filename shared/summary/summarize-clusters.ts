/** Builds and stores one day's summary for every cluster with events (the nightly job). */
import { buildAndStoreSummary } from './summarize-day';
import { SummaryStore } from './summary-store';
import { dayBounds } from './utc-day';

/** Where log lines go; an InvocationContext fits. */
export interface SummaryLogger {
  info(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

/** What one cluster's build did. */
export interface ClusterSummaryOutcome {
  cluster: string;
  day: string;
  kills?: number;
  error?: string;
}

/** Thrown after every cluster was tried when at least one build failed, so the host retries. */
export class SummaryBuildError extends Error {
  constructor(readonly outcomes: readonly ClusterSummaryOutcome[]) {
    const failed = outcomes.filter((o) => o.error !== undefined).map((o) => o.cluster);
    super(`daily summary failed for ${failed.join(', ')}`);
    this.name = 'SummaryBuildError';
  }
}

/**
 * Builds `day` for every cluster whose events started before the day ended (a Replace upsert
 * each, so a retried run rewrites the same rows). One cluster's failure does not stop others.
 */
export async function summarizeClusters(
  store: SummaryStore,
  day: string,
  now: Date,
  log: SummaryLogger,
): Promise<ClusterSummaryOutcome[]> {
  const dayEnd = dayBounds(day).to.toISOString();
  const clusters = (await store.events.listClusters()).filter((c) => c.firstEventTime < dayEnd);

  const outcomes: ClusterSummaryOutcome[] = [];
  for (const { cluster } of clusters) {
    try {
      const summary = await buildAndStoreSummary(store, cluster, day, now);
      log.info('daily summary stored', { cluster, day, kills: summary.totalKills });
      outcomes.push({ cluster, day, kills: summary.totalKills });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error('daily summary failed', { cluster, day, error: message });
      outcomes.push({ cluster, day, error: message });
    }
  }
  if (outcomes.some((o) => o.error !== undefined)) throw new SummaryBuildError(outcomes);
  return outcomes;
}
