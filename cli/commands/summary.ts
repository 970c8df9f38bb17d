/**
 * `oomwatch summary --cluster C [--date YYYY-MM-DD] [--json]`: a cluster's daily summary;
 * today's (the default) is computed live, an earlier day read from storage or built and stored.
 */
import type { Command } from 'commander';

import { readAppSetting } from '../../shared/config/app-settings';
import { DEFAULT_PUBLIC_BASE_URL, renderDigest } from '../../shared/digest/render-digest';
import { DailySummary } from '../../shared/summary/daily-summary';
import { getDailySummary } from '../../shared/summary/summarize-day';
import { SummaryStore } from '../../shared/summary/summary-store';
import { isUtcDay, utcDayOf } from '../../shared/summary/utc-day';
import { openStorage } from '../storage-session';

interface DayOptions {
  cluster: string;
  date?: string;
}

/** The `--date` value, checked, or today (UTC). Messages start `--` so the CLI exits 2. */
export function dateOption(value: string | undefined, now: Date): string {
  if (value === undefined) return utcDayOf(now);
  if (!isUtcDay(value)) throw new Error(`--date must be a calendar day, YYYY-MM-DD: ${value}`);
  if (value > utcDayOf(now)) throw new Error(`--date is in the future (UTC): ${value}`);
  return value;
}

/** Loads the summary of the options' cluster and day from the CLI's storage. */
export async function loadSummary(options: DayOptions): Promise<DailySummary> {
  const now = new Date();
  const day = dateOption(options.date, now);
  const storage = await openStorage();
  try {
    return await getDailySummary(new SummaryStore(storage.tables), options.cluster, day, now);
  } finally {
    await storage.close();
  }
}

/** Adds the `summary` command to the CLI. */
export function registerSummaryCommand(program: Command): void {
  program
    .command('summary')
    .description("a cluster's daily summary (UTC day): kills by scope, node, pod, and more")
    .requiredOption('--cluster <name>', 'cluster to summarize')
    .option('--date <YYYY-MM-DD>', 'UTC day (default: today, computed live)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: DayOptions & { json?: boolean }) => {
      const summary = await loadSummary(options);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      // The digest's text form is the summary in words; its links point at the API.
      const baseUrl = readAppSetting('publicBaseUrl') ?? DEFAULT_PUBLIC_BASE_URL;
      process.stdout.write(renderDigest(summary, baseUrl).text);
    });
}
